package engine

import (
	"bytes"
	"context"
	"encoding/gob"
	"go/token"
	"maps"
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
// errors, the facts it exported and its export data. An entry is keyed by
// a hash of everything the analysis of the package read: its files
// (through the overlay), the digests (export data and facts) of the
// checked packages it imports and of everything those import, the
// facts-cache keys of the dependencies it imports (their content or
// version, transitively), the config, the set of checked packages
// (templates expand over it), the main module, the Go version, build
// flags and environment, and archcheck's build (driver.Session.EnvID). A
// package whose key has an entry is neither type-checked nor analysed (a
// changed package importing it reads its types from the entry's export
// data); the others are, with the cached facts of those they import. Everything that spans packages (import rules,
// cycles, ignore comments, the graph's counts) is recomputed every run
// from these per-package results.
//
// Packages of the standard library checked as roots (archcheck run in
// GOROOT/src) are cached too.
//
// The SQL tables each package reads and writes (suggest, report) are kept
// per package too, and so are the data rules' per-package results
// (data-ownership findings, unresolved statements); unowned-table, which
// spans packages, is computed after the replay from every package's
// tables. Under --whole-program, the whole-program findings are one record
// keyed by every root's key (wpcache.go). The cache stays off with the
// packages.Load fallback (no dependency listing to key by).

// incFormat changes whenever an entry's layout or its key's meaning does.
const incFormat = "archcheck-pkg-7"

type incremental struct {
	store  *cache.Store
	cfg    *rules.Config
	g      *graph.Graph
	report bool
	tables bool // the SQL tables are found too (suggest, report): entries hold them
	data   bool // the data rules ran: entries hold their per-package findings (unowned-table is computed after the replay)
	ovl    map[string][]byte
	// exportDirs restricts the export data written (Options.ExportDirs);
	// nil: every package's.
	exportDirs map[string]bool

	mu      sync.Mutex
	active  bool                 // the keys were computed (the typed loader listed the dependencies)
	checked int                  // packages type-checked from source
	keys    map[string]string    // root path → key; absent: not cacheable
	hits    map[string]*incEntry // root path → cached result
	err     error                // a failure to key or to give facts: nothing is cached this run

	base    string                       // the part of every key that is the run's
	byPath  map[string]*load.Package     // the roots
	deps    map[string]*packages.Package // what they import, listed
	depKeys map[string]string            // the dependencies' facts-cache keys
	own     map[string]string            // root → ownKey
	guessed map[string]string            // root analysed this run → the digest its importers' keys assumed
	noGuess bool                         // a retry: no guessed digests (their importers are not cacheable)
	wrong   bool                         // save found a guessed digest wrong: the run must be redone
	pack    *incPack                     // the last run's entries, in one record (incremental_pack.go)
	whole   bool                         // check --whole-program: all roots analysed or none (wpcache.go)
	wpc     wpCache                      // its record
	packed  int                          // hits read from the pack

	// The dependencies' export data (incremental_export.go).
	exports    *cache.Store
	listedDeps map[string]*load.Package // the listing's dependencies (typecheck.Config.Deps); nil: not listed
	dir        string                   // where the go command runs
	env        string                   // EnvID
	exportEnv  string                   // the C toolchain's settings; "-": unknown
}

// incEntry is one package's cached result.
type incEntry struct {
	Format   string
	Path     string
	Findings []incFinding
	Calls    []graph.Call
	Sites    []graph.Call // the package's part of Graph.Sites
	Tables   []graph.TableUse
	// Unresolved are the package's database calls whose tables the data
	// rules could not tell (check --debug-stats; dataownership.go).
	Unresolved []UnresolvedSQL
	Errors     []string
	Facts      []byte
	// Export is the package's types (gcexportdata.Write), which a changed
	// package importing it reads instead of type-checking it from source;
	// nil when it did not type-check.
	Export []byte
	// Digest is what the packages importing it see of it: a hash of Export
	// and Facts; "" when it did not type-check (its importers are not
	// cacheable). An entry whose export data was not written
	// (Options.ExportDirs) has a hash of its key instead: its importers
	// are cached, but a change of it that keeps its API misses them.
	Digest string
	// Undecided are the calls only --interfaces could decide on (an
	// ignore comment there is not unused; see interfaceCalls).
	Undecided []token.Position
}

type incFinding struct {
	Finding rules.Finding
	Pos     token.Position
}

func newIncremental(opts Options, cfg *rules.Config, g *graph.Graph, report bool) *incremental {
	if opts.NoCache || opts.Loader == LoaderPackages {
		return nil
	}
	st, err := cache.Open("", "pkgs")
	if err != nil {
		return nil
	}
	in := &incremental{store: st, cfg: cfg, g: g, report: report, tables: opts.Tables, data: opts.dataRules, ovl: map[string][]byte{}, noGuess: opts.noGuess, whole: opts.Interfaces && report,
		listedDeps: opts.deps, dir: opts.Dir}
	if opts.deps != nil {
		in.exports, _ = cache.Open("", "exports")
	}
	if opts.ExportDirs != nil {
		in.exportDirs = map[string]bool{}
		for _, dir := range opts.ExportDirs {
			in.exportDirs[filepath.Clean(dir)] = true
		}
	}
	return in
}

// exportKept returns the roots whose export data save writes: nil, all;
// else those in exportDirs and what they import.
func (in *incremental) exportKept() map[string]bool {
	if in.exportDirs == nil {
		return nil
	}
	keep := map[string]bool{}
	for _, p := range in.g.Packages {
		if in.exportDirs[filepath.Clean(p.Dir)] {
			keep[p.ImportPath] = true
			for _, imp := range p.Imports {
				keep[imp] = true
			}
		}
	}
	return keep
}

// listed computes the roots' keys from the dependency listing and reads
// their entries; it gives the hits' facts to the session.
//
// A root's key holds its own files and, for each import, what the analysis
// of the root can see of it: a dependency's facts-cache key, or for a
// checked package its digest (export data and facts, see incEntry.Digest)
// with the digests of everything it imports, transitively. A changed
// package whose exported API and facts stay the same thus leaves its
// importers' keys as they were (early cutoff). Its new digest is known only
// once it is analysed: the keys are computed with the digest it had when
// last analysed (the "latest" record), and save checks that guess; when it
// was wrong, the run is redone without guessing (Check, retry).
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
	in.env = env
	if in.depKeys, err = sess.DepKeys(ctx, deps); err != nil {
		in.err = err
		return
	}
	in.deps = deps
	paths := make([]string, 0, len(in.g.Packages))
	in.byPath = map[string]*load.Package{}
	for _, p := range in.g.Packages {
		paths = append(paths, p.ImportPath)
		in.byPath[p.ImportPath] = p
	}
	slices.Sort(paths)
	in.base = cache.Key(incFormat, env, in.cfg.Hash(), in.cfg.ModulePath, strconv.FormatBool(in.report),
		strconv.FormatBool(in.tables), strconv.FormatBool(in.data), cache.Key(paths...))
	in.own = map[string]string{}
	in.pack = in.readPack()
	in.hits = map[string]*incEntry{}
	in.guessed = map[string]string{}
	missed := map[string]bool{}
	// The digest of a root: its entry's when its key has one, else the
	// latest one recorded (a guess, checked by save).
	digest := func(path, key string) (string, bool) {
		if e := in.hits[path]; e != nil {
			return e.Digest, e.Digest != ""
		}
		if !missed[path] {
			// Its facts are given to the session only when some package
			// is analysed (only).
			if e := in.lookup(path, key); e != nil {
				in.hits[path] = e
				return e.Digest, e.Digest != ""
			}
			missed[path] = true
		}
		if in.noGuess {
			return "", false
		}
		d, ok := in.store.Get(in.latestKey(path))
		if !ok || len(d) == 0 {
			return "", false
		}
		in.guessed[path] = string(d)
		return string(d), true
	}
	in.keys = in.keysWith(digest)
	for _, path := range paths { // the roots nothing imports
		if k, ok := in.keys[path]; ok && in.hits[path] == nil && !missed[path] {
			digest(path, k)
		}
	}
	in.active = true
}

