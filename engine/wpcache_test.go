package engine

import (
	"context"
	"testing"
)

// TestIncrementalWholeProgram checks check --whole-program with the
// incremental cache against runs without it: an unchanged tree replays
// every entry and the whole-program record without type-checking
// anything; a change anywhere analyses every root; a default run reads the
// entries a whole-program run wrote (the calls only --whole-program
// decides included: an ignore comment there is not unused), and a
// whole-program run after a default run, which wrote no record, analyses
// everything.
func TestIncrementalWholeProgram(t *testing.T) {
	dir, write := incrementalModule(t)
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("port/port.go", "package port\n\ntype Sender interface{ Send() }\n")
	write("a/a.go", `package a

import "example.com/m/port"

func Run(s port.Sender) { s.Send() }

func Quiet(s port.Sender) {
	//archcheck:ignore sync-call the hook is meant to block
	s.Send()
}
`)
	write("b/b.go", "package b\n\nimport \"time\"\n\ntype T struct{}\n\nfunc (T) Send() { time.Sleep(1) }\n")
	write("app/app.go", `package app

import (
	"example.com/m/a"
	"example.com/m/b"
)

func Main() { a.Run(b.T{}); a.Quiet(b.T{}) }
`)
	write("archcheck.yaml", `version: 1
modules:
  port: {packages: [./port/...]}
  a: {packages: [./a/...], depends_on: [port]}
  b: {packages: [./b/...]}
  app: {packages: [./app/...], depends_on: [a, b]}
rules:
  sync-call: error
`)
	ctx := context.Background()
	// run checks one warm run against a run without the cache and returns
	// how many packages it analysed.
	run := func(what string, whole bool, wantFindings int) int {
		t.Helper()
		cold, err := Check(ctx, Options{Dir: dir, Interfaces: whole, NoCache: true})
		if err != nil {
			t.Fatalf("%s: cold: %v", what, err)
		}
		if got := len(cold.Findings); got != wantFindings {
			t.Errorf("%s: cold run: %d findings, want %d:\n%s", what, got, wantFindings, describe(cold))
		}
		warm, err := Check(ctx, Options{Dir: dir, Interfaces: whole})
		if err != nil {
			t.Fatalf("%s: warm: %v", what, err)
		}
		if warm.Incremental == nil {
			t.Fatalf("%s: the incremental cache was off", what)
		}
		if got, want := describe(warm), describe(cold); got != want {
			t.Errorf("%s: differs from the run without the cache:\n--- warm\n%s--- cold\n%s", what, got, want)
		}
		if got := warm.Incremental.TypeChecked; got != warm.Incremental.Packages-warm.Incremental.Cached {
			t.Errorf("%s: type-checked %d packages, analysed %d", what, got, warm.Incremental.Packages-warm.Incremental.Cached)
		}
		return warm.Incremental.Packages - warm.Incremental.Cached
	}
	const all = 4
	// The interface calls in a reach b's Send, which sleeps: Run's, and
	// app's calls of Run and Quiet; Quiet's own is ignored.
	if n := run("first whole-program run", true, 3); n != all {
		t.Errorf("first whole-program run analysed %d packages, want %d", n, all)
	}
	if n := run("unchanged tree, whole-program", true, 3); n != 0 {
		t.Errorf("unchanged tree, whole-program: analysed %d packages, want 0", n)
	}
	// Without --whole-program nothing blocks (the interface is port's);
	// the ignore comment sits on a call only --whole-program decides.
	if n := run("default run after whole-program runs", false, 0); n != 0 {
		t.Errorf("default run after whole-program runs: analysed %d packages, want 0 (the entries are the same)", n)
	}
	write("b/b.go", "package b\n\ntype T struct{}\n\nfunc (T) Send() {}\n")
	if n := run("the implementation no longer blocks, default", false, 0); n != 2 {
		t.Errorf("default run after an edit of b: analysed %d packages, want 2 (b, and app, which sees its facts)", n)
	}
	// The default run wrote no record: everything is analysed again.
	if n := run("whole-program after a default run", true, 1); n != all {
		t.Errorf("whole-program run after a default run analysed %d packages, want %d", n, all)
	}
	write("b/b.go", "package b\n\nimport \"net/http\"\n\ntype T struct{}\n\nfunc (T) Send() { http.Get(\"http://x\") }\n")
	if n := run("the implementation blocks again, whole-program", true, 3); n != all {
		t.Errorf("whole-program run after an edit of b analysed %d packages, want %d", n, all)
	}
	if n := run("unchanged again", true, 3); n != 0 {
		t.Errorf("unchanged again: analysed %d packages, want 0", n)
	}
}
