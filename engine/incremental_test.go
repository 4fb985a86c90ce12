package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/internal/testfs"
)

// TestIncrementalMatchesCold changes, in turn, a file, a dependency's
// exported API, a dependency's blocking behaviour, the config, a build tag
// and GOFLAGS, and checks after each that the run with the incremental
// cache answers exactly as a run without it, both on the first run after
// the change (some packages analysed, the others from the cache) and on a
// rerun (everything from the cache).
func TestIncrementalMatchesCold(t *testing.T) {
	dir, write := incrementalModule(t)
	goMod := "module example.com/m\n\ngo 1.26\n\nrequire example.org/lib v0.0.0\n\nreplace example.org/lib => ./lib\n"
	write("go.mod", goMod)
	write("lib/go.mod", "module example.org/lib\n\ngo 1.26\n")
	write("lib/lib.go", "package lib\n\nfunc L() {}\n")
	write("a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n")
	bSrc := "package b\n\nimport \"example.org/lib\"\n\nfunc B() { lib.L() }\n\nfunc Quiet() {}\n\ntype T struct{}\n"
	write("b/b.go", bSrc)
	write("c/c.go", "package c\n\nimport \"example.com/m/b\"\n\nfunc C() b.T { b.Quiet(); return b.T{} }\n")
	// e sees b's T directly and through c's API: when b is type-checked
	// from source and c read from export data, both must be the same T.
	eSrc := "package e\n\nimport (\n\t\"example.com/m/b\"\n\t\"example.com/m/c\"\n)\n\nfunc E() { var t b.T = c.C(); _ = t }\n"
	write("e/e.go", eSrc)
	write("t/t.go", "package t\n")
	write("t/t_special.go", "//go:build special\n\npackage t\n\nimport \"example.com/m/b\"\n\nfunc T() { b.B() }\n")
	config := `version: 1
modules:
  a: {packages: [./a/...], depends_on: [b]%s}
  b: {packages: [./b/...]}
  c: {packages: [./c/...], depends_on: [b]}
  t: {packages: [./t/...], depends_on: [b]}
  e: {packages: [./e/...], depends_on: [b, c]}
rules:
  sync-call: error
`
	write("archcheck.yaml", fmt.Sprintf(config, ""))

	var tags []string
	// analysed is how many of the five packages the first warm run after
	// the change analyses (the others come from the cache).
	step := func(what string, wantFindings, analysed int) {
		t.Helper()
		ctx := context.Background()
		cold, err := Check(ctx, Options{Dir: dir, Tags: tags, NoCache: true})
		if err != nil {
			t.Fatalf("%s: cold: %v", what, err)
		}
		if got := count(cold); got != wantFindings {
			t.Errorf("%s: cold run: %d sync-call findings, want %d:\n%s", what, got, wantFindings, describe(cold))
		}
		for _, run := range []string{"first warm run", "rerun"} {
			warm, err := Check(ctx, Options{Dir: dir, Tags: tags})
			if err != nil {
				t.Fatalf("%s: %s: %v", what, run, err)
			}
			if warm.Incremental == nil {
				t.Fatalf("%s: %s: the incremental cache was off", what, run)
			}
			want := 0
			if run == "first warm run" {
				want = analysed
			}
			if got := warm.Incremental.Packages - warm.Incremental.Cached; got != want {
				t.Errorf("%s: %s analysed %d of %d packages, want %d", what, run, got, warm.Incremental.Packages, want)
			}
			// The cached packages that the analysed ones import are read
			// from the cache's export data, not type-checked again.
			if got := warm.Incremental.TypeChecked; got != want {
				t.Errorf("%s: %s type-checked %d packages, want %d", what, run, got, want)
			}
			if got, want := describe(warm), describe(cold); got != want {
				t.Errorf("%s: %s differs from the cold run:\n--- warm\n%s--- cold\n%s", what, run, got, want)
			}
		}
	}
	step("first run", 0, 5)

	write("lib/lib.go", "package lib\n\nimport \"time\"\n\nfunc L() { time.Sleep(1) }\n")
	step("a dependency's blocking behaviour", 1, 4) // t does not import b without the tag

	write("a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n\nfunc A2() { b.B() }\n")
	step("a file", 2, 1)

	// L becomes a function value: the call in b no longer reaches its body.
	write("lib/lib.go", "package lib\n\nimport \"time\"\n\nvar L = func() { time.Sleep(1) }\n")
	step("a dependency's exported API", 0, 4)
	write("lib/lib.go", "package lib\n\nimport \"time\"\n\nfunc L() { time.Sleep(1) }\n")
	step("the API back", 2, 0)

	// lib gains a function and b calls it: b is type-checked from source
	// against lib's export data, which the cache keeps by lib's content (a
	// directory replacement; a module's by version): the old one would
	// not have Extra. What imports b sees lib's key through it.
	write("lib/lib.go", "package lib\n\nimport \"time\"\n\nfunc L() { time.Sleep(1) }\n\nfunc Extra() {}\n")
	write("b/b.go", strings.Replace(bSrc, "lib.L() }", "lib.L(); lib.Extra() }", 1))
	step("a dependency's export data", 2, 4)

	// b changes where neither its exported API nor its facts do: what
	// imports it comes from the cache (early cutoff); e, edited too, reads
	// c from the cache's export data, b from source.
	write("b/b.go", bSrc+"\nfunc quiet2() {}\n")
	write("e/e.go", eSrc+"\n// edited\n")
	step("a change that importers cannot see", 2, 2)
	// b's exported API changes (its facts do not): the run that guessed
	// otherwise is redone, and a, c and e, which see b, are analysed again.
	write("b/b.go", bSrc+"\nfunc quiet2() {}\n\nfunc Extra() {}\n")
	step("an exported API", 2, 4)

	// What go list reads changes (the listing of an unchanged tree is
	// reused: load/snapshot.go).
	write("a/a2.go", "package a\n\nimport \"example.com/m/b\"\n\nfunc A3() { for range 3 {\n\t\tb.B()\n\t}\n}\n")
	step("a file added", 3, 1)
	// Range over an int needs go1.22 (lib's go line would raise the
	// module's).
	write("go.mod", strings.Replace(goMod, "go 1.26", "go 1.21", 1))
	write("lib/go.mod", "module example.org/lib\n\ngo 1.21\n")
	step("go.mod's go line", 0, 5)
	write("go.mod", goMod)
	write("lib/go.mod", "module example.org/lib\n\ngo 1.26\n")
	step("go.mod back", 3, 0)
	if err := os.Remove(filepath.Join(dir, "a", "a2.go")); err != nil {
		t.Fatal(err)
	}
	step("a file deleted", 2, 0)
	write("n/n.go", "package n\n\nimport \"example.com/m/b\"\n\nfunc N() { b.B() }\n")
	step("a package added", 2, 6)
	if err := os.RemoveAll(filepath.Join(dir, "n")); err != nil {
		t.Fatal(err)
	}
	step("the package removed", 2, 0)

	write("archcheck.yaml", fmt.Sprintf(config, ", allow_sync: [b]"))
	step("the config", 0, 5)
	write("archcheck.yaml", fmt.Sprintf(config, ""))
	step("the config back", 2, 0)

	tags = []string{"special"}
	step("a build tag", 3, 5)
	tags = nil
	step("no build tag", 2, 0)

	t.Setenv("GOFLAGS", "-mod=mod -tags=special")
	step("GOFLAGS", 3, 5)
}