// lookup reads path's entry under key, nil if there is none: from the
// last run's pack when it holds it, else from its own record.
func (in *incremental) lookup(path, key string) *incEntry {
	if e := in.pack.entry(path, key); e != nil {
		in.packed++
		return e
	}
	return in.record(path, key)
}

// record reads path's entry under key from its own record; nil when there
// is none, or it does not decode as this format's entry of path.
func (in *incremental) record(path, key string) *incEntry {
	data, ok := in.store.Get(key)
	if !ok {
		return nil
	}
	var e incEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Format != incFormat || e.Path != path {
		return nil
	}
	return &e
}

// latestKey is where the digest path had when it was last analysed is
// recorded.
func (in *incremental) latestKey(path string) string {
	return cache.Key(incFormat, "latest", in.base, path)
}

// keysWith computes the roots' keys, given their digests: digest(path, key)
// returns the digest of the root path whose key is key (false: unknown,
// and what imports it is not cacheable).
func (in *incremental) keysWith(digest func(path, key string) (string, bool)) map[string]string {
	k := &keyer{in: in, digest: digest,
		keys: map[string]string{}, closure: map[string]string{}, seen: map[string][]string{}}
	for _, p := range in.g.Packages {
		k.key(p)
	}
	for path, key := range k.keys {
		if key == "" {
			delete(k.keys, path)
		}
	}
	return k.keys
}

