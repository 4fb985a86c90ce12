package archdiff

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

func dep(pkg, from, to, imp, file string, line int) rules.Finding {
	return rules.Finding{Rule: rules.RuleDependency, Severity: rules.Error, FromModule: from, ToModule: to,
		Package: pkg, File: file, Line: line, Column: 2, Import: imp, Symbol: imp, Message: from + " imports " + to}
}

func syncCall(pkg, from, to, caller, callee, file string, line int) rules.Finding {
	return rules.Finding{Rule: rules.RuleSyncCall, Severity: rules.Warn, FromModule: from, ToModule: to,
		Package: pkg, File: file, Line: line, Column: 3, Symbol: caller + "->" + callee,
		Group: from + "->" + callee, Message: caller + " calls " + callee}
}

func TestCompare(t *testing.T) {
	base := &Side{
		Modules: []ModuleStats{
			{Name: "a", Packages: 1, Lines: 10, Efferent: 1, Instability: 1},
			{Name: "b", Packages: 1, Lines: 5, Afferent: 2},
			{Name: "c", Packages: 2, Lines: 7},
			{Name: "d", Packages: 1, Lines: 3, Efferent: 1, Instability: 1},
		},
		Edges: []EdgeStats{{From: "a", To: "b", Imports: 1, Calls: 2}, {From: "d", To: "b", Imports: 1}},
		Packages: []PackageInfo{{Path: "m/a", Module: "a"}, {Path: "m/b", Module: "b"}, {Path: "m/c/old", Module: "c"},
			{Path: "m/c", Module: "c"}, {Path: "m/d", Module: "d"}},
		Findings: []rules.Finding{
			dep("m/d", "d", "b", "m/b", "d/d.go", 3),
			syncCall("m/a", "a", "b", "m/a.A", "m/b.B", "a/a.go", 5),
		},
	}
	head := &Side{
		Modules: []ModuleStats{
			{Name: "a", Packages: 1, Lines: 12, Efferent: 2, Instability: 1},
			{Name: "b", Packages: 1, Lines: 5, Afferent: 1},
			{Name: "c", Packages: 2, Lines: 7, Afferent: 1},
			{Name: "d", Packages: 1, Lines: 2},
		},
		Edges: []EdgeStats{{From: "a", To: "b", Imports: 1, Calls: 3, BlockingCalls: 1}, {From: "a", To: "c", Imports: 1}},
		Packages: []PackageInfo{{Path: "m/a", Module: "a"}, {Path: "m/b", Module: "b"}, {Path: "m/c/new", Module: "c"},
			{Path: "m/c", Module: "c"}, {Path: "m/d", Module: "d"}, {Path: "m/gen", Excluded: true}, {Path: "m/tools"}},
		Findings: []rules.Finding{
			// The same finding on another line: matched by key, not new.
			syncCall("m/a", "a", "b", "m/a.A", "m/b.B", "a/a.go", 9),
			// A second site with the same key: one added.
			syncCall("m/a", "a", "b", "m/a.A", "m/b.B", "a/a.go", 11),
			syncCall("m/a", "a", "c", "m/a.A", "m/c.C", "a/a.go", 12),
		},
	}
	d := Compare(base, head)
	if want := []EdgeStats{{From: "a", To: "c", Imports: 1}}; !reflect.DeepEqual(d.EdgesAdded, want) {
		t.Errorf("EdgesAdded = %+v, want %+v", d.EdgesAdded, want)
	}
	if want := []EdgeStats{{From: "d", To: "b", Imports: 1}}; !reflect.DeepEqual(d.EdgesRemoved, want) {
		t.Errorf("EdgesRemoved = %+v, want %+v", d.EdgesRemoved, want)
	}
	if len(d.EdgesChanged) != 1 || d.EdgesChanged[0].After.BlockingCalls != 1 || edgeDelta(d.EdgesChanged[0]) != "calls 2 → 3, blocking calls 0 → 1" {
		t.Errorf("EdgesChanged = %+v", d.EdgesChanged)
	}
	var added []int
	for _, f := range d.FindingsAdded {
		added = append(added, f.Line)
	}
	if !reflect.DeepEqual(added, []int{11, 12}) {
		t.Errorf("FindingsAdded at lines %v, want [11 12] (the site beyond the base's count, and the new group's)", added)
	}
	if len(d.FindingsFixed) != 1 || d.FindingsFixed[0].Rule != rules.RuleDependency {
		t.Errorf("FindingsFixed = %+v", d.FindingsFixed)
	}
	if want := []RuleCount{{rules.RuleDependency, 0, 1}, {rules.RuleSyncCall, 2, 0}}; !reflect.DeepEqual(d.ByRule, want) {
		t.Errorf("ByRule = %+v, want %+v", d.ByRule, want)
	}
	if len(d.GroupsAdded) != 1 || d.GroupsAdded[0].Key != "a->m/c.C" || len(d.GroupsRemoved) != 0 {
		t.Errorf("groups added %+v, removed %+v", d.GroupsAdded, d.GroupsRemoved)
	}
	if want := []string{"m/tools"}; !reflect.DeepEqual(d.Unassigned, want) {
		t.Errorf("Unassigned = %v, want %v (m/gen is excluded)", d.Unassigned, want)
	}
	if len(d.PackagesAdded) != 3 || len(d.PackagesRemoved) != 1 || d.PackagesRemoved[0].Path != "m/c/old" {
		t.Errorf("packages added %+v, removed %+v", d.PackagesAdded, d.PackagesRemoved)
	}
	var touched []string
	for _, m := range d.Modules {
		touched = append(touched, m.Name)
	}
	if !reflect.DeepEqual(touched, []string{"a", "b", "c", "d"}) {
		t.Errorf("Modules = %v", touched)
	}
	if got := d.Failed(Gates); !reflect.DeepEqual(got, Gates) {
		t.Errorf("Failed = %v, want every gate", got)
	}
	if got := d.Verdict(); got != "1 new module edge, 1 module edge removed, 1 new sync-call group, 2 new findings, 1 finding fixed, 1 new package without a module" {
		t.Errorf("Verdict = %q", got)
	}
}

