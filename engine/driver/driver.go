// Package driver runs go/analysis analyzers over packages loaded by
// go/packages, the way archcheck's standalone commands need: the root
// packages type-checked from source, their dependencies from export data,
// facts kept in memory keyed by package path and object path, and the
// facts of non-standard-library dependencies computed once from source and
// cached on disk, so that a warm run costs little more than loading the
// roots.
//
// The stock go/analysis/checker loads every dependency from source as soon
// as an analyzer has facts; on a large monolith that is several times the
// time and memory of the load itself. Analyzers that need facts about the
// standard library must not rely on this driver to provide them.
package driver

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"fmt"
	"go/token"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/internal/cache"
)

// Mode is the packages.LoadMode that roots must be loaded with.
const Mode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule | packages.NeedTypesSizes

// Options configure Run.
type Options struct {
	// Overlay replaces files' contents, as packages.Config.Overlay does,
	// for the dependencies loaded from source and the cache keys.
	Overlay map[string][]byte
	// DepFacts computes the facts of the roots' dependencies outside the
	// standard library (module-cache modules, replaced modules, packages of
	// the main module that are not roots) from source, running only the
	// analyzers that have facts. Without it, facts flow only between roots.
	DepFacts bool
	// CacheDir is the root of the cache that holds dependency facts (in
	// its facts/ subdirectory); "" means cache.Dir(). NoCache computes
	// them every run.
	CacheDir string
	NoCache  bool
	// ToolID identifies the analyzers' build in cache keys; "" derives one
	// from the running executable.
	ToolID string
	// Dir, Env and BuildFlags configure the dependency loads; pass the
	// roots' packages.Config values (BuildFlags carries -tags).
	Dir        string
	Env        []string
	BuildFlags []string
	// Concurrency bounds the packages analysed at once; 0 means GOMAXPROCS.
	Concurrency int
	// Progress, when set, is told what the dependency work is doing.
	Progress func(stage string)
}

// Output is what Run found.
type Output struct {
	Packages []*Package // the roots, sorted by path, then ID
	// Broken are the dependencies whose facts were computed from source
	// and that failed to load or type-check, sorted by path: the facts
	// of what they declare are missing, so the roots' results are
	// incomplete (go vet fails on them too).
	Broken []*packages.Package
	Stats  Stats
}

// Package is the outcome of the analyzers on one root package.
type Package struct {
	Pkg         *packages.Package
	Results     map[*analysis.Analyzer]any // for every analyzer that ran, Requires included
	Diagnostics []Diagnostic               // sorted by position, analyzer, message
	Errors      []error                    // analyzers that failed or were skipped
}

// Diagnostic is a diagnostic with its analyzer and resolved position.
type Diagnostic struct {
	analysis.Diagnostic
	Analyzer *analysis.Analyzer
	Position token.Position
}

// Stats describe the work Run did, for measurements.
type Stats struct {
	DepPackages int           // non-std dependencies that carry facts
	DepCached   int           // of those, read from the cache
	DepLoaded   int           // of those, type-checked from source
	DepTime     time.Duration // listing, loading and analysing dependencies
	Prefetched  bool          // the dependency work started by Session.Prefetch was used
	DepsGiven   bool          // the dependencies came listed (PrefetchListed)
	RootTime    time.Duration // analysing the roots
}

// Run runs analyzers, and the analyzers they require, over pkgs, which must
// have been loaded with at least Mode. Packages are analysed in dependency
// order, independent ones in parallel. Run returns an error only when the
// driver itself cannot work (invalid analyzers, a dependency listing that
// fails); analyzer failures and packages with errors are recorded in
// Package.Errors.
func Run(ctx context.Context, pkgs []*packages.Package, analyzers []*analysis.Analyzer, opts Options) (*Output, error) {
	s, err := NewSession(analyzers, opts)
	if err != nil {
		return nil, err
	}
	return s.Run(ctx, pkgs)
}

// A Session runs analyzers once. Between NewSession and Run, Prefetch can
// start the dependency work that needs only the roots' import paths, so
// that it overlaps the roots' typed load instead of following it.
type Session struct {
	r     *runner
	pre   *prefetch
	given bool // Give was called

	mu       sync.Mutex
	streamed map[*packages.Package]*unit // roots analysed by Analyse
	done     map[string]bool             // their paths
}

// NewSession validates the analyzers and prepares a run with opts.
func NewSession(analyzers []*analysis.Analyzer, opts Options) (*Session, error) {
	if err := analysis.Validate(analyzers); err != nil {
		return nil, err
	}
	all := closure(analyzers)
	r := &runner{opts: opts, store: newFactStore(all), analyzers: all, factAnalyzers: closure(withFacts(all))}
	if r.opts.Concurrency <= 0 {
		r.opts.Concurrency = runtime.GOMAXPROCS(0)
	}
	return &Session{r: r}, nil
}

// Root is what Prefetch knows of a root package before it is loaded.
type Root struct {
	Path    string   // import path
	Module  string   // module path; "" outside modules (std, GOPATH)
	Imports []string // resolved import paths of its non-test files
}

