package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Schema is the version of archcheck's JSON documents.
const Schema = 1

// Summary counts findings by severity, and the ones left out.
type Summary struct {
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Suppressed int `json:"suppressed"`
	Baselined  int `json:"baselined"`
}

// Summarize counts findings by severity.
func Summarize(fs []rules.Finding, suppressed, baselined int) Summary {
	s := Summary{Suppressed: suppressed, Baselined: baselined}
	for _, f := range fs {
		switch f.Severity {
		case rules.Error:
			s.Errors++
		case rules.Warn:
			s.Warnings++
		}
	}
	return s
}

// WriteText writes one `file:line:col: [rule] message` line per finding.
func WriteText(w io.Writer, fs []rules.Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s: [%s] %s\n", location(f), f.Rule, f.Message); err != nil {
			return err
		}
	}
	return nil
}

// WriteGrouped writes the findings of every rule but sync-call as
// WriteText does, then the sync-call findings by group (one caller module,
// one callee function): a header with the group's site count, the largest
// groups first, then its sites.
func WriteGrouped(w io.Writer, fs []rules.Finding) error {
	var others []rules.Finding
	groups := map[string][]rules.Finding{}
	var keys []string
	for _, f := range fs {
		if f.Rule != rules.RuleSyncCall || f.Group == "" {
			others = append(others, f)
			continue
		}
		if _, ok := groups[f.Group]; !ok {
			keys = append(keys, f.Group)
		}
		groups[f.Group] = append(groups[f.Group], f)
	}
	if err := WriteText(w, others); err != nil {
		return err
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(groups[b]), len(groups[a])), cmp.Compare(a, b))
	})
	for _, k := range keys {
		g := groups[k]
		from, callee, _ := strings.Cut(k, "->") // GroupKey's form
		sites := "sites"
		if len(g) == 1 {
			sites = "site"
		}
		if _, err := fmt.Fprintf(w, "[%s] %s → %s: %s, %d %s\n", rules.RuleSyncCall, from, g[0].ToModule,
			ShortName(callee), len(g), sites); err != nil {
			return err
		}
		for _, f := range g {
			if _, err := fmt.Fprintf(w, "  %s: %s\n", location(f), f.Message); err != nil {
				return err
			}
		}
	}
	return nil
}

// ShortName shortens a fully qualified function name to its package's
// last path element: "(*example.com/shop/mailer.Mailer).Send" →
// "(*mailer.Mailer).Send", "example.com/shop/checkout.PlaceOrder" →
// "checkout.PlaceOrder".
func ShortName(full string) string {
	ptr := strings.HasPrefix(full, "(*")
	s := strings.TrimPrefix(full, "(*")
	// The package path ends at the first '.' after its last '/'.
	slash := strings.LastIndexByte(s, '/')
	if dot := strings.IndexByte(s[slash+1:], '.'); slash >= 0 && dot >= 0 {
		s = s[slash+1:]
	}
	if ptr {
		return "(*" + s
	}
	return s
}

// WriteSummary writes the text output's closing summary (to stderr):
// counts by severity and by rule, and for sync-call the sites and groups;
// nothing when no finding is shown (a clean run, or one whose findings the
// baseline accepts, stays silent).
func WriteSummary(w io.Writer, fs []rules.Finding, s Summary) error {
	if len(fs) == 0 {
		return nil
	}
	byRule := map[string]int{}
	groups := map[string]bool{}
	for _, f := range fs {
		byRule[f.Rule]++
		if f.Rule == rules.RuleSyncCall && f.Group != "" {
			groups[f.Group] = true
		}
	}
	var parts []string
	for _, r := range rules.RuleIDs {
		if n := byRule[r]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", r, n))
		}
	}
	line := fmt.Sprintf("archcheck: %s: %s, %s", plural(len(fs), "finding"), plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	if n := byRule[rules.RuleSyncCall]; n > 0 {
		line += fmt.Sprintf("; sync-call: %s in %s", plural(n, "site"), plural(len(groups), "group"))
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf("; %d suppressed", s.Suppressed)
	}
	if s.Baselined > 0 {
		line += fmt.Sprintf("; %d baselined", s.Baselined)
	}
	_, err := fmt.Fprintln(w, line)
	return err
}

func location(f rules.Finding) string {
	if f.File == "" {
		return f.Package
	}
	return fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
}

// JSONFinding is the stable JSON shape of a finding (SPEC: add fields
// freely, never rename).
type JSONFinding struct {
	Rule       string   `json:"rule"`
	Severity   string   `json:"severity"`
	FromModule string   `json:"from_module,omitempty"`
	ToModule   string   `json:"to_module,omitempty"`
	Modules    []string `json:"modules,omitempty"`
	Package    string   `json:"package"`
	File       string   `json:"file,omitempty"`
	Line       int      `json:"line,omitempty"`
	Column     int      `json:"column,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Import     string   `json:"import,omitempty"`
	Table      string   `json:"table,omitempty"`  // data-ownership, unowned-table
	Access     string   `json:"access,omitempty"` // data-ownership: "reads" or "writes"
	Message    string   `json:"message"`
	Chain      []string `json:"chain,omitempty"`
	// ChainVia says, for a whole-program sync-call, how each element of
	// Chain is reached: "", "interface" or "function value".
	ChainVia []string `json:"chain_via,omitempty"`
	// Group is a sync-call finding's group (its caller module and callee
	// function), a stable key.
	Group string `json:"group,omitempty"`
}

// ToJSON converts a finding to its JSON shape.
func ToJSON(f rules.Finding) JSONFinding {
	return JSONFinding{
		Rule: f.Rule, Severity: f.Severity.String(), FromModule: f.FromModule, ToModule: f.ToModule,
		Modules: f.Modules, Package: f.Package, File: f.File, Line: f.Line, Column: f.Column,
		Kind: string(f.Kind), Import: f.Import, Table: f.Table, Access: f.Access, Message: f.Message, Chain: f.Chain, ChainVia: f.ChainVia, Group: f.Group,
	}
}

type checkDoc struct {
	Version  string        `json:"version"`
	Schema   int           `json:"schema"`
	Findings []JSONFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
}

// WriteJSON writes the `check --format json` document.
func WriteJSON(w io.Writer, version string, fs []rules.Finding, s Summary) error {
	doc := checkDoc{Version: version, Schema: Schema, Findings: make([]JSONFinding, 0, len(fs)), Summary: s}
	for _, f := range fs {
		doc.Findings = append(doc.Findings, ToJSON(f))
	}
	return EncodeJSON(w, doc)
}

// EncodeJSON writes v as indented JSON without HTML escaping.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
