package main

import (
	"testing"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// TestCheckedPackage: a baseline key's package p_test is p's external test
// package only when p was loaded with one; a real package whose path ends
// in _test is its own (a partial run that did not load it did not check
// it).
func TestCheckedPackage(t *testing.T) {
	const m = "example.com/m"
	cfg, err := rules.Parse("archcheck.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./...]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind(m)
	pkgs := []*graph.Package{
		{ImportPath: m + "/p", Name: "p", XTestGoFiles: []string{"x_test.go"}},
		{ImportPath: m + "/load", Name: "load"},
	}
	res := &engine.Result{Config: cfg, Graph: graph.Build(&graph.MainModule{Path: m}, cfg, pkgs)}
	partial := []string{"./p", "./load"}
	for pkg, want := range map[string]bool{
		m + "/p":         true,
		m + "/p_test":    true, // p's external tests
		m + "/load":      true,
		m + "/load_test": false, // a package of its own, not loaded by this partial run
		m + "/q":         false,
	} {
		if got := checkedPackage(res, partial, pkg); got != want {
			t.Errorf("checkedPackage(%s) = %v, want %v", pkg, got, want)
		}
	}
}
