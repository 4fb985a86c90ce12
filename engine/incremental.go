package engine

import (
	"bytes"
	"context"
	"encoding/gob"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// The incremental cache keeps, per checked package, what the sync-call
// analysis of that package gave: its findings, its call sites, its load
// errors and the facts it exported. An entry is keyed by a hash of
// everything the analysis of the package read: its files (through the
// overlay), the keys of the checked packages it imports, the facts-cache
// keys of the dependencies it imports (their content or version,
// transitively), the config, the set of checked packages (templates
// expand over it), the main module, the Go version, build flags and
// environment, and archcheck's build (driver.Session.EnvID). A package
// whose key has an entry is neither type-checked (unless a changed
// package imports it) nor analysed; the others are, with the cached facts
// of those they import. Everything that spans packages (import rules,
// cycles, ignore comments, the graph's counts) is recomputed every run
// from these per-package results.
//
// Packages of the standard library checked as roots (archcheck run in
// GOROOT/src) are cached too.
//
// It stays off where its results would not be per package: --interfaces
// (whole program), the SQL tables (suggest, report), and the packages.Load
// fallback (no dependency listing to key by).

// incFormat changes whenever an entry's layout or its key's meaning does.
const incFormat = "archcheck-pkg-5"

type incremental struct {
	store  *cache.Store
	cfg    *rules.Config
	g      *graph.Graph
	report bool
	ovl    map[string][]byte

	mu      sync.Mutex
	active  bool                 // the keys were computed (the typed loader listed the dependencies)
	checked int                  // packages type-checked from source
	keys    map[string]string    // root path → key; absent: not cacheable
	hits    map[string]*incEntry // root path → cached result
	err     error                // a failure to key or to give facts: nothing is cached this run
}

// incEntry is one package's cached result.
type incEntry struct {
	Format   string
	Path     string
	Findings []incFinding
	Calls    []graph.Call
	Sites    []graph.Call // the package's part of Graph.Sites
	Errors   []string
	Facts    []byte
	// Export is the package's types (gcexportdata.Write), which a changed
	// package importing it reads instead of type-checking it from source;
	// nil when it did not type-check.
	Export []byte
	// Undecided are the calls only --interfaces could decide on (an
	// ignore comment there is not unused; see interfaceCalls).
	Undecided []token.Position
}

type incFinding struct {
	Finding rules.Finding
	Pos     token.Position
}

func newIncremental(opts Options, cfg *rules.Config, g *graph.Graph, report bool) *incremental {
	if opts.NoCache || opts.Interfaces || opts.Tables || opts.Loader == LoaderPackages {
		return nil
	}
	st, err := cache.Open("", "pkgs")
	if err != nil {
		return nil
	}
	return &incremental{store: st, cfg: cfg, g: g, report: report, ovl: map[string][]byte{}}
}

// listed computes the roots' keys from the dependency listing and reads
// their entries; it gives the hits' facts to the session.
func (in *incremental) listed(ctx context.Context, sess *driver.Session, deps map[string]*packages.Package) {
	if in == nil {
		return
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	env, err := sess.EnvID(ctx)
	if err != nil {
		in.err = err
		return
	}
	depKeys, err := sess.DepKeys(ctx, deps)
	if err != nil {
		in.err = err
		return
	}
	paths := make([]string, 0, len(in.g.Packages))
	byPath := map[string]*load.Package{}
	for _, p := range in.g.Packages {
		paths = append(paths, p.ImportPath)
		byPath[p.ImportPath] = p
	}
	slices.Sort(paths)
	base := cache.Key(incFormat, env, in.cfg.Hash(), in.cfg.ModulePath, strconv.FormatBool(in.report),
		cache.Key(paths...))
	in.keys = map[string]string{}
	visiting := map[string]bool{}
	var key func(p *load.Package) (string, bool)
	key = func(p *load.Package) (string, bool) {
		if k, ok := in.keys[p.ImportPath]; ok {
			return k, true
		}
		if visiting[p.ImportPath] || p.Error != "" || p.Module == nil && !p.Standard {
			// An import cycle, a package that did not load, or one outside
			// modules and std (GOPATH mode). A package of std, checked as
			// the corpus, is keyed like any other: by its directory (under
			// GOROOT) and content; the Go version is in env.
			return "", false
		}
		visiting[p.ImportPath] = true
		parts := []string{base, p.ImportPath, p.Dir}
		for _, f := range p.GoFiles {
			sum, err := cache.FileSum(in.ovl, filepath.Join(p.Dir, f))
			if err != nil {
				return "", false
			}
			parts = append(parts, f, sum)
		}
		for _, imp := range p.Imports {
			switch d := deps[imp]; {
			case byPath[imp] != nil:
				k, ok := key(byPath[imp])
				if !ok {
					return "", false
				}
				parts = append(parts, "root", imp, k)
			case d != nil && d.Module != nil:
				k, ok := depKeys[imp]
				if !ok {
					return "", false
				}
				parts = append(parts, "dep", imp, k)
			case d != nil || imp == "C" || imp == "unsafe":
				parts = append(parts, "std", imp) // Go's version is in env
			default:
				return "", false // not listed: nothing to key it by
			}
		}
		k := cache.Key(parts...)
		in.keys[p.ImportPath] = k
		return k, true
	}
	for _, path := range paths {
		key(byPath[path])
	}
	in.hits = map[string]*incEntry{}
	for path, k := range in.keys {
		data, ok := in.store.Get(k)
		if !ok {
			continue
		}
		var e incEntry
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Format != incFormat || e.Path != path {
			continue
		}
		if err := sess.Give(path, e.Facts); err != nil {
			continue
		}
		in.hits[path] = &e
	}
	in.active = true
}

// onlyFunc returns typecheck.Config.Only: nil without the cache.
func (in *incremental) onlyFunc(ctx context.Context, sess *driver.Session) func(map[string]*packages.Package) map[string]bool {
	if in == nil {
		return nil
	}
	return func(deps map[string]*packages.Package) map[string]bool {
		in.listed(ctx, sess, deps)
		return in.only()
	}
}

// exportFunc returns typecheck.Config.Export: the hits' export data.
func (in *incremental) exportFunc() func(path string) []byte {
	if in == nil {
		return nil
	}
	return func(path string) []byte {
		in.mu.Lock()
		defer in.mu.Unlock()
		if e := in.hits[path]; e != nil {
			return e.Export
		}
		return nil
	}
}

// only returns the roots to type-check and analyse: the misses.
func (in *incremental) only() map[string]bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.err != nil || !in.active {
		in.active = false
		return nil
	}
	want := map[string]bool{}
	for _, p := range in.g.Packages {
		if in.hits[p.ImportPath] == nil {
			want[p.ImportPath] = true
		}
	}
	return want
}

// analysed keeps, of the type-checked packages, those to analyse (the
// misses; the hits among them were type-checked for their importers).
func (in *incremental) analysed(pkgs []*packages.Package) []*packages.Package {
	if in == nil || !in.on() {
		return pkgs
	}
	in.checked = len(pkgs)
	return slices.DeleteFunc(pkgs, func(p *packages.Package) bool { return in.hits[p.PkgPath] != nil })
}

func (in *incremental) on() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.active && in.err == nil
}

