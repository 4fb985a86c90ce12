package engine

import (
	"sort"

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
				Write: u.Write, DDL: u.DDL, File: g.Main.RelPath(pos.Filename), Line: pos.Line})
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
