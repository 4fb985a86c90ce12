package dataownership

import (
	_ "embed"
	"fmt"
	"go/token"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/internal/analysisdoc"
	"github.com/archcheck/archcheck/internal/ignore"
	"github.com/archcheck/archcheck/rules"
)

//go:embed doc.go
var docSource string

// New returns the dataownership analyzer for a validated, bound config.
func New(cfg *rules.Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:       "dataownership",
		Doc:        analysisdoc.Extract(docSource, "dataownership"),
		URL:        "https://github.com/archcheck/archcheck/blob/main/docs/data-ownership.md",
		Requires:   []*analysis.Analyzer{sqltables.Analyzer},
		ResultType: reflect.TypeFor[*Result](),
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
}

// Result is what the analyzer found in one package of a module.
type Result struct {
	Module     string    // the package's module
	Findings   []Finding // sorted by position
	Uses       []sqltables.Use
	Unresolved []sqltables.Unresolved // the calls whose tables could not be told
}

// Finding is one data-ownership finding. The engine fills in its file,
// line and column from Pos; its Message has no "[data-ownership] " prefix.
type Finding struct {
	Pos        token.Pos
	Suppressed bool // by an //archcheck:ignore comment; not reported to the pass
	rules.Finding
}

func run(pass *analysis.Pass, cfg *rules.Config) (any, error) {
	res := new(Result)
	path := pass.Pkg.Path()
	if strings.HasSuffix(path, ".test") || !cfg.DeclaresTables() ||
		!cfg.InMainModule(path) || cfg.Excluded(path) {
		return res, nil
	}
	m := cfg.ModuleOf(path)
	if m == nil {
		return res, nil
	}
	res.Module = m.Name
	found, _ := pass.ResultOf[sqltables.Analyzer].(*sqltables.Result)
	if found == nil {
		return res, nil
	}
	isTest := func(pos token.Pos) bool { return strings.HasSuffix(pass.Fset.Position(pos).Filename, "_test.go") }
	for _, u := range found.Unresolved {
		if !isTest(u.Pos) {
			res.Unresolved = append(res.Unresolved, u)
		}
	}
	report := cfg.Severity(rules.RuleDataOwnership) != rules.Off
	var idx *ignore.Index
	for _, u := range found.Uses {
		if u.DDL || isTest(u.Pos) {
			continue
		}
		res.Uses = append(res.Uses, u)
		if !report {
			continue
		}
		msg, owner := Check(cfg, m, u.Table, u.Write)
		if msg == "" {
			continue
		}
		if idx == nil {
			idx = ignore.New(pass.Fset, pass.Files)
		}
		access := "reads"
		if u.Write {
			access = "writes"
		}
		f := Finding{
			Pos:        u.Pos,
			Suppressed: idx.Suppressed(pass.Fset, rules.RuleDataOwnership, u.Pos),
			Finding: rules.Finding{
				Rule:       rules.RuleDataOwnership,
				Severity:   cfg.Severity(rules.RuleDataOwnership),
				FromModule: m.Name,
				ToModule:   owner,
				Package:    path,
				Message:    msg + ": " + u.Stmt,
				Table:      u.Table,
				Access:     access,
				Symbol:     u.Func + " " + access + " " + u.Table,
			},
		}
		res.Findings = append(res.Findings, f)
		if !f.Suppressed {
			pass.Report(analysis.Diagnostic{Pos: u.Pos, Category: rules.RuleDataOwnership,
				Message: "[" + rules.RuleDataOwnership + "] " + f.Message})
		}
	}
	return res, nil
}

// Check applies data-ownership to one access of module m to table: the
// message (without the statement) and the owner's name, or "" when the
// access is allowed: m owns the table, it is shared, owned by no module,
// or a read listed in m's reads.
func Check(cfg *rules.Config, m *rules.Module, table string, write bool) (msg, owner string) {
	o := cfg.TableOwner(table)
	if o == nil || o == m || cfg.SharedTable(table) {
		return "", ""
	}
	if write {
		return fmt.Sprintf("%s writes table %s, owned by %s", m.Name, table, o.Name), o.Name
	}
	if m.MayRead(table) {
		return "", ""
	}
	return fmt.Sprintf("%s reads table %s, owned by %s and not in %s's reads", m.Name, table, o.Name, m.Name), o.Name
}