func TestCompareSame(t *testing.T) {
	s := &Side{Modules: []ModuleStats{{Name: "a", Packages: 1}}, Edges: []EdgeStats{{From: "a", To: "b", Imports: 1}},
		Findings: []rules.Finding{dep("m/a", "a", "b", "m/b", "a/a.go", 1)}}
	d := Compare(s, s)
	if !d.Empty() || len(d.Failed(Gates)) != 0 || d.Verdict() != "No change to the architecture" {
		t.Errorf("a side compared with itself: %+v, verdict %q", d, d.Verdict())
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, d); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "mermaid") || strings.Contains(b.String(), "| change |") {
		t.Errorf("markdown of no change has a table or a graph:\n%s", b.String())
	}
	d.ConfigChanged = true
	if d.Empty() || d.Verdict() != "No change to the architecture; archcheck.yaml changed" {
		t.Errorf("config change: verdict %q", d.Verdict())
	}
}

// TestMarkdownCapsRows: a long list stops at markdownRows rows and says
// how many more there are; the Mermaid block marks added and removed
// edges with their styles.
func TestMarkdownCapsRows(t *testing.T) {
	head := &Side{}
	for i := range markdownRows + 5 {
		head.Findings = append(head.Findings, dep("m/a", "a", "b", "m/b"+strings.Repeat("x", i), "a/a.go", i+1))
	}
	head.Edges = []EdgeStats{{From: "a", To: "b", Imports: 1}}
	base := &Side{Edges: []EdgeStats{{From: "b", To: "a", Imports: 1}}}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, Compare(base, head)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if n := strings.Count(out, "❌ new `dependency`"); n != markdownRows {
		t.Errorf("%d finding rows, want %d", n, markdownRows)
	}
	for _, want := range []string{"| … | 5 more |", "m0 ==>|\"+ 1 import\"| m1", "m1 -.->|\"removed\"| m0",
		"linkStyle 0 stroke:#1a7f37", "linkStyle 1 stroke:#cf222e", MarkdownMarker} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}