// Prefetch starts, in the background, listing the roots' non-standard
// dependencies, reading their cached facts and loading the packages whose
// facts are not cached. Run waits for it and uses it when it was started
// for the roots Run is given; otherwise Run does the work itself. Without
// DepFacts or fact analyzers it does nothing.
func (s *Session) Prefetch(ctx context.Context, roots []Root) {
	s.PrefetchListed(ctx, roots, nil, nil)
}

// A LoadFunc loads one listed dependency with syntax and types (its own
// imports from export data), for its facts; it is called at most once per
// package, from several goroutines.
type LoadFunc func(path string) *packages.Package

// PrefetchListed is Prefetch for a caller that has listed the roots'
// imports already: listed maps import paths to packages with Name, Module
// and Imports, each linked to its own dependencies, as packages.Load with
// NeedDeps gives them. Where it lacks one of the roots' non-standard
// imports, the dependencies are listed again.
//
// With load, the dependencies whose facts are not cached are loaded one at
// a time as they are analysed, in dependency order, and dropped once
// analysed (only their facts stay), instead of all at once with
// packages.Load: on a cold cache that bounds the memory to the packages in
// progress rather than the whole dependency tree. This needs a listing in
// which no dependency imports a root.
func (s *Session) PrefetchListed(ctx context.Context, roots []Root, listed map[string]*packages.Package, load LoadFunc) {
	if !s.r.opts.DepFacts || len(s.r.factAnalyzers) == 0 || s.pre != nil {
		return
	}
	p := &prefetch{key: rootsKey(roots), done: make(chan struct{}), roots: map[string]bool{}}
	for _, r := range roots {
		p.roots[r.Path] = true
	}
	s.pre = p
	go func() {
		defer close(p.done)
		p.deps, p.err = s.r.prepareDeps(ctx, roots, listed, load)
	}()
}

// Give adds the facts of a package analysed in an earlier run (as
// EncodeFacts returned them), so that roots importing it find them though
// it is not analysed now. A session given facts runs a subset of the roots
// its prefetch was started for: Run then uses the prefetch as it is.
func (s *Session) Give(path string, data []byte) error {
	var facts []cachedFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&facts); err != nil {
		return fmt.Errorf("facts of %s: %w", path, err)
	}
	s.given = true
	return s.r.store.decode(path, facts)
}

