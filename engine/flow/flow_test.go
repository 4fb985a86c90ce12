package flow_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/archcheck/archcheck/engine/flow"
)

// TestSameAsVTA compares flow.CallGraph with x/tools' vta.CallGraph, edge
// for edge and in order, over a fixture of every kind of flow
// (testdata/src/m), archcheck's own packages, the standard library and, when $ARCHCHECK_CORPORA names a
// directory of Go modules (kratos, cli: e2e/labels_test.go), theirs.
func TestSameAsVTA(t *testing.T) {
	dirs := map[string]string{"archcheck": "../..", "fixture": "testdata/src/m"}
	if root := os.Getenv("ARCHCHECK_CORPORA"); root != "" && !testing.Short() {
		for _, name := range []string{"kratos", "cli"} {
			if _, err := os.Stat(filepath.Join(root, name, "go.mod")); err == nil {
				dirs[name] = filepath.Join(root, name)
			}
		}
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) { sameAsVTA(t, dir, "./...") })
	}
	if !testing.Short() { // the standard library: 27,000 functions, 6 s
		out, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			t.Fatalf("go env GOROOT: %v", err)
		}
		t.Run("std", func(t *testing.T) { sameAsVTA(t, filepath.Join(strings.TrimSpace(string(out)), "src"), "std") })
	}
}

func sameAsVTA(t *testing.T, dir string, patterns ...string) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	prog, ssaPkgs := ssautil.AllPackages(pkgs, ssa.InstantiateGenerics)
	prog.Build()
	roots := map[*ssa.Package]bool{}
	for _, p := range ssaPkgs {
		if p != nil {
			roots[p] = true
		}
	}
	funcs := map[*ssa.Function]bool{}
	for fn := range ssautil.AllFunctions(prog) {
		if fn.Pkg != nil && roots[fn.Pkg] || fn.Pkg == nil && fn.Blocks != nil {
			funcs[fn] = true
		}
	}
	initial := cha.CallGraph(prog)
	bySite := map[ssa.CallInstruction][]*ssa.Function{}
	for _, n := range initial.Nodes {
		for _, e := range n.Out {
			bySite[e.Site] = append(bySite[e.Site], e.Callee.Func)
		}
	}
	want := vta.CallGraph(funcs, initial)
	got, ok := flow.CallGraph(funcs, func(c ssa.CallInstruction) []*ssa.Function { return bySite[c] }, nil)
	if !ok {
		t.Fatal("flow.CallGraph declined (a generic body's term set)")
	}
	edges, diffs := 0, 0
	for fn := range funcs {
		w, g := edgeList(want.Nodes[fn]), edgeList(got.Nodes[fn])
		edges += len(w)
		if strings.Join(w, "\n") != strings.Join(g, "\n") {
			if diffs++; diffs <= 5 {
				t.Errorf("%s: edges differ\nvta:\n\t%s\nflow:\n\t%s", fn, strings.Join(w, "\n\t"), strings.Join(g, "\n\t"))
			}
		}
	}
	t.Logf("%d functions, %d edges, %d functions differ", len(funcs), edges, diffs)
}

func edgeList(n *callgraph.Node) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, e := range n.Out {
		out = append(out, fmt.Sprintf("%s@%d -> %s", e.Site, e.Site.Pos(), e.Callee.Func))
	}
	return out
}

// TestDeclines: a generic body whose constraint intersects two unions
// makes CallGraph decline rather than guess.
func TestDeclines(t *testing.T) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: "testdata/src/declines"}, ".")
	if err != nil {
		t.Fatal(err)
	}
	prog, ssaPkgs := ssautil.AllPackages(pkgs, ssa.InstantiateGenerics)
	prog.Build()
	funcs := map[*ssa.Function]bool{}
	for fn := range ssautil.AllFunctions(prog) {
		if fn.Pkg == ssaPkgs[0] {
			funcs[fn] = true
		}
	}
	if _, ok := flow.CallGraph(funcs, func(ssa.CallInstruction) []*ssa.Function { return nil }, nil); ok {
		t.Error("CallGraph did not decline a conversion between type parameters of intersected unions")
	}
}
