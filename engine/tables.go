package engine

import (
	"cmp"
	"slices"

	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/graph"
)

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
				Write: u.Write, DDL: u.DDL, File: g.Main.RelPath(pos.Filename), Line: pos.Line, Column: pos.Column})
		}
	}
	sortTableUses(uses)
	return uses
}

// sortTableUses sorts uses by position (also the incremental cache's
// replayed ones among the analysed ones).
func sortTableUses(uses []graph.TableUse) {
	write := func(u graph.TableUse) int { // reads before writes of one table on one line
		if u.Write {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(uses, func(a, b graph.TableUse) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Table, b.Table), cmp.Compare(write(a), write(b)))
	})
}
