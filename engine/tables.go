package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/graph"
)

// sqlLibraries are the import paths (a trailing "/" makes a prefix) whose
// importers may run SQL.
var sqlLibraries = []string{"database/sql", "github.com/jackc/pgx/", "github.com/jmoiron/sqlx", "github.com/georgysavva/scany/"}

func importsSQL(imports []string) bool {
	for _, imp := range imports {
		for _, lib := range sqlLibraries {
			if imp == lib || strings.HasSuffix(lib, "/") && strings.HasPrefix(imp, lib) {
				return true
			}
		}
	}
	return false
}

// Tables runs the sqltables analyzer over the packages of res's modules
// that can run SQL, and returns the tables they read and write, sorted.
// Only those packages are type-checked: the ones importing a database
// library, and the ones importing a package of the main module that does
// (they may call methods on a *sql.DB it hands out without importing
// database/sql themselves).
func Tables(ctx context.Context, opts Options, res *Result) ([]graph.TableUse, error) {
	if res.tablesDone {
		return res.Tables, nil // computed on Analyze's typed load
	}
	g := res.Graph
	roots := sqlRoots(g)
	if len(roots) == 0 {
		return nil, nil
	}
	var flags []string
	if len(opts.Tags) > 0 {
		flags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	cfg := &packages.Config{Context: ctx, Mode: driver.Mode, Dir: opts.Dir, BuildFlags: flags}
	pkgs, err := packages.Load(cfg, roots...)
	if err != nil {
		return nil, fmt.Errorf("load packages for sqltables: %w", err)
	}
	out, err := driver.Run(ctx, pkgs, []*analysis.Analyzer{sqltables.Analyzer},
		driver.Options{Dir: opts.Dir, BuildFlags: flags})
	if err != nil {
		return nil, fmt.Errorf("sqltables: %w", err)
	}
	return tableUses(g, out), nil
}

// sqlRoots returns the packages of modules that import a database library
// or a main-module package that does.
func sqlRoots(g *graph.Graph) []string {
	direct := map[string]bool{}
	for _, p := range g.Packages {
		if importsSQL(p.Imports) {
			direct[p.ImportPath] = true
		}
	}
	var roots []string
	for _, p := range g.Packages {
		if g.Module[p.ImportPath] == "" {
			continue
		}
		use := direct[p.ImportPath]
		for _, imp := range p.Imports {
			use = use || direct[imp]
		}
		if use {
			roots = append(roots, p.ImportPath)
		}
	}
	return roots
}

// tableUses converts the analyzer's results, sorted by position.
func tableUses(g *graph.Graph, out *driver.Output) []graph.TableUse {
	var uses []graph.TableUse
	for _, p := range out.Packages {
		r, ok := p.Results[sqltables.Analyzer].(*sqltables.Result)
		if !ok || p.Pkg.ID != p.Pkg.PkgPath {
			continue
		}
		for _, u := range r.Uses {
			pos := p.Pkg.Fset.Position(u.Pos)
			uses = append(uses, graph.TableUse{Package: p.Pkg.PkgPath, Func: u.Func, Table: u.Table,
				Write: u.Write, File: g.Main.RelPath(pos.Filename), Line: pos.Line})
		}
	}
	sort.SliceStable(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		return !a.Write && b.Write
	})
	return uses
}