func count(r *Result) int {
	n := 0
	for _, f := range r.Findings {
		if f.Rule == "sync-call" {
			n++
		}
	}
	return n
}

// describe prints everything a command shows of a result: findings, load
// errors, call sites (those of the graph and impact's) and module edges.
func describe(r *Result) string {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "finding %+v\n", f)
	}
	for _, e := range r.LoadErrors {
		fmt.Fprintf(&b, "error %+v\n", e)
	}
	for _, c := range r.Graph.Calls {
		fmt.Fprintf(&b, "call %+v\n", c)
	}
	for _, c := range r.Graph.Sites {
		fmt.Fprintf(&b, "site %+v\n", c)
	}
	for _, e := range r.Graph.ModEdges {
		fmt.Fprintf(&b, "edge %s -> %s %+v\n", e.From, e.To, e.ModCallStats)
	}
	return b.String()
}

// TestIncrementalWholeResult checks, on the shop and market fixtures, that
// a cached run's whole Result (every field, the graph's included, but the
// syntax trees kept for metrics, which only analysed packages have, and
// the config, an input) equals
// a run without the cache: a field the engine starts to fill from the
// analysis without the cache keeping it fails here.
func TestIncrementalWholeResult(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	for _, fixture := range []string{"shop", "market"} {
		dir, err := filepath.Abs(filepath.Join("..", "testdata", fixture))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, mode := range []string{"check", "analyze", "analyze with the SQL tables"} {
			analyze := mode != "check"
			var inc *IncrementalStats // of the last run
			run := func(noCache bool) *Result {
				t.Helper()
				opts := Options{Dir: dir, NoCache: noCache, Tables: mode == "analyze with the SQL tables"}
				var r *Result
				var err error
				if analyze {
					r, err = Analyze(ctx, opts)
				} else {
					r, err = Check(ctx, opts)
				}
				if err != nil {
					t.Fatal(err)
				}
				// The config is the input; its unexported memo of pattern
				// matches fills as packages are analysed.
				inc = r.Incremental
				r.Graph.Parsed, r.Incremental, r.Config, r.Graph.Config = nil, nil, nil, nil
				r.Stats = nil // timings
				return r
			}
			cold := run(true)
			for i := range 2 {
				warm := run(false)
				if !reflect.DeepEqual(warm, cold) {
					t.Errorf("%s (%s), warm run %d differs from the cold run:\n--- warm\n%s--- cold\n%s", fixture, mode, i+1, describe(warm), describe(cold))
				}
				if i == 1 && (inc == nil || inc.Cached != inc.Packages) {
					t.Errorf("%s (%s): the rerun did not come from the cache: %+v", fixture, mode, inc)
				}
			}
		}
	}
}

