package graph_test

import (
	"reflect"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/graph/graphtest"
)

func splitGraph(t *testing.T) *graph.Graph {
	return graphtest.Build(t, `version: 1
modules:
  inv:
    packages: [./inv/...]
  a:
    packages: [./a/...]
  b:
    packages: [./b/...]
  lone:
    packages: [./lone/...]
`,
		// inv is two triangles that never touch.
		"inv/stock -> inv/stock/levels inv/stock/holds",
		"inv/stock/holds -> inv/stock/levels",
		"inv/stock/levels ->",
		"inv/ship -> inv/ship/carriers inv/ship/rates",
		"inv/ship/rates -> inv/ship/carriers",
		"inv/ship/carriers ->",
		// a and b are one tangle.
		"a -> b a/x b/y",
		"a/x -> b b/y",
		"b -> a/x",
		"b/y -> a",
		// lone has two packages without edges: not a split.
		"lone/p ->",
		"lone/q ->",
	)
}

func TestCommunities(t *testing.T) {
	g := splitGraph(t)
	cl := graph.Communities(g)
	wantSplit := []graph.Split{{Module: "inv", Parts: [][]string{
		{"example.com/m/inv/ship", "example.com/m/inv/ship/carriers", "example.com/m/inv/ship/rates"},
		{"example.com/m/inv/stock", "example.com/m/inv/stock/holds", "example.com/m/inv/stock/levels"},
	}, Names: []string{"inv/ship +2", "inv/stock +2"}, Lines: []int{0, 0}}}
	if !reflect.DeepEqual(cl.Splits, wantSplit) {
		t.Errorf("splits = %+v, want %+v", cl.Splits, wantSplit)
	}
	if len(cl.Merges) != 1 || !reflect.DeepEqual(cl.Merges[0].Modules, []string{"a", "b"}) {
		t.Errorf("merges = %+v, want one of a and b", cl.Merges)
	}
	if !(cl.QFound > cl.QDeclared) {
		t.Errorf("modularity: found %v, declared %v; the clusters should beat the declared modules", cl.QFound, cl.QDeclared)
	}
}

// TestCommunitiesDeterministic: Louvain is randomised; the fixed seed and
// the ordered graph make every run the same.
func TestCommunitiesDeterministic(t *testing.T) {
	g := splitGraph(t)
	first := graph.Communities(g)
	for range 20 {
		if got := graph.Communities(g); !reflect.DeepEqual(got, first) {
			t.Fatalf("run differs:\n%+v\nfirst:\n%+v", got, first)
		}
	}
}

func TestCommunitiesEmpty(t *testing.T) {
	g := graphtest.Build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n", "a ->")
	cl := graph.Communities(g)
	if len(cl.Splits)+len(cl.Merges) != 0 || cl.QFound != 0 || cl.QDeclared != 0 {
		t.Errorf("graph without edges: %+v", cl)
	}
}
