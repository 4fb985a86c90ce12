package graph_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/graph/graphtest"
	"github.com/archcheck/archcheck/rules"
)

const builderYAML = "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n  ev:\n    packages: [./ev/...]\n"

// TestBuilder: the builder leaves the import graph it starts from alone,
// counts calls on the module edges (creating the edge a publish needs),
// keeps the sites sorted, and marks the findings' rules when it finishes.
func TestBuilder(t *testing.T) {
	base := graphtest.Build(t, builderYAML, "a -> b", "b ->", "ev ->")
	before := *base.Edge("a", "b")
	const m = graphtest.Module + "/"
	call := func(from, to, fromMod, toMod string, line int, kinds ...rules.Kind) graph.Call {
		return graph.Call{Caller: m + from + ".F", Callee: m + to + ".G", FromPkg: m + from, ToPkg: m + to,
			FromModule: fromMod, ToModule: toMod, Kinds: kinds, File: from + "/x.go", Line: line}
	}
	b := graph.NewBuilder(base, graph.Overlay{"/x.go": []byte("package x")})
	if b.Graph().Overlay == nil || base.Overlay != nil {
		t.Error("the overlay is not on the builder's graph only")
	}
	b.AddCalls([]graph.Call{call("a", "b", "a", "b", 3, rules.KindNetwork), call("a", "b", "a", "b", 1)})
	pub := call("a", "ev", "a", "ev", 2)
	pub.Publish = true
	b.AddCalls([]graph.Call{pub})
	b.AddSites([]graph.Call{call("b", "b", "b", "b", 9, rules.KindSleep), call("a", "b", "a", "b", 3, rules.KindNetwork)})
	g := b.Finish([]rules.Finding{
		{Rule: rules.RuleSyncCall, FromModule: "a", ToModule: "b"},
		{Rule: rules.RuleDependency, FromModule: "a", ToModule: "b"},
		{Rule: rules.RuleDependency, FromModule: "a", ToModule: "b"},
		{Rule: rules.RuleUnassigned},
	})
	if got := *base.Edge("a", "b"); !reflect.DeepEqual(got, before) || len(base.Calls)+len(base.Sites) != 0 || base.Edge("a", "ev") != nil {
		t.Errorf("the import graph changed: %+v (calls %d, sites %d)", got, len(base.Calls), len(base.Sites))
	}
	e := g.Edge("a", "b")
	if e.Calls != 2 || e.BlockingCalls != 1 || !reflect.DeepEqual(e.Violations, []string{rules.RuleDependency, rules.RuleSyncCall}) {
		t.Errorf("edge a → b: %+v", e)
	}
	if e := g.Edge("a", "ev"); e == nil || e.Publishes != 1 || e.Imports != 0 {
		t.Errorf("edge a → ev: %+v, want one publish and no import", e)
	}
	if !slices.IsSortedFunc(g.Calls, func(x, y graph.Call) int { return x.Line - y.Line }) || len(g.Calls) != 3 {
		t.Errorf("calls not sorted by position: %+v", g.Calls)
	}
	if len(g.Sites) != 2 || g.Sites[0].File != "a/x.go" {
		t.Errorf("sites not sorted by file: %+v", g.Sites)
	}
}
