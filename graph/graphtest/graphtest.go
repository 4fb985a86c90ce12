// Package graphtest builds small graphs for the tests of graph and of the
// packages above it.
package graphtest

import (
	"strings"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// Module is the module path of the graphs Build makes.
const Module = "example.com/m"

// Build makes a graph from a config and "pkg -> imp imp" lines, packages
// relative to Module; no source files.
func Build(t testing.TB, yaml string, lines ...string) *graph.Graph {
	t.Helper()
	cfg, err := rules.Parse("archcheck.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind(Module)
	var pkgs []*graph.Package
	for _, l := range lines {
		from, imps, _ := strings.Cut(l, "->")
		p := &graph.Package{ImportPath: Module + "/" + strings.TrimSpace(from), Name: name(strings.TrimSpace(from))}
		for _, imp := range strings.Fields(imps) {
			p.Imports = append(p.Imports, Module+"/"+imp)
		}
		pkgs = append(pkgs, p)
	}
	return graph.Build(&graph.MainModule{Path: Module, Dir: t.TempDir()}, cfg, pkgs)
}

// name is the package name of a relative path: main under cmd/.
func name(p string) string {
	if strings.HasPrefix(p, "cmd/") {
		return "main"
	}
	return load.Base(p)
}
