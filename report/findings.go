package report

import (
	"encoding/json"
	"fmt"
	"io"

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
	Message    string   `json:"message"`
	Chain      []string `json:"chain,omitempty"`
}

// ToJSON converts a finding to its JSON shape.
func ToJSON(f rules.Finding) JSONFinding {
	return JSONFinding{
		Rule: f.Rule, Severity: f.Severity.String(), FromModule: f.FromModule, ToModule: f.ToModule,
		Modules: f.Modules, Package: f.Package, File: f.File, Line: f.Line, Column: f.Column,
		Kind: string(f.Kind), Import: f.Import, Message: f.Message, Chain: f.Chain,
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