// replay adds the hits' results to the collector and the graph, and
// returns their load errors.
func (in *incremental) replay(c *collector) []load.Error {
	var errs []load.Error
	var calls, sites []graph.Call
	paths := make([]string, 0, len(in.hits))
	for path := range in.hits {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		e := in.hits[path]
		for _, f := range e.Findings {
			c.add(f.Finding, f.Pos)
		}
		calls = append(calls, e.Calls...)
		sites = append(sites, e.Sites...)
		c.undecided = append(c.undecided, e.Undecided...)
		for _, msg := range e.Errors {
			errs = append(errs, load.Error{Package: path, Err: msg})
		}
	}
	c.gb.AddCalls(calls)
	c.gb.AddSites(sites) // in the order syncCalls gives them
	return errs
}

// save writes the entries of the packages analysed this run, from what
// the analysis added: findings[from:] of the collector, the graph's calls
// and the load errors, each attributed to its package.
func (in *incremental) save(c *collector, from, fromUndecided int, errs []load.Error, ss *syncSession) {
	if in == nil || !in.on() {
		return
	}
	sess := ss.sess
	entries := map[string]*incEntry{}
	for path, k := range in.keys {
		if in.hits[path] == nil && k != "" {
			entries[path] = &incEntry{Format: incFormat, Path: path}
		}
	}
	spoiled := map[string]bool{}
	for i := from; i < len(c.findings); i++ {
		f := c.findings[i]
		if e := entries[f.Package]; e != nil {
			e.Findings = append(e.Findings, incFinding{f, c.abs[i]})
		}
	}
	fileOf := map[string]string{} // file → package
	for _, p := range in.g.Packages {
		for _, f := range p.GoFiles {
			fileOf[filepath.Join(p.Dir, f)] = p.ImportPath
		}
	}
	for _, pos := range c.undecided[fromUndecided:] {
		e := entries[fileOf[pos.Filename]]
		if e == nil {
			return // not attributable: keep nothing
		}
		e.Undecided = append(e.Undecided, pos)
	}
	for _, call := range c.g.Calls {
		if e := entries[call.FromPkg]; e != nil {
			e.Calls = append(e.Calls, call)
		}
	}
	for _, site := range c.g.Sites {
		if e := entries[site.FromPkg]; e != nil {
			e.Sites = append(e.Sites, site)
		}
	}
	for _, le := range errs {
		if e := entries[le.Package]; e != nil {
			e.Errors = append(e.Errors, le.Err)
		} else if in.hits[le.Package] == nil {
			spoiled[le.Package] = true // a dependency's error: its importers' results are incomplete
		}
	}
	if len(spoiled) > 0 {
		return
	}
	for _, p := range ss.pkgs {
		if e := entries[p.PkgPath]; e != nil && !p.IllTyped && p.Types != nil {
			var buf bytes.Buffer
			if gcexportdata.Write(&buf, p.Fset, p.Types) == nil {
				e.Export = buf.Bytes()
			}
		}
	}
	wrote := false
	for path, e := range entries {
		facts, err := sess.EncodeFacts(path)
		if err != nil {
			continue
		}
		e.Facts = facts
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(e); err != nil {
			continue
		}
		if in.store.Put(in.keys[path], buf.Bytes()) == nil {
			wrote = true
		}
	}
	if wrote {
		_ = in.store.Trim(false)
	}
}
