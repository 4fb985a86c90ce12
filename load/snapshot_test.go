package load

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/archcheck/archcheck/internal/testfs"
)

// TestListReuse changes, in turn, everything a listing depends on (a file
// edited, added, deleted and renamed, a directory added, go.mod edited, a
// directory replacement outside the module edited, a build tag, GOFLAGS)
// and checks after each that the next listing is not the recorded one and
// equals go list's, and that the one after it is reused and equal too. It
// runs twice: with the file system's times, and with times too coarse to
// tell any two writes apart, where only the racy entries' content hashes
// see the changes (a change in the same timestamp granule as the run that
// recorded the listing).
func TestListReuse(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	for _, coarse := range []bool{false, true} {
		name := "fine times"
		if coarse {
			name = "coarse times"
		}
		t.Run(name, func(t *testing.T) {
			if coarse {
				granule, window := stampGranule, racyWindow
				stampGranule, racyWindow = 1<<62, 1<<62 // every time the same; every entry racy
				t.Cleanup(func() { stampGranule, racyWindow = granule, window })
			}
			testListReuse(t)
		})
	}
}

func testListReuse(t *testing.T) {
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOWORK", "off")
	root := t.TempDir()
	dir := filepath.Join(root, "m")
	write := func(name, content string) {
		t.Helper()
		testfs.Write(t, root, map[string]string{name: content})
	}
	write("m/go.mod", "module example.com/m\n\ngo 1.26\n\nrequire example.org/ext v0.0.0\n\nreplace example.org/ext => ../ext\n")
	write("m/a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nvar _ = b.B\n")
	write("m/b/b.go", "package b\n\nfunc B() {}\n")
	write("m/c/c.go", "package c\n\nimport \"example.org/ext\"\n\nvar _ = ext.E\n")
	write("m/t/t.go", "package t\n")
	write("ext/go.mod", "module example.org/ext\n\ngo 1.26\n")
	write("ext/ext.go", "package ext\n\nfunc E() {}\n")
	var tags []string
	ctx := context.Background()
	list := func(reuse bool) *Listing {
		t.Helper()
		l, err := ListAll(ctx, Options{Dir: dir, Deps: true, Reuse: reuse, Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	same := func(what string, got *Listing) {
		t.Helper()
		want := list(false)
		if want.Reused {
			t.Fatalf("%s: reused without Options.Reuse", what)
		}
		cp := *got
		cp.Reused, cp.Relisted = false, nil
		if !reflect.DeepEqual(&cp, want) {
			t.Errorf("%s: the listing differs from go list's:\ngot  %+v\nwant %+v", what, describe(got), describe(want))
		}
	}
	// settle lists until the listing is reused (the first listing of a
	// directory outside the trees records what to stamp next time).
	settle := func(what string) {
		t.Helper()
		for range 3 {
			l := list(true)
			same(what, l)
			if l.Reused {
				return
			}
		}
		t.Fatalf("%s: the listing of an unchanged tree is never reused", what)
	}
	// step makes a change; the next listing is go list's, or with
	// relisted set (maybe empty) the recorded one with those packages
	// listed again.
	step := func(what string, change func(), relisted ...string) {
		t.Helper()
		change()
		l := list(true)
		switch {
		case relisted == nil && l.Reused:
			t.Errorf("%s: the listing recorded before the change was reused (packages listed again: %v)", what, l.Relisted)
		case relisted != nil && (!l.Reused || !slices.Equal(l.Relisted, relisted) || (l.Relisted == nil) != (len(relisted) == 0)):
			t.Errorf("%s: reused %v, packages listed again %v; want reused, with %v listed again", what, l.Reused, l.Relisted, relisted)
		}
		same(what, l)
		settle(what + ", then unchanged")
	}
	settle("first listing")
	// Edits in place that keep a package's name, imports and use of cgo
	// list just that package again.
	step("a function body edited", func() { write("m/b/b.go", "package b\n\nfunc B() { println() }\n") }, "example.com/m/b")
	step("two packages edited", func() {
		write("m/b/b.go", "package b\n\nfunc B() { println(1) }\n")
		write("m/a/a.go", "package a\n\nimport \"example.com/m/b\"\n\nvar _ = b.B // edited\n")
	}, "example.com/m/a", "example.com/m/b")
	// Saved by renaming a new file over it, as some editors and git do:
	// the directory's times change, not its names.
	step("a file saved by rename", func() {
		write("m/b/b.go.tmp", "package b\n\nfunc B() { println(2) }\n")
		if err := os.Rename(filepath.Join(dir, "b", "b.go.tmp"), filepath.Join(dir, "b", "b.go")); err != nil {
			t.Fatal(err)
		}
	}, "example.com/m/b")
	step("a file go does not read saved by rename", func() {
		write("m/b/notes.txt.tmp", "notes\n")
		if err := os.Rename(filepath.Join(dir, "b", "notes.txt.tmp"), filepath.Join(dir, "b", "notes.txt")); err != nil {
			t.Fatal(err)
		}
	})
	step("and saved again", func() {
		write("m/b/notes.txt.tmp", "more notes\n")
		if err := os.Rename(filepath.Join(dir, "b", "notes.txt.tmp"), filepath.Join(dir, "b", "notes.txt")); err != nil {
			t.Fatal(err)
		}
	}, []string{}...)
	// A command's implicit dependencies (runtime and what it imports) are
	// listed though nothing imports them: a name change is listed whole.
	step("a package becomes a command", func() { write("m/t/t.go", "package main\n\nfunc main() {}\n") })
	step("and a package again", func() { write("m/t/t.go", "package t\n") })
	step("a file edited", func() { write("m/b/b.go", "package b\n\nimport \"example.com/m/t\"\n\nfunc B() {}\n\nvar _ = t.X\n") })
	step("an import changed, same size", func() {
		write("m/b/b.go", "package b\n\nimport \"example.com/m/c\"\n\nfunc B() {}\n\nvar _ = c.X\n")
	})
	step("a file added", func() { write("m/b/b2.go", "package b\n\nimport \"os\"\n\nvar _ = os.Args\n") })
	step("a test file added", func() { write("m/b/b_test.go", "package b\n\nimport \"testing\"\n\nfunc TestB(*testing.T) {}\n") })
	step("a test file's imports edited", func() {
		write("m/b/b_test.go", "package b\n\nimport (\n\t\"strings\"\n\t\"testing\"\n)\n\nfunc TestB(*testing.T) { _ = strings.ToUpper }\n")
	}, "example.com/m/b")
	step("a file renamed", func() {
		if err := os.Rename(filepath.Join(dir, "b", "b2.go"), filepath.Join(dir, "b", "b3.go")); err != nil {
			t.Fatal(err)
		}
	})
	step("a file deleted", func() {
		if err := os.Remove(filepath.Join(dir, "b", "b3.go")); err != nil {
			t.Fatal(err)
		}
	})
	step("a directory added", func() { write("m/d/e/e.go", "package e\n") })
	step("a file with a build constraint", func() { write("m/t/t_never.go", "//go:build never\n\npackage t\n\nimport \"os\"\n\nvar _ = os.Args\n") })
	step("a constraint edited in place", func() {
		write("m/t/t_never.go", "//go:build !never\n\npackage t\n\nimport \"os\"\n\nvar _ = os.Args\n")
	})
	step("go.mod edited", func() {
		write("m/go.mod", "module example.com/m\n\ngo 1.25\n\nrequire example.org/ext v0.0.0\n\nreplace example.org/ext => ../ext\n")
	})
	step("a replacement outside the module edited", func() {
		write("ext/ext.go", "package ext\n\nimport \"strings\"\n\nvar E = strings.ToUpper\n")
	})
	step("a cgo package added", func() {
		write("m/cg/cg.go", "package cg\n\n// int f(void);\nimport \"C\"\n\nvar F = C.f\n")
		write("m/cg/f.c", "int f(void) { return 1; }\n")
	})
	step("a C file's build constraint edited", func() { write("m/cg/f.c", "//go:build never\n\nint f(void) { return 1; }\n") })
	step("a build tag", func() { tags = []string{"never"} })
	step("GOFLAGS", func() { tags = nil; t.Setenv("GOFLAGS", "-mod=mod -tags=never") })

	// An overlay names a file the stamps do not cover: never reused.
	overlay := filepath.Join(t.TempDir(), "overlay.json")
	if err := os.WriteFile(overlay, []byte(`{"Replace":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-mod=mod -overlay="+overlay)
	for range 2 {
		if l := list(true); l.Reused {
			t.Fatal("a listing was reused with an -overlay in GOFLAGS")
		}
	}
}

func describe(l *Listing) map[string]any {
	pkgs := map[string]any{}
	for _, p := range l.Packages {
		pkgs[p.ImportPath] = *p
	}
	deps := map[string]any{}
	for path, p := range l.Deps {
		deps[path] = p.Imports
	}
	return map[string]any{"packages": pkgs, "deps": deps, "main": l.Main, "errors": l.Errors}
}

// TestListReuseModuleCache: the first listing of a module whose
// dependencies come from the module cache (archcheck's own: cobra, x/tools)
// stamps their directories after go list, so the second is reused, not
// listed again to stamp them first.
func TestListReuseModuleCache(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	ctx := context.Background()
	var first *Listing
	for i, want := range []bool{false, true} {
		l, err := ListAll(ctx, Options{Dir: "..", Deps: true, Reuse: true})
		if err != nil {
			t.Fatal(err)
		}
		if l.Reused != want {
			t.Fatalf("listing %d: reused %v, want %v", i+1, l.Reused, want)
		}
		if first == nil {
			first = l
			continue
		}
		cp := *l
		cp.Reused = false
		if !reflect.DeepEqual(&cp, first) {
			t.Errorf("the reused listing differs from the first:\ngot  %+v\nwant %+v", describe(l), describe(first))
		}
	}
}
