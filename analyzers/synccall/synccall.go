package synccall

import (
	_ "embed"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/internal/analysisdoc"
	"github.com/archcheck/archcheck/rules"
)

//go:embed doc.go
var docSource string

// New returns the synccall analyzer for a validated config bound to the
// main module. The analyzer reads nothing but cfg and the pass.
func New(cfg *rules.Config) *analysis.Analyzer {
	l := newLists(cfg)
	return &analysis.Analyzer{
		Name:       "synccall",
		Doc:        analysisdoc.Extract(docSource, "synccall"),
		URL:        "https://github.com/archcheck/archcheck#sync-call",
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, cfg, l) },
		FactTypes:  []analysis.Fact{new(Blocks), new(CallsParams), new(FuncVars)},
		ResultType: reflect.TypeFor[*Result](),
	}
}

// run computes and exports the package's facts, then, for a package of a
// module, records its cross-module calls and reports its sync-calls.
func run(pass *analysis.Pass, cfg *rules.Config, l *lists) (any, error) {
	res := new(Result)
	path := pass.Pkg.Path()
	if cfg == nil || isStd(cfg, pass) {
		return res, nil // the standard library counts only through the built-in list
	}
	main := cfg.InMainModule(path)
	m := newMatcher(cfg, l, path, main)
	g := buildGraph(pass, m)
	s := solve(pass, g, m)
	s.exportFacts()
	if f := s.funcVarsFact(); f != nil && pass.ExportPackageFact != nil {
		pass.ExportPackageFact(f)
	}
	if main {
		res.VarCalls = s.varCalls(cfg)
		res.Blocking = s.blocking()
		res.Sites = sites(pass, cfg, s)
		res.Ran = g.ran
	}
	if from := cfg.ModuleOf(path); from != nil && main {
		report(pass, cfg, s, from, res)
	}
	return res, nil
}
