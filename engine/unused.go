package engine

import (
	"go/token"
	"slices"
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
	for _, x := range c.cfg.UnusedEntries(UsageOf(c.g, syncRan, c.interfaces, c.tables)) {
		c.add(rules.Finding{
			Rule: rules.RuleUnusedDependency, FromModule: x.Module, ToModule: x.To,
			// A finding of the config, not of a package: it is located in
			// archcheck.yaml and its package is the main module's path.
			Package: c.cfg.ModulePath,
			Message: x.Message, Symbol: x.Field + ":" + x.Entry,
		}, token.Position{Filename: file, Line: x.Pos.Line, Column: x.Pos.Col})
	}
}

// UsageOf is what the code of g uses, for unused-dependency and sync:
// module imports (test files' included), packages imported from other
// modules, the module pairs an allow_sync entry may be for (when syncRan:
// g.Calls holds the sync-call analysis' calls) and the tables each module
// reads (when tables is not nil).
//
// With wholeProgram, a pair is for allow_sync when a call between them
// blocks on a kind sync-call reports. Without it, calls through interfaces
// and function values are not resolved, so a call that does not block
// here may block there: any synchronous call counts, and only an entry for
// a module that is not called at all is unused.
func UsageOf(g *graph.Graph, syncRan, wholeProgram bool, tables []graph.TableUse) rules.Usage {
	u := importUsage(g)
	if syncRan {
		u.Sync, u.SyncBlocking = syncUsage(g, wholeProgram), wholeProgram
	}
	if tables != nil {
		u.Reads = readUsage(g.Config, tables)
	}
	return u
}

// importUsage is the Usage's Imports and Imported: the imports of the main
// module's packages (test files' included) into other modules.
func importUsage(g *graph.Graph) rules.Usage {
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
	return u
}

// syncUsage is the Usage's Sync: the module pairs of g.Calls' synchronous
// calls, with wholeProgram only those that block on an enabled kind.
func syncUsage(g *graph.Graph, wholeProgram bool) map[[2]string]bool {
	sync := map[[2]string]bool{}
	for _, call := range g.Calls {
		if call.FromModule == "" || call.ToModule == "" || call.Publish {
			continue
		}
		if !wholeProgram || slices.ContainsFunc(call.Kinds, g.Config.SyncKindEnabled) {
			sync[[2]string{call.FromModule, call.ToModule}] = true
		}
	}
	return sync
}

// readUsage is the Usage's Reads: the tables each module reads (not
// writes), without schema.
func readUsage(cfg *rules.Config, tables []graph.TableUse) map[string][]string {
	reads := map[string][]string{}
	for _, t := range tables {
		if m := cfg.ModuleOf(t.Package); m != nil && !t.Write {
			name := t.Table[strings.LastIndexByte(t.Table, '.')+1:]
			reads[m.Name] = append(reads[m.Name], name)
		}
	}
	return reads
}
