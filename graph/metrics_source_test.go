package graph

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

// TestScanPackageUsesParsedFiles: a file the typed load already parsed is
// not parsed again; its tree is what counts (lines still come from disk).
func TestScanPackageUsesParsedFiles(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	if err := os.WriteFile(name, []byte("package a\n\nvar X = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &Package{ImportPath: "example.com/a", Dir: dir, GoFiles: []string{"a.go"}}
	if got := scanPackage(p, &Graph{}); got.types != 0 || got.lines != 2 {
		t.Fatalf("from disk: %+v, want 0 types, 2 lines", got)
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, "package a\n\ntype T int\n\ntype I interface{}\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := scanPackage(p, &Graph{Parsed: map[string]*ast.File{name: f}}); got.types != 2 || got.interfaces != 1 || got.lines != 2 {
		t.Errorf("with the parsed tree: %+v, want 2 types, 1 interface, 2 lines", got)
	}
	// An overlaid file counts as the go command sees it, lines included.
	over := &Graph{Overlay: Overlay{name: []byte("package a\n\ntype T int\n\nvar X = 1\n")}}
	if got := scanPackage(p, over); got.types != 1 || got.lines != 3 {
		t.Errorf("through the overlay: %+v, want 1 type, 3 lines", got)
	}
}
