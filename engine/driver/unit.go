package driver

import (
	"cmp"
	"context"
	"fmt"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/internal/dag"
	"github.com/archcheck/archcheck/load"
)

// A unit is one package to analyse: a root, or a dependency whose facts
// are computed (or read from the cache).
type unit struct {
	pkg       *packages.Package
	analyzers []*analysis.Analyzer
	deps      []*unit
	done      chan struct{}
	cached    bool   // facts were read from the cache: nothing to run
	ran       bool   // a root Session.Analyse analysed: done already
	key       string // cache key of a dependency; "" if not cacheable
	root      bool
	load      LoadFunc // loads pkg when its turn comes; it is dropped after

	results map[*analysis.Analyzer]any
	diags   []Diagnostic
	errs    []error
}

func newUnit(pkg *packages.Package, analyzers []*analysis.Analyzer, root bool) *unit {
	return &unit{pkg: pkg, analyzers: analyzers, root: root, done: make(chan struct{}), results: map[*analysis.Analyzer]any{}}
}

// linkRoots makes each root wait for the units whose objects it can see:
// those it imports, directly or through packages that are not units (so a
// method promoted through a package without facts still finds its facts).
func linkRoots(roots, deps []*unit) {
	byPath := map[string][]*unit{}
	for _, u := range slices.Concat(deps, roots) {
		byPath[u.pkg.PkgPath] = append(byPath[u.pkg.PkgPath], u)
	}
	fr := frontier{units: byPath, memo: map[*types.Package][]string{}}
	for _, u := range roots {
		if u.pkg.Types == nil || u.ran {
			continue
		}
		for _, path := range fr.of(u.pkg.Types) {
			for _, d := range byPath[path] {
				if d != u && path != u.pkg.PkgPath {
					u.deps = append(u.deps, d)
				}
			}
		}
	}
}

// frontier finds the unit packages reachable from a package through
// packages that are not units.
type frontier struct {
	units map[string][]*unit
	memo  map[*types.Package][]string
}