// keyer computes the roots' keys for keysWith, each once; an import cycle
// ends where it is entered again (the entry in progress reads as unknown).
type keyer struct {
	in      *incremental
	digest  func(path, key string) (string, bool)
	keys    map[string]string   // root → key; "": not cacheable
	closure map[string]string   // root → digest of it and of what it imports, transitively
	seen    map[string][]string // root → what its analysis sees of its imports; nil: unknown
}

// closureOf is the digest of p and of what it imports, transitively.
func (k *keyer) closureOf(p *load.Package) (string, bool) {
	if c, ok := k.closure[p.ImportPath]; ok {
		return c, c != ""
	}
	k.closure[p.ImportPath] = ""
	key, ok := k.key(p)
	if !ok {
		return "", false
	}
	d, ok := k.digest(p.ImportPath, key)
	if !ok {
		return "", false
	}
	parts, _ := k.sees(p) // known: key(p) needed it
	c := cache.Key(append([]string{d}, parts...)...)
	k.closure[p.ImportPath] = c
	return c, true
}

// sees is what p's analysis sees of its imports: a root's closure, a
// module dependency's key, or a package of std by path.
func (k *keyer) sees(p *load.Package) ([]string, bool) {
	if parts, ok := k.seen[p.ImportPath]; ok {
		return parts, parts != nil
	}
	k.seen[p.ImportPath] = nil // an import cycle ends here
	parts := []string{}
	for _, imp := range p.Imports {
		part, ok := k.import1(imp)
		if !ok {
			return nil, false
		}
		parts = append(parts, part...)
	}
	k.seen[p.ImportPath] = parts
	return parts, true
}

// import1 is the part of an importer's key that the import imp adds.
func (k *keyer) import1(imp string) ([]string, bool) {
	in := k.in
	switch d := in.deps[imp]; {
	case in.byPath[imp] != nil:
		c, ok := k.closureOf(in.byPath[imp])
		return []string{"root", imp, c}, ok
	case d != nil && d.Module != nil:
		key, ok := in.depKeys[imp]
		return []string{"dep", imp, key}, ok
	case d != nil || imp == "C" || imp == "unsafe":
		return []string{"std", imp}, true // Go's version is in env
	default:
		return nil, false // not listed: nothing to key it by
	}
}

// key is p's key: its own part and what it sees of its imports.
func (k *keyer) key(p *load.Package) (string, bool) {
	if key, ok := k.keys[p.ImportPath]; ok {
		return key, key != ""
	}
	k.keys[p.ImportPath] = ""
	if p.Error != "" || p.Module == nil && !p.Standard {
		// A package that did not load, or one outside modules and std
		// (GOPATH mode). A package of std, checked as the corpus, is
		// keyed like any other: by its directory (under GOROOT) and
		// content; the Go version is in env.
		return "", false
	}
	own, ok := k.in.ownKey(p)
	if !ok {
		return "", false
	}
	parts, ok := k.sees(p)
	if !ok {
		return "", false
	}
	key := cache.Key(append([]string{own}, parts...)...)
	k.keys[p.ImportPath] = key
	return key, true
}

// ownKey is the part of p's key that is p's own: the run's base, its path,
// directory, module's language version and files (through the overlay);
// computed once.
func (in *incremental) ownKey(p *load.Package) (string, bool) {
	if k, ok := in.own[p.ImportPath]; ok {
		return k, k != ""
	}
	parts := []string{in.base, p.ImportPath, p.Dir}
	if p.Module != nil {
		parts = append(parts, p.Module.GoVersion) // go.mod's go line: the language version its files are checked with
	}
	for _, f := range p.GoFiles {
		sum, err := cache.FileSum(in.ovl, filepath.Join(p.Dir, f))
		if err != nil {
			in.own[p.ImportPath] = ""
			return "", false
		}
		parts = append(parts, f, sum)
	}
	k := cache.Key(parts...)
	in.own[p.ImportPath] = k
	return k, true
}

// onlyFunc returns typecheck.Config.Only: nil without the cache.
func (in *incremental) onlyFunc(ctx context.Context, sess *driver.Session) func(map[string]*packages.Package) map[string]bool {
	if in == nil {
		return nil
	}
	return func(deps map[string]*packages.Package) map[string]bool {
		in.listed(ctx, sess, deps)
		want := in.only()
		if len(want) > 0 && !in.give(sess, want) {
			return nil // a hit's facts did not decode: analyse everything, cache nothing
		}
		if len(want) > 0 {
			in.useExports(ctx)
		}
		return want
	}
}

