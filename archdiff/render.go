package archdiff

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/archcheck/archcheck/report"
	"github.com/archcheck/archcheck/rules"
)

// Verdict is the diff in one line: what a reviewer reads first.
func (d *Diff) Verdict() string {
	var parts []string
	if n := len(d.EdgesAdded); n > 0 {
		parts = append(parts, countOf(n, "new module edge", "new module edges"))
	}
	if n := len(d.EdgesRemoved); n > 0 {
		parts = append(parts, countOf(n, "module edge removed", "module edges removed"))
	}
	if n := len(d.GroupsAdded); n > 0 {
		parts = append(parts, countOf(n, "new sync-call group", "new sync-call groups"))
	}
	if n := len(d.GroupsRemoved); n > 0 {
		parts = append(parts, countOf(n, "sync-call group removed", "sync-call groups removed"))
	}
	if n := len(d.FindingsAdded); n > 0 {
		parts = append(parts, countOf(n, "new finding", "new findings"))
	}
	if n := len(d.FindingsFixed); n > 0 {
		parts = append(parts, countOf(n, "finding fixed", "findings fixed"))
	}
	if n := len(d.Unassigned); n > 0 {
		parts = append(parts, countOf(n, "new package without a module", "new packages without a module"))
	}
	if len(parts) == 0 {
		switch {
		case len(d.EdgesChanged) > 0 || len(d.Modules) > 0:
			parts = append(parts, "no new module edge, sync-call group or finding")
			if n := len(d.EdgesChanged); n > 0 {
				parts = append(parts, countOf(n, "module edge's counts changed", "module edges' counts changed"))
			}
			if n := len(d.Modules); n > 0 {
				parts = append(parts, countOf(n, "module's metrics changed", "modules' metrics changed"))
			}
		default:
			parts = append(parts, "no change to the architecture")
		}
	}
	s := strings.Join(parts, ", ")
	if d.ConfigChanged {
		s += "; archcheck.yaml changed"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// edgeCounts is "2 imports, 3 calls (1 blocking)".
func edgeCounts(e EdgeStats) string {
	ge := report.GraphEdge{Imports: e.Imports, Calls: e.Calls, BlockingCalls: e.BlockingCalls}
	if s := ge.Label(report.LevelModule); s != "" {
		return s
	}
	return "no imports"
}

// edgeDelta is "calls 2 → 3, blocking calls 1 → 2".
func edgeDelta(c EdgeChange) string {
	var parts []string
	add := func(name string, a, b int) {
		if a != b {
			parts = append(parts, fmt.Sprintf("%s %d → %d", name, a, b))
		}
	}
	add("imports", c.Before.Imports, c.After.Imports)
	add("calls", c.Before.Calls, c.After.Calls)
	add("blocking calls", c.Before.BlockingCalls, c.After.BlockingCalls)
	return strings.Join(parts, ", ")
}

func groupLine(g Group) string {
	return fmt.Sprintf("%s → %s: %s, %s", g.FromModule, g.ToModule, report.ShortName(g.Callee), countOf(g.Sites, "site", "sites"))
}

func findingLine(f rules.Finding) string {
	loc := f.Package
	if f.File != "" {
		loc = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
	}
	return fmt.Sprintf("%s: [%s] %s", loc, f.Rule, f.Message)
}

// metric is "812" or "812 → 830"; "-" for a side without the module.
func metric(b, a *ModuleStats, get func(*ModuleStats) string) string {
	switch {
	case b == nil:
		return "- → " + get(a)
	case a == nil:
		return get(b) + " → -"
	}
	if x, y := get(b), get(a); x != y {
		return x + " → " + y
	}
	return get(a)
}

var metricColumns = []struct {
	name string
	get  func(*ModuleStats) string
}{
	{"packages", func(m *ModuleStats) string { return strconv.Itoa(m.Packages) }},
	{"lines", func(m *ModuleStats) string { return strconv.Itoa(m.Lines) }},
	{"Ca", func(m *ModuleStats) string { return strconv.Itoa(m.Afferent) }},
	{"Ce", func(m *ModuleStats) string { return strconv.Itoa(m.Efferent) }},
	{"I", func(m *ModuleStats) string { return strconv.FormatFloat(m.Instability, 'f', 2, 64) }},
}

// WriteText writes the diff for a terminal.
func WriteText(w io.Writer, d *Diff) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "archcheck diff: %s (merge base %s) → working tree\n", d.BaseRef, short(d.BaseCommit))
	fmt.Fprintf(&b, "%s.\n", d.Verdict())
	if d.ConfigChanged {
		b.WriteString("archcheck.yaml differs from the base's; both sides were analysed with the working tree's.\n")
	}
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s:\n", title)
		for _, l := range lines {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	section("Module edges", edgeLines(d))
	section("Sync-call groups", groupLines(d))
	section(fmt.Sprintf("Findings (%d added, %d fixed)", len(d.FindingsAdded), len(d.FindingsFixed)), findingLines(d))
	section("Packages", packageLines(d))
	if len(d.Modules) > 0 {
		writeModuleTable(&b, d.Modules)
	}
	_, err := w.Write(trimLineEnds(b.Bytes()))
	return err
}

// edgeLines are the text lines of the module edges added, removed and
// changed.
func edgeLines(d *Diff) []string {
	var lines []string
	for _, e := range d.EdgesAdded {
		lines = append(lines, fmt.Sprintf("+ %s → %s: %s", e.From, e.To, edgeCounts(e)))
	}
	for _, e := range d.EdgesRemoved {
		lines = append(lines, fmt.Sprintf("- %s → %s: %s", e.From, e.To, edgeCounts(e)))
	}
	for _, c := range d.EdgesChanged {
		lines = append(lines, fmt.Sprintf("~ %s → %s: %s", c.From, c.To, edgeDelta(c)))
	}
	return lines
}

// groupLines are the text lines of the sync-call groups added and removed.
func groupLines(d *Diff) []string {
	var lines []string
	for _, g := range d.GroupsAdded {
		lines = append(lines, "+ "+groupLine(g))
	}
	for _, g := range d.GroupsRemoved {
		lines = append(lines, "- "+groupLine(g))
	}
	return lines
}

// findingLines are the text lines of the findings: the counts by rule,
// then the findings added and fixed.
func findingLines(d *Diff) []string {
	var lines []string
	if len(d.ByRule) > 0 {
		var counts []string
		for _, c := range d.ByRule {
			counts = append(counts, fmt.Sprintf("%s +%d -%d", c.Rule, c.Added, c.Fixed))
		}
		lines = append(lines, strings.Join(counts, ", "))
	}
	for _, f := range d.FindingsAdded {
		lines = append(lines, "+ "+findingLine(f))
	}
	for _, f := range d.FindingsFixed {
		lines = append(lines, "- "+findingLine(f))
	}
	return lines
}

// packageLines are the text lines of the packages added and removed.
func packageLines(d *Diff) []string {
	var lines []string
	for _, p := range d.PackagesAdded {
		lines = append(lines, "+ "+p.Path+moduleNote(p))
	}
	for _, p := range d.PackagesRemoved {
		lines = append(lines, "- "+p.Path+moduleNote(p))
	}
	return lines
}

// writeModuleTable writes the modules' metrics, before → after, as a table.
func writeModuleTable(b *bytes.Buffer, modules []ModuleChange) {
	b.WriteString("\nModules:\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  module")
	for _, c := range metricColumns {
		fmt.Fprintf(tw, "\t%s", c.name)
	}
	fmt.Fprintln(tw)
	for _, m := range modules {
		fmt.Fprintf(tw, "  %s", m.Name)
		for _, c := range metricColumns {
			fmt.Fprintf(tw, "\t%s", metric(m.Before, m.After, c.get))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// trimLineEnds drops the spaces tabwriter leaves at the ends of lines.
func trimLineEnds(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " ")
	}
	return bytes.Join(lines, []byte("\n"))
}

func moduleNote(p PackageInfo) string {
	switch {
	case p.Excluded:
		return " (excluded)"
	case p.Module == "":
		return " (no module)"
	}
	return " (" + p.Module + ")"
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// JSON shapes of `diff --format json` (SPEC: add fields freely, never
// rename; documented in the README).
type jsonDiff struct {
	Version       string            `json:"version"`
	Schema        int               `json:"schema"`
	Base          jsonBase          `json:"base"`
	Verdict       string            `json:"verdict"`
	ConfigChanged bool              `json:"config_changed"`
	Edges         jsonEdges         `json:"edges"`
	SyncGroups    jsonGroups        `json:"sync_call_groups"`
	Findings      jsonFindings      `json:"findings"`
	Packages      jsonPackages      `json:"packages"`
	Modules       []jsonModuleDelta `json:"modules"`
	Failed        []string          `json:"failed,omitempty"` // the --fail-on gates tripped
}

type jsonBase struct {
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
}

type jsonEdge struct {
	From          string `json:"from"`
	To            string `json:"to"`
	Imports       int    `json:"imports"`
	Calls         int    `json:"calls"`
	BlockingCalls int    `json:"blocking_calls"`
}

type jsonEdgeChange struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Before jsonEdge `json:"before"`
	After  jsonEdge `json:"after"`
}

type jsonEdges struct {
	Added   []jsonEdge       `json:"added"`
	Removed []jsonEdge       `json:"removed"`
	Changed []jsonEdgeChange `json:"changed"`
}

type jsonGroup struct {
	Group      string `json:"group"`
	FromModule string `json:"from_module"`
	ToModule   string `json:"to_module"`
	Callee     string `json:"callee"`
	Sites      int    `json:"sites"`
}

type jsonGroups struct {
	Added   []jsonGroup `json:"added"`
	Removed []jsonGroup `json:"removed"`
}

type jsonRuleCount struct {
	Rule  string `json:"rule"`
	Added int    `json:"added"`
	Fixed int    `json:"fixed"`
}

type jsonFindings struct {
	ByRule []jsonRuleCount      `json:"by_rule"`
	Added  []report.JSONFinding `json:"added"`
	Fixed  []report.JSONFinding `json:"fixed"`
}

type jsonPackage struct {
	Path     string `json:"path"`
	Module   string `json:"module,omitempty"`
	Excluded bool   `json:"excluded,omitempty"`
}

type jsonPackages struct {
	Added      []jsonPackage `json:"added"`
	Removed    []jsonPackage `json:"removed"`
	Unassigned []string      `json:"unassigned_added"`
}

type jsonMetrics struct {
	Packages    int     `json:"packages"`
	Lines       int     `json:"lines"`
	Afferent    int     `json:"afferent"`
	Efferent    int     `json:"efferent"`
	Instability float64 `json:"instability"`
}

type jsonModuleDelta struct {
	Module string       `json:"module"`
	Before *jsonMetrics `json:"before"` // null: the base has no such module
	After  *jsonMetrics `json:"after"`  // null: the working tree has none
}

// WriteJSON writes the `diff --format json` document; failed are the
// --fail-on gates the diff trips.
func WriteJSON(w io.Writer, version string, d *Diff, failed []string) error {
	doc := jsonDiff{Version: version, Schema: report.Schema, Base: jsonBase{d.BaseRef, d.BaseCommit},
		Verdict: d.Verdict(), ConfigChanged: d.ConfigChanged, Failed: failed,
		Edges:      jsonEdges{Added: []jsonEdge{}, Removed: []jsonEdge{}, Changed: []jsonEdgeChange{}},
		SyncGroups: jsonGroups{Added: []jsonGroup{}, Removed: []jsonGroup{}},
		Findings:   jsonFindings{ByRule: []jsonRuleCount{}, Added: []report.JSONFinding{}, Fixed: []report.JSONFinding{}},
		Packages:   jsonPackages{Added: []jsonPackage{}, Removed: []jsonPackage{}, Unassigned: slices.Clip(append([]string{}, d.Unassigned...))},
		Modules:    []jsonModuleDelta{}}
	edge := func(e EdgeStats) jsonEdge {
		return jsonEdge(e)
	}
	for _, e := range d.EdgesAdded {
		doc.Edges.Added = append(doc.Edges.Added, edge(e))
	}
	for _, e := range d.EdgesRemoved {
		doc.Edges.Removed = append(doc.Edges.Removed, edge(e))
	}
	for _, c := range d.EdgesChanged {
		doc.Edges.Changed = append(doc.Edges.Changed, jsonEdgeChange{From: c.From, To: c.To, Before: edge(c.Before), After: edge(c.After)})
	}
	group := func(g Group) jsonGroup {
		return jsonGroup{Group: g.Key, FromModule: g.FromModule, ToModule: g.ToModule, Callee: g.Callee, Sites: g.Sites}
	}
	for _, g := range d.GroupsAdded {
		doc.SyncGroups.Added = append(doc.SyncGroups.Added, group(g))
	}
	for _, g := range d.GroupsRemoved {
		doc.SyncGroups.Removed = append(doc.SyncGroups.Removed, group(g))
	}
	for _, c := range d.ByRule {
		doc.Findings.ByRule = append(doc.Findings.ByRule, jsonRuleCount(c))
	}
	for _, f := range d.FindingsAdded {
		doc.Findings.Added = append(doc.Findings.Added, report.ToJSON(f))
	}
	for _, f := range d.FindingsFixed {
		doc.Findings.Fixed = append(doc.Findings.Fixed, report.ToJSON(f))
	}
	for _, p := range d.PackagesAdded {
		doc.Packages.Added = append(doc.Packages.Added, jsonPackage(p))
	}
	for _, p := range d.PackagesRemoved {
		doc.Packages.Removed = append(doc.Packages.Removed, jsonPackage(p))
	}
	metrics := func(m *ModuleStats) *jsonMetrics {
		if m == nil {
			return nil
		}
		return &jsonMetrics{Packages: m.Packages, Lines: m.Lines, Afferent: m.Afferent, Efferent: m.Efferent,
			Instability: roundTo(m.Instability, 3)}
	}
	for _, m := range d.Modules {
		doc.Modules = append(doc.Modules, jsonModuleDelta{Module: m.Name, Before: metrics(m.Before), After: metrics(m.After)})
	}
	return report.EncodeJSON(w, doc)
}

func roundTo(x float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', digits, 64), 64)
	return v
}
