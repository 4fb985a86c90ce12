package graph_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/catalog"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// TestCatalogMatched: each I/O import and I/O function of the catalog makes
// the module using it own blocking I/O of the catalog's kind in the
// metrics; a module with neither owns none.
func TestCatalogMatched(t *testing.T) {
	const mod = "example.com/m"
	dir := t.TempDir()
	var yaml strings.Builder
	yaml.WriteString("version: 1\nmodules:\n")
	var pkgs []*graph.Package
	want := map[string]rules.Kind{}
	add := func(imp, src string, kind rules.Kind) {
		name := fmt.Sprintf("m%d", len(pkgs))
		fmt.Fprintf(&yaml, "  %s:\n    packages: [./%s]\n", name, name)
		p := &graph.Package{ImportPath: mod + "/" + name, Name: name, Dir: filepath.Join(dir, name), GoFiles: []string{"a.go"}}
		if imp != "" {
			p.Imports = []string{imp}
		}
		if err := os.MkdirAll(p.Dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p.Dir, "a.go"), []byte("package "+name+"\n"+src), 0o644); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
		want[name] = kind
	}
	for _, e := range catalog.IOImports() {
		imp := e.Path
		if strings.HasSuffix(imp, "/") {
			imp += "client"
		}
		add(imp, fmt.Sprintf("import _ %q\n", imp), e.Kind)
	}
	for _, f := range catalog.IOFuncs() {
		for _, fn := range f.Names {
			add(f.Pkg, fmt.Sprintf("import x %q\n\nvar _ = x.%s\n", f.Pkg, fn), f.Kind)
		}
	}
	add("os/exec", "import \"os/exec\"\n\nvar _, _ = exec.LookPath(\"git\")\n", "")
	cfg, err := rules.Parse("archcheck.yaml", []byte(yaml.String()))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind(mod)
	g := graph.Build(&graph.MainModule{Path: mod, Dir: dir}, cfg, pkgs)
	for _, m := range graph.ComputeMetrics(g, nil) {
		k := want[m.Module]
		if k == "" && len(m.BlockingIO) > 0 || k != "" && !slices.Equal(m.BlockingIO, []rules.Kind{k}) {
			t.Errorf("module %s (%s): blocking I/O %v, want %q", m.Module, pkgs[slices.IndexFunc(pkgs, func(p *graph.Package) bool { return p.Name == m.Module })].Imports, m.BlockingIO, k)
		}
	}
}
