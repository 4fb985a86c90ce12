package engine

import (
	"context"
	"path/filepath"
	"testing"
)

// TestIncrementalExportDirs checks that entries written without export
// data (Options.ExportDirs, as diff --no-cache's working tree writes them)
// give, to a later run that needs their types, the result of a run without
// the cache: the packages it needs are type-checked from source instead.
func TestIncrementalExportDirs(t *testing.T) {
	dir, write := incrementalModule(t)
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n")
	write("b/b.go", "package b\n\nimport \"time\"\n\nfunc B() { time.Sleep(1) }\n\ntype T struct{}\n")
	cSrc := "package c\n\nimport \"example.com/m/b\"\n\nfunc C() b.T { return b.T{} }\n"
	write("c/c.go", cSrc)
	eSrc := "package e\n\nimport (\n\t\"example.com/m/b\"\n\t\"example.com/m/c\"\n)\n\nfunc E() { var t b.T = c.C(); _ = t; b.B() }\n"
	write("e/e.go", eSrc)
	write("archcheck.yaml", `version: 1
modules:
  a: {packages: [./a/...], depends_on: [b]}
  b: {packages: [./b/...]}
  c: {packages: [./c/...], depends_on: [b]}
  e: {packages: [./e/...], depends_on: [b, c]}
rules:
  sync-call: error
`)
	ctx := context.Background()
	// step writes the entries with export data for a's directory only (a
	// and b), applies change, and checks the next run against a cold one.
	step := func(what string, change func(), analysed, typeChecked int) {
		t.Helper()
		if _, err := Check(ctx, Options{Dir: dir, ExportDirs: []string{filepath.Join(dir, "a")}}); err != nil {
			t.Fatalf("%s: writing run: %v", what, err)
		}
		change()
		cold, err := Check(ctx, Options{Dir: dir, NoCache: true})
		if err != nil {
			t.Fatalf("%s: cold: %v", what, err)
		}
		warm, err := Check(ctx, Options{Dir: dir})
		if err != nil {
			t.Fatalf("%s: warm: %v", what, err)
		}
		if warm.Incremental == nil {
			t.Fatalf("%s: the incremental cache was off", what)
		}
		if got := warm.Incremental.Packages - warm.Incremental.Cached; got != analysed {
			t.Errorf("%s: analysed %d packages, want %d", what, got, analysed)
		}
		if got := warm.Incremental.TypeChecked; got != typeChecked {
			t.Errorf("%s: type-checked %d packages, want %d", what, got, typeChecked)
		}
		if got, want := describe(warm), describe(cold); got != want {
			t.Errorf("%s: differs from the cold run:\n--- warm\n%s--- cold\n%s", what, got, want)
		}
		if count(cold) == 0 {
			t.Errorf("%s: no sync-call finding: the fixture tests nothing", what)
		}
	}
	// e is analysed: b's types come from its export data, c (written
	// without) is type-checked from source.
	step("an importer of a package without export data", func() { write("e/e.go", eSrc+"\n// edited\n") }, 1, 2)
	// c's change is invisible to e, but c's entry was digested by its key:
	// e is analysed again too (no early cutoff past c).
	step("a package without export data", func() { write("c/c.go", cSrc+"\nfunc c2() {}\n") }, 2, 2)
	// b, a's import, kept its export data: its change, which importers
	// cannot see, leaves a, c and e cached (early cutoff).
	step("a package with export data", func() {
		write("b/b.go", "package b\n\nimport \"time\"\n\nfunc B() { time.Sleep(1) }\n\ntype T struct{}\n\nfunc b2() {}\n")
	}, 1, 1)
}
