package engine

import (
	"context"
	"fmt"
	"go/token"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/dataownership"
	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/rules"
)

// Data ownership (issue 20): the rules data-ownership (per package, the
// dataownership analyzer, riding on the typed load of sync-call with
// sqltables) and unowned-table (check only: a table owned by no module
// that several modules use). Both run only once a module declares tables;
// then Check also keeps the SQL table uses, which turns the incremental
// cache off as for suggest.

// dataRun is the data-ownership part of one Check.
type dataRun struct {
	analyzer *analysis.Analyzer
	report   bool // data-ownership runs
	unowned  bool // unowned-table runs
}

// UnresolvedSQL is a database call of the checked packages whose tables
// could not be told (check --debug-stats lists them).
type UnresolvedSQL struct {
	Package string
	File    string // relative to the main module's root
	Line    int
	Module  string
	Func    string
	Reason  string
}

// dataRules says whether the data rules run in this Check, and sets up
// their analyzer.
func (c *collector) dataRules(run func(string) bool) bool {
	if !c.cfg.DeclaresTables() || !run(rules.RuleDataOwnership) && !run(rules.RuleUnownedTable) {
		return false
	}
	c.data = &dataRun{analyzer: dataownership.New(c.cfg), report: run(rules.RuleDataOwnership), unowned: run(rules.RuleUnownedTable)}
	return true
}

// dataAnalyzers are the analyzers the data rules add to the sync-call session.
func (c *collector) dataAnalyzers() []*analysis.Analyzer {
	if c.data == nil {
		return nil
	}
	return []*analysis.Analyzer{c.data.analyzer}
}

// dataOwnership adds the data-ownership findings of every analysed package,
// then the unowned-table findings, and keeps the unresolved calls.
func (c *collector) dataOwnership(out *driver.Output) {
	if c.data == nil {
		return
	}
	c.unresolvedSQL = []UnresolvedSQL{} // not nil: the rules ran
	for _, p := range out.Packages {
		res, ok := p.Results[c.data.analyzer].(*dataownership.Result)
		if !ok || res.Module == "" || p.Pkg.ID != p.Pkg.PkgPath {
			continue
		}
		if c.data.report {
			for _, f := range res.Findings {
				c.add(f.Finding, p.Pkg.Fset.Position(f.Pos))
			}
		}
		for _, u := range res.Unresolved {
			pos := p.Pkg.Fset.Position(u.Pos)
			c.unresolvedSQL = append(c.unresolvedSQL, UnresolvedSQL{Package: p.Pkg.PkgPath, File: c.g.Main.RelPath(pos.Filename), Line: pos.Line,
				Module: res.Module, Func: u.Func, Reason: u.Reason})
		}
	}
	sortUnresolvedSQL(c.unresolvedSQL)
}

func sortUnresolvedSQL(us []UnresolvedSQL) {
	slices.SortFunc(us, func(a, b UnresolvedSQL) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		return a.Line - b.Line
	})
}

// unownedTables reports unowned-table from every package's table uses,
// the incremental cache's included (so it runs after the cache's replay):
// a table no module owns, not shared, that two modules or more use. DDL,
// test files and packages of no module do not count.
func (c *collector) unownedTables() {
	if c.data == nil || !c.data.unowned {
		return
	}
	byTable := map[string][]graph.TableUse{}
	for _, u := range c.tables {
		if !u.DDL && !strings.HasSuffix(u.File, "_test.go") && c.cfg.ModuleOf(u.Package) != nil {
			byTable[u.Table] = append(byTable[u.Table], u)
		}
	}
	for _, table := range slices.Sorted(maps.Keys(byTable)) {
		uses := byTable[table]
		if c.cfg.TableOwner(table) != nil || c.cfg.SharedTable(table) {
			continue
		}
		access := map[string]string{} // module → "reads", "writes" or "reads and writes"
		for _, u := range uses {
			a := "reads"
			if u.Write {
				a = "writes"
			}
			m := c.cfg.ModuleOf(u.Package).Name
			switch prev := access[m]; {
			case prev == "":
				access[m] = a
			case prev != a:
				access[m] = "reads and writes"
			}
		}
		if len(access) < 2 {
			continue
		}
		var mods []string
		for _, m := range c.cfg.Modules {
			if a, ok := access[m.Name]; ok {
				mods = append(mods, m.Name+" "+a)
			}
		}
		first := slices.MinFunc(uses, func(a, b graph.TableUse) int {
			if a.File != b.File {
				return strings.Compare(a.File, b.File)
			}
			return a.Line - b.Line
		})
		c.add(rules.Finding{
			Rule: rules.RuleUnownedTable, FromModule: c.cfg.ModuleOf(first.Package).Name, Package: first.Package,
			Message: fmt.Sprintf("table %s is owned by no module and used by %d: %s; add it to one module's tables (or to shared_tables)",
				table, len(access), strings.Join(mods, ", ")),
			Table: table, Symbol: table,
		}, token.Position{Filename: filepath.Join(c.g.Main.Dir, filepath.FromSlash(first.File)), Line: first.Line, Column: first.Column})
	}
}

// WriteUnresolvedSQL prints the database calls whose tables could not be
// told, with their count, one a line (check --debug-stats).
func WriteUnresolvedSQL(w io.Writer, us []UnresolvedSQL) error {
	if _, err := fmt.Fprintf(w, "debug-stats: sql unresolved     %d\n", len(us)); err != nil {
		return err
	}
	for _, u := range us {
		if _, err := fmt.Fprintf(w, "debug-stats:   %s:%d: %s (%s, %s)\n", u.File, u.Line, u.Reason, u.Module, u.Func); err != nil {
			return err
		}
	}
	return nil
}

// withTables adds data ownership to init's proposal when a package of the
// main module imports a database library: it runs the typed analysis
// with the proposed modules, proposes tables and reads from today's SQL
// (insight.ProposeTables) and returns the new YAML, parsed back and
// validated.
func withTables(ctx context.Context, opts Options, p *insight.Proposal, cfg *rules.Config, l *listed, data []byte) ([]byte, error) {
	uses := false
	for _, pkg := range l.pkgs {
		if pkg.Module == nil || pkg.Module.Path != l.main.Path {
			continue
		}
		for _, imp := range pkg.Imports {
			uses = uses || sqltables.IsDatabasePackage(imp)
		}
	}
	if !uses {
		return data, nil
	}
	opts.config, opts.listed = cfg, l
	opts.Tables, opts.Rules, opts.NeedCalls = true, []string{rules.RuleDataOwnership}, false
	res, err := Check(ctx, opts)
	if err != nil {
		return nil, err
	}
	p.Tables = insight.ProposeTables(cfg, res.Tables)
	data = p.YAML()
	next, err := rules.Parse("archcheck.yaml", data)
	if err != nil {
		return nil, fmt.Errorf("infer modules: the proposal's tables do not parse: %w", err)
	}
	next.Bind(l.main.Path)
	return data, nil
}
