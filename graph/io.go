package graph

import (
	"go/ast"
	"slices"

	"github.com/archcheck/archcheck/catalog"
)

// ioFuncs are the catalog's I/O functions by package path, read once.
var ioFuncs = catalog.IOFuncs()

// HasIOFuncs reports whether the package at path has functions whose use
// is blocking I/O of the caller's own (catalog.IOFuncs).
func HasIOFuncs(path string) bool {
	_, ok := ioFuncs[path]
	return ok
}

// IOUses returns the catalog's I/O functions a file uses
// ("os/exec.Command"), in source order, repeats included.
func IOUses(file *ast.File, p *Package) []string {
	var found []string
	names := ImportNames(file, p)
	uses := false
	for _, path := range names {
		uses = uses || HasIOFuncs(path)
	}
	if !uses {
		return nil
	}
	ast.Inspect(file, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		path, ok := names[id.Name]
		if !ok {
			return true
		}
		if slices.Contains(ioFuncs[path].Names, sel.Sel.Name) {
			found = append(found, path+"."+sel.Sel.Name)
		}
		return true
	})
	return found
}
