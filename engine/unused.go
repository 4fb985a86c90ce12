package engine

import (
	"go/token"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// unusedDependencies reports the unused-dependency rule (check only, over
// the whole main module): config entries nothing in the code uses. It runs
// after sync-call, whose calls decide allow_sync (skipped when sync-call did
// not run), and reads are checked when tables were analysed.
func (c *collector) unusedDependencies(syncRan bool) {
	file := c.cfg.Path()
	for _, x := range c.cfg.UnusedEntries(UsageOf(c.g, syncRan, c.tables)) {
		c.add(rules.Finding{
			Rule: rules.RuleUnusedDependency, FromModule: x.Module, ToModule: x.To,
			Message: x.Message, Symbol: x.Field + ":" + x.Entry,
		}, token.Position{Filename: file, Line: x.Pos.Line, Column: x.Pos.Col})
	}
}

// UsageOf is what the code of g uses, for unused-dependency and sync:
// module imports (test files' included), packages imported from other
// modules, blocking calls between modules of the kinds sync-call reports
// (when syncRan: g.Calls holds the sync-call analysis' calls) and the tables
// each module reads (when tables is not nil).
func UsageOf(g *graph.Graph, syncRan bool, tables []graph.TableUse) rules.Usage {
	cfg := g.Config
	u := rules.Usage{Imports: map[[2]string]bool{}, Imported: map[string]bool{}}
	for _, p := range g.Packages {
		if cfg.Excluded(p.ImportPath) || !cfg.InMainModule(p.ImportPath) {
			continue
		}
		from := cfg.ModuleOf(p.ImportPath)
		for _, imps := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range imps {
				to := cfg.ModuleOf(imp)
				if to == nil || to == from || cfg.Excluded(imp) {
					continue
				}
				u.Imported[imp] = true
				if from != nil {
					u.Imports[[2]string{from.Name, to.Name}] = true
				}
			}
		}
	}
	if syncRan {
		u.Sync = map[[2]string]bool{}
		for _, call := range g.Calls {
			if call.FromModule == "" || call.ToModule == "" || call.Publish {
				continue
			}
			for _, k := range call.Kinds {
				if cfg.SyncKindEnabled(k) {
					u.Sync[[2]string{call.FromModule, call.ToModule}] = true
					break
				}
			}
		}
	}
	if tables != nil {
		u.Reads = map[string][]string{}
		for _, t := range tables {
			if m := cfg.ModuleOf(t.Package); m != nil && !t.Write {
				name := t.Table[strings.LastIndexByte(t.Table, '.')+1:]
				u.Reads[m.Name] = append(u.Reads[m.Name], name)
			}
		}
	}
	return u
}