// EncodeFacts returns the facts the package path exported in this run,
// for Give in a later one.
func (s *Session) EncodeFacts(path string) ([]byte, error) {
	facts, err := s.r.store.encode(path)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(facts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DepKeys returns the cache keys of the listed dependencies (as
// PrefetchListed's listing gives them; see cacheKeys): a dependency
// without one can change without its key telling. They are computed once
// per session.
func (s *Session) DepKeys(ctx context.Context, listed map[string]*packages.Package) (map[string]string, error) {
	graph := make([]*packages.Package, 0, len(listed))
	for _, p := range listed {
		graph = append(graph, p)
	}
	slices.SortFunc(graph, func(a, b *packages.Package) int { return cmp.Compare(a.PkgPath, b.PkgPath) })
	var ordered []*packages.Package
	packages.Visit(graph, nil, func(p *packages.Package) {
		if p.Module != nil {
			ordered = append(ordered, p)
		}
	})
	return s.r.keys(ctx, ordered)
}

// EnvID identifies the toolchain, the build configuration and archcheck's
// build, as the cache keys include them.
func (s *Session) EnvID(ctx context.Context) (string, error) {
	env, err := s.r.env(ctx)
	if err != nil {
		return "", err
	}
	return env.id, nil
}

// prefetch is dependency work started before Run.
type prefetch struct {
	key   string          // rootsKey of the roots it was started for
	roots map[string]bool // their paths
	done  chan struct{}
	deps  *depSet
	err   error
}

// Keep says what of a root Analyse keeps once its analyzers ran: the
// types always, the syntax trees and the type information only when
// asked (for whole-program analysis, metrics). Their memory is most of a
// typed package's, and a root's analysis is the last to read them.
type Keep struct {
	Syntax    bool
	TypesInfo bool
}

// Analyse runs the analyzers over one root as soon as it is type-checked,
// the roots it imports having been given to Analyse before (as
// typecheck.Config.Checked gives them), and lets go of what keep does
// not keep; Run then uses its outcome instead of analysing it again. The
// facts of the dependencies come from the prefetch, which Analyse waits
// for. It declines (false; Run analyses the root) when there is no such
// prefetch that analysed the dependencies while loading them
// (PrefetchListed with a LoadFunc), when the root imports a dependency it
// did not list, or when a root it imports was not analysed here: its
// facts would be missing.
func (s *Session) Analyse(ctx context.Context, pkg *packages.Package, keep Keep) bool {
	p := s.pre
	if p == nil || s.given {
		return false
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return false
	}
	if p.err != nil || !p.deps.analysed || !p.roots[pkg.PkgPath] || pkg.ID != pkg.PkgPath {
		return false
	}
	for _, imp := range pkg.Imports {
		switch {
		case p.roots[imp.PkgPath]:
			if !s.analysed(imp.PkgPath) {
				return false
			}
		case imp.Module != nil && !p.deps.has(imp.PkgPath):
			return false
		}
	}
	u := newUnit(pkg, s.r.analyzers, true)
	s.r.analyse(u)
	u.ran = true
	close(u.done)
	if !keep.Syntax {
		pkg.Syntax = nil
	}
	if !keep.TypesInfo {
		pkg.TypesInfo = nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.streamed == nil {
		s.streamed, s.done = map[*packages.Package]*unit{}, map[string]bool{}
	}
	s.streamed[pkg], s.done[pkg.PkgPath] = u, true
	return true
}

// analysed reports whether Analyse analysed the root path.
func (s *Session) analysed(path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done[path]
}

// streamedUnit returns the unit Analyse made of pkg, or nil.
func (s *Session) streamedUnit(pkg *packages.Package) *unit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.streamed[pkg]
}

// Run runs the session's analyzers over pkgs, as the package function Run
// does.
func (s *Session) Run(ctx context.Context, pkgs []*packages.Package) (*Output, error) {
	r := s.r
	out := &Output{}
	roots := make([]*unit, len(pkgs))
	var pending []*unit // to analyse: the roots Analyse did not
	for i, p := range pkgs {
		if roots[i] = s.streamedUnit(p); roots[i] == nil {
			roots[i] = newUnit(p, r.analyzers, true)
			pending = append(pending, roots[i])
		}
	}
	var deps []*unit
	units := pending // to schedule
	if r.opts.DepFacts && len(r.factAnalyzers) > 0 {
		start := time.Now()
		ds, prefetched, err := s.deps(ctx, pkgs)
		if err != nil {
			return nil, err
		}
		out.Stats.Prefetched, out.Stats.DepsGiven = prefetched, ds.given
		deps = ds.units
		if !ds.analysed { // else analysed during the prefetch
			linkDeps(deps, roots, ds.listed)
			units = append(slices.Clip(deps), pending...)
		}
		linkRoots(roots, deps)
		out.Stats.DepPackages, out.Stats.DepLoaded = len(ds.listed), ds.loaded
		out.Stats.DepCached = out.Stats.DepPackages - out.Stats.DepLoaded
		out.Stats.DepTime = time.Since(start)
	} else {
		linkRoots(roots, nil)
	}
	start := time.Now()
	if err := schedule(ctx, units, r.opts.Concurrency, r.analyse); err != nil {
		return nil, err
	}
	out.Stats.RootTime = time.Since(start)
	if err := r.saveDeps(deps); err != nil {
		return nil, err
	}
	for _, u := range deps {
		if !u.cached && len(u.pkg.Errors) > 0 {
			out.Broken = append(out.Broken, u.pkg)
		}
	}
	slices.SortFunc(out.Broken, func(a, b *packages.Package) int { return cmp.Compare(a.PkgPath, b.PkgPath) })
	for _, u := range roots {
		out.Packages = append(out.Packages, u.result())
	}
	slices.SortFunc(out.Packages, func(a, b *Package) int {
		return cmp.Or(cmp.Compare(a.Pkg.PkgPath, b.Pkg.PkgPath), cmp.Compare(a.Pkg.ID, b.Pkg.ID))
	})
	return out, nil
}

// deps returns the roots' dependency units: the prefetched ones when they
// were computed for the same roots with the same imports, else computed now.
func (s *Session) deps(ctx context.Context, pkgs []*packages.Package) (ds *depSet, prefetched bool, err error) {
	roots := rootsOf(pkgs)
	if p := s.pre; p != nil {
		<-p.done
		if p.err == nil && (p.key == rootsKey(roots) || s.given) {
			return p.deps, true, nil
		}
	}
	ds, err = s.r.prepareDeps(ctx, roots, nil, nil)
	return ds, false, err
}

// rootsKey identifies roots and their external imports, in any order.
func rootsKey(roots []Root) string {
	paths := make([]string, 0, len(roots))
	for _, r := range roots {
		if r.Module != "" {
			paths = append(paths, r.Path)
		}
	}
	slices.Sort(paths)
	return strings.Join(paths, "\n") + "\n\n" + strings.Join(externalImports(roots, nil), "\n")
}

// closure returns the analyzers and everything they require, each after
// its requirements, in a deterministic order.
func closure(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		out = append(out, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return out
}

// withFacts returns the analyzers that use facts.
func withFacts(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		if len(a.FactTypes) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// runner holds the state of one Run.
type runner struct {
	opts          Options
	cacheOnce     sync.Once
	cache         *cache.Store
	cacheErr      error
	envOnce       sync.Once
	envVal        *buildEnv
	envErr        error
	keysMu        sync.Mutex
	keysMemo      map[string]string // cacheKeys' results, by path
	store         *factStore
	paths         pathMemo             // object paths encoded this run (facts.go)
	analyzers     []*analysis.Analyzer // for roots, in dependency order
	factAnalyzers []*analysis.Analyzer // for dependencies
}