// give gives the session the facts of the hits that the packages to
// analyse (want) import, transitively: no other package's objects can
// reach their passes. False (and nothing cached this run) when one fails.
func (in *incremental) give(sess *driver.Session, want map[string]bool) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	seen := map[string]bool{}
	var visit func(path string)
	visit = func(path string) {
		if seen[path] || in.byPath[path] == nil {
			return
		}
		seen[path] = true
		for _, imp := range in.byPath[path].Imports {
			visit(imp)
		}
	}
	for path := range want {
		visit(path)
	}
	given := false
	for _, path := range slices.Sorted(maps.Keys(in.hits)) {
		// One at least: a session given facts knows it runs a subset of
		// the roots its prefetch was started for (driver.Session.Give).
		if !seen[path] && given {
			continue
		}
		if err := sess.Give(path, in.hits[path].Facts); err != nil {
			in.err, in.active = err, false
			return false
		}
		given = true
	}
	return true
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
			if e.Export == nil {
				e.Export = in.pack.export(in, path, in.keys[path]) // incremental_pack.go
			}
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
	if in.whole {
		return in.wholeOnly(want) // wpcache.go
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

// hit reports whether path's results come from the cache this run.
func (in *incremental) hit(path string) bool {
	if in == nil {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.hits[path] != nil
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
		c.tables = append(c.tables, e.Tables...)
		if c.data != nil {
			c.unresolvedSQL = append(c.unresolvedSQL, e.Unresolved...)
		}
		c.undecided = append(c.undecided, e.Undecided...)
		for _, msg := range e.Errors {
			errs = append(errs, load.Error{Package: path, Err: msg})
		}
	}
	c.gb.AddCalls(calls)
	c.gb.AddSites(sites) // in the order syncCalls gives them
	if len(in.hits) > 0 {
		sortTableUses(c.tables)
		sortUnresolvedSQL(c.unresolvedSQL) // dataownership.go
	}
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
	in.saveExports()
	entries := map[string]*incEntry{} // the roots analysed this run
	for _, p := range in.g.Packages {
		if in.hits[p.ImportPath] == nil {
			entries[p.ImportPath] = &incEntry{Format: incFormat, Path: p.ImportPath}
		}
	}
	// Their export data and facts first: their digests decide whether the
	// keys of this run's hits, computed with guessed digests, hold.
	keep := in.exportKept()
	byKey := map[string]bool{} // type-checked, export data not written: digest of the key
	for _, p := range ss.pkgs {
		if e := entries[p.PkgPath]; e != nil && !p.IllTyped && p.Types != nil {
			if keep != nil && !keep[p.PkgPath] {
				byKey[p.PkgPath] = true
				continue
			}
			var buf bytes.Buffer
			if gcexportdata.Write(&buf, p.Fset, p.Types) == nil {
				e.Export = buf.Bytes()
			}
		}
	}
	for path, e := range entries {
		facts, err := sess.EncodeFacts(path)
		if err != nil {
			delete(entries, path)
			continue
		}
		e.Facts = facts
		if e.Export != nil {
			e.Digest = cache.Key("digest", string(e.Export), string(e.Facts))
		}
	}
	keys := in.keysWith(func(path, key string) (string, bool) {
		e := in.hits[path]
		if e == nil {
			e = entries[path]
		}
		if e == nil {
			return "", false
		}
		if byKey[path] && e.Digest == "" {
			e.Digest = cache.Key("digest-of-key", key)
		}
		return e.Digest, e.Digest != ""
	})
	for path := range in.hits {
		if keys[path] != in.keys[path] {
			in.wrong = true // it was keyed with a wrong guess: its result may be stale
		}
	}
	// What the next run guesses: each root's digest in this run, the hits'
	// included (a package analysed, then back to an earlier state, is a
	// hit whose digest is not the one recorded last).
	for path, e := range entries {
		if e.Digest != "" && in.guessed[path] != e.Digest {
			_ = in.store.Put(in.latestKey(path), []byte(e.Digest))
		}
	}
	for path, e := range in.hits {
		if e.Digest == "" || in.pack.digest(path) == e.Digest {
			continue // the last run's: recorded then
		}
		if d, ok := in.store.Get(in.latestKey(path)); !ok || string(d) != e.Digest {
			_ = in.store.Put(in.latestKey(path), []byte(e.Digest))
		}
	}
	if in.wrong {
		return
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
	for _, u := range c.tables {
		if e := entries[u.Package]; e != nil {
			e.Tables = append(e.Tables, u)
		}
	}
	for _, u := range c.unresolvedSQL {
		if e := entries[u.Package]; e != nil {
			e.Unresolved = append(e.Unresolved, u)
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
	in.wpc.keys = keys // the whole-program record's key (wpcache.go)
	wrote := false
	for path, e := range entries {
		k, ok := keys[path]
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(e); err != nil {
			continue
		}
		if in.store.Put(k, buf.Bytes()) == nil {
			wrote = true
		}
	}
	if in.writePack(keys, entries) {
		wrote = true
	}
	if wrote {
		_ = in.store.Trim(false)
	}
}