// TestIncrementalStd checks that packages of the standard library, checked
// as the corpus (in GOROOT/src), are cached: a rerun analyses none of them
// and answers as a run without the cache.
func TestIncrementalStd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "archcheck.yaml")
	if err := os.WriteFile(cfg, []byte("version: 1\nmodules:\n  text: {packages: [unicode/..., strings]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Dir: filepath.Join(strings.TrimSpace(string(out)), "src"), ConfigPath: cfg,
		Patterns: []string{"unicode/...", "strings", "errors"}}
	ctx := context.Background()
	cold, err := Check(ctx, Options{Dir: opts.Dir, ConfigPath: cfg, Patterns: opts.Patterns, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []string{"first", "second"} {
		warm, err := Check(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if warm.Incremental == nil {
			t.Fatalf("%s run: the incremental cache was off", run)
		}
		want := warm.Incremental.Packages
		if run == "first" {
			want = 0
		}
		if warm.Incremental.Cached != want || warm.Incremental.Packages < 4 {
			t.Errorf("%s run: %d of %d packages from the cache, want %d", run, warm.Incremental.Cached, warm.Incremental.Packages, want)
		}
		if got, want := describe(warm), describe(cold); got != want {
			t.Errorf("%s run differs from the cold run:\n--- warm\n%s--- cold\n%s", run, got, want)
		}
	}
}

// incrementalModule skips in -short mode, sets up a hermetic go command
// and an empty archcheck cache, and returns a new module directory with
// a writer of its files.
func incrementalModule(t *testing.T) (string, func(name, content string)) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the go command")
	}
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOWORK", "off")
	dir := t.TempDir()
	return dir, func(name, content string) {
		t.Helper()
		testfs.Write(t, dir, map[string]string{name: content})
	}
}

// TestIncrementalFactsOfCached checks that an analysed package finds the
// facts of the cached packages it imports, transitively (a → x → y, y
// blocks), among other cached packages it does not import (b, before
// them in every order): only those it reaches are decoded and given.
func TestIncrementalFactsOfCached(t *testing.T) {
	dir, write := incrementalModule(t)
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("a/a.go", "package a\n\nimport \"example.com/m/x\"\n\nfunc A() { x.X() }\n")
	write("b/b.go", "package b\n\nfunc B() {}\n")
	write("x/x.go", "package x\n\nimport \"example.com/m/y\"\n\nfunc X() { y.Y() }\n")
	write("y/y.go", "package y\n\nimport \"time\"\n\nfunc Y() { time.Sleep(1) }\n")
	write("archcheck.yaml", "version: 1\nmodules:\n  a: {packages: [./a/...], depends_on: [x]}\n  b: {packages: [./b/...]}\n  x: {packages: [./x/..., ./y/...]}\nrules:\n  sync-call: error\n")
	ctx := context.Background()
	for i, src := range []string{"", "\nfunc A2() { x.X() }\n"} {
		write("a/a.go", "package a\n\nimport \"example.com/m/x\"\n\nfunc A() { x.X() }\n"+src)
		cold, err := Check(ctx, Options{Dir: dir, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		warm, err := Check(ctx, Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && (warm.Incremental == nil || warm.Incremental.Cached != 3) {
			t.Fatalf("run %d: %+v, want b, x and y from the cache", i, warm.Incremental)
		}
		if got, want := describe(warm), describe(cold); got != want || count(cold) != i+1 {
			t.Errorf("run %d: %d findings cold; the warm run differs:\n--- warm\n%s--- cold\n%s", i, count(cold), got, want)
		}
	}
}
