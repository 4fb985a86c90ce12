package engine

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

var shop = filepath.Join("..", "testdata", "shop")

// TestCheckImportRules: the import rules alone on the shop fixture find
// what the fixture plants, sorted, and the finished graph has the
// violations on its edges and no calls (sync-call did not run).
func TestCheckImportRules(t *testing.T) {
	res, err := Check(context.Background(), Options{Dir: shop, NoCache: true, Rules: []string{
		rules.RuleDependency, rules.RuleVisibility, rules.RuleCycle, rules.RuleForbiddenImport, rules.RuleUnassigned}})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range res.Findings {
		count[f.Rule]++
	}
	// ignore: the fixture's comment that suppresses nothing among the rules that ran.
	want := map[string]int{rules.RuleDependency: 2, rules.RuleVisibility: 1, rules.RuleCycle: 1, rules.RuleForbiddenImport: 2,
		rules.RuleUnassigned: 1, rules.RuleIgnore: 1}
	for r, n := range want {
		if count[r] != n {
			t.Errorf("%s: %d findings, want %d (all: %v)", r, count[r], n, count)
		}
	}
	if len(count) != len(want) {
		t.Errorf("rules reported: %v, want only %v", count, want)
	}
	if !slices.IsSortedFunc(res.Findings, func(a, b rules.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	}) {
		t.Error("findings not sorted by file, line, column")
	}
	e := res.Graph.Edge("checkout", "analytics")
	if e == nil || !slices.Contains(e.Violations, rules.RuleDependency) {
		t.Errorf("edge checkout → analytics: %+v, want dependency marked", e)
	}
	if len(res.Graph.Calls)+len(res.Graph.Sites) != 0 {
		t.Errorf("sync-call did not run, yet the graph has %d calls and %d sites", len(res.Graph.Calls), len(res.Graph.Sites))
	}
}

// TestAnalyzeCalls: Analyze runs sync-call for the graph, so the finished
// graph carries the calls, the typed sites impact climbs, and counts on
// the edges; a blocking call site is among the sites.
func TestAnalyzeCalls(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the shop fixture")
	}
	res, err := Analyze(context.Background(), Options{Dir: shop, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	e := g.Edge("checkout", "analytics")
	if e == nil || e.BlockingCalls == 0 || !slices.Contains(e.Violations, rules.RuleSyncCall) {
		t.Fatalf("edge checkout → analytics: %+v, want blocking calls and sync-call marked", e)
	}
	found := false
	for _, s := range g.Sites {
		found = found || s.FromModule == "checkout" && s.ToModule == "analytics" && s.Blocking()
	}
	if !found {
		t.Errorf("no blocking site checkout → analytics among %d sites", len(g.Sites))
	}
	if len(g.Parsed) == 0 {
		t.Error("the typed load's parsed files are not on the graph")
	}
}

// TestAnalyzeInfers: without an archcheck.yaml Analyze infers the modules,
// says so, and goes on; Check asks for a config.
func TestAnalyzeInfers(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":     "module example.com/tiny\n\ngo 1.22\n",
		"a/a.go":     "package a\n\nimport \"example.com/tiny/b\"\n\nfunc A() int { return b.B() }\n",
		"b/b.go":     "package b\n\nfunc B() int { return 1 }\n",
		"cmd/x/x.go": "package main\n\nimport \"example.com/tiny/a\"\n\nfunc main() { _ = a.A() }\n",
	})
	if _, err := Check(context.Background(), Options{Dir: dir, NoCache: true}); !errors.Is(err, ErrNoConfig) {
		t.Errorf("Check without a config: %v, want ErrNoConfig", err)
	}
	var stderr bytes.Buffer
	res, err := Analyze(context.Background(), Options{Dir: dir, NoCache: true, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "no archcheck.yaml found; inferred") {
		t.Errorf("stderr: %q, want the inference note", stderr.String())
	}
	if len(res.Graph.Modules) == 0 || len(res.Graph.Packages) != 3 {
		t.Errorf("inferred graph: modules %v, %d packages", res.Graph.Modules, len(res.Graph.Packages))
	}
	if _, err := os.Stat(filepath.Join(dir, "archcheck.yaml")); err == nil {
		t.Error("Analyze wrote an archcheck.yaml")
	}
}

func TestCheckUnknownRule(t *testing.T) {
	var ue *UsageError
	if _, err := Check(context.Background(), Options{Dir: shop, Rules: []string{"no-such-rule"}}); !errors.As(err, &ue) {
		t.Errorf("unknown rule: %v, want a UsageError", err)
	}
}