func (f *frontier) of(p *types.Package) []string {
	if v, ok := f.memo[p]; ok {
		return v
	}
	f.memo[p] = nil // breaks cycles through incomplete export data
	var out []string
	for _, q := range p.Imports() {
		if _, ok := f.units[q.Path()]; ok {
			out = append(out, q.Path())
		} else {
			out = append(out, f.of(q)...)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	f.memo[p] = out
	return out
}

// schedule runs fn on every unit after the units it depends on, at most n
// at a time. Dependency cycles (packages in an import cycle) are broken
// first, so that no unit waits for ever.
func schedule(ctx context.Context, units []*unit, n int, fn func(*unit)) error {
	breakCycles(units)
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for _, u := range units {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(u.done)
			for _, d := range u.deps {
				<-d.done
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			if ctx.Err() == nil {
				fn(u)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// analyse runs the unit's analyzers in order. A package that was not
// type-checked is skipped; one with errors runs only the analyzers that
// accept errors. Both are recorded, never fatal.
func (r *runner) analyse(u *unit) {
	if u.cached {
		return
	}
	if u.load != nil {
		u.pkg = u.load(u.pkg.PkgPath)
		defer func() {
			// Keep what the run reports (path, errors); the syntax and
			// types go, now that the facts are in the store.
			p := u.pkg
			u.pkg = &packages.Package{ID: p.ID, PkgPath: p.PkgPath, Name: p.Name, Module: p.Module, Errors: p.Errors}
			u.results = nil
		}()
	}
	pkg := u.pkg
	if pkg.Types == nil || pkg.TypesInfo == nil || pkg.Fset == nil {
		u.errs = append(u.errs, fmt.Errorf("%s: not type-checked: %v", pkg.PkgPath, pkg.Errors))
		return
	}
	fa := &factAccess{store: r.store, pkg: pkg.Types, errs: &u.errs}
	if u.root {
		// Not for a dependency analysed from source: the memo would keep
		// its objects, and with them its whole syntax and types, after
		// the unit lets them go.
		fa.paths = &r.paths
	}
	for _, a := range u.analyzers {
		if err := r.runAnalyzer(u, a, fa); err != nil {
			u.errs = append(u.errs, fmt.Errorf("%s: %s: %w", pkg.PkgPath, a.Name, err))
		}
	}
}

func (r *runner) runAnalyzer(u *unit, a *analysis.Analyzer, fa *factAccess) error {
	if len(u.pkg.Errors) > 0 && !a.RunDespiteErrors {
		return fmt.Errorf("skipped: the package has errors")
	}
	resultOf := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		res, ok := u.results[req]
		if !ok {
			return fmt.Errorf("skipped: %s did not run", req.Name)
		}
		resultOf[req] = res
	}
	res, err := a.Run(r.pass(u, a, resultOf, fa))
	if err != nil {
		return err
	}
	u.results[a] = res
	return nil
}

// pass builds the analysis.Pass of a on u.
func (r *runner) pass(u *unit, a *analysis.Analyzer, resultOf map[*analysis.Analyzer]any, fa *factAccess) *analysis.Pass {
	pkg := u.pkg
	return &analysis.Pass{
		Analyzer:     a,
		Fset:         pkg.Fset,
		Files:        pkg.Syntax,
		OtherFiles:   pkg.OtherFiles,
		IgnoredFiles: pkg.IgnoredFiles,
		Pkg:          pkg.Types,
		TypesInfo:    pkg.TypesInfo,
		TypesSizes:   pkg.TypesSizes,
		TypeErrors:   pkg.TypeErrors,
		Module:       module(pkg.Module),
		ResultOf:     resultOf,
		Report: func(d analysis.Diagnostic) {
			if u.root {
				u.diags = append(u.diags, Diagnostic{Diagnostic: d, Analyzer: a, Position: pkg.Fset.Position(d.Pos)})
			}
		},
		ReadFile:          readFile(pkg, r.opts.Overlay),
		ImportObjectFact:  fa.importObject,
		ExportObjectFact:  fa.exportObject,
		ImportPackageFact: fa.importPackage,
		ExportPackageFact: fa.exportPackage,
		AllObjectFacts:    fa.allObjectFacts,
		AllPackageFacts:   fa.allPackageFacts,
	}
}

func module(m *packages.Module) *analysis.Module {
	if m == nil {
		return nil
	}
	return &analysis.Module{Path: m.Path, Version: m.Version, Main: m.Main, Dir: m.Dir, GoMod: m.GoMod, GoVersion: m.GoVersion}
}

// readFile lets analyzers read the package's own files only, through the
// overlay, as the parser saw them.
func readFile(pkg *packages.Package, overlay map[string][]byte) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		for _, files := range [][]string{pkg.GoFiles, pkg.CompiledGoFiles, pkg.OtherFiles, pkg.IgnoredFiles, pkg.EmbedFiles} {
			if slices.Contains(files, name) {
				return load.Overlay(overlay).ReadFile(name)
			}
		}
		return nil, fmt.Errorf("%s is not a file of package %s", name, pkg.PkgPath)
	}
}

// result returns the root's outcome with its diagnostics sorted.
func (u *unit) result() *Package {
	slices.SortStableFunc(u.diags, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Position.Filename, b.Position.Filename),
			cmp.Compare(a.Position.Line, b.Position.Line),
			cmp.Compare(a.Position.Column, b.Position.Column),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return &Package{Pkg: u.pkg, Results: u.results, Diagnostics: u.diags, Errors: u.errs}
}

// breakCycles drops the dependencies that close a cycle (dag.Prune).
func breakCycles(units []*unit) {
	index := make(map[*unit]int, len(units))
	for i, u := range units {
		index[u] = i
	}
	succ := make([][]int, len(units))
	for i, u := range units {
		for _, d := range u.deps {
			if j, ok := index[d]; ok {
				succ[i] = append(succ[i], j)
			}
		}
	}
	for i, deps := range dag.Prune(succ) {
		units[i].deps = units[i].deps[:0]
		for _, j := range deps {
			units[i].deps = append(units[i].deps, units[j])
		}
	}
}
