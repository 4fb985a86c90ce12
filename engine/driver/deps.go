package driver

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/rules"
)

// cacheFormat changes whenever the cache's layout or the meaning of its
// keys changes.
const cacheFormat = "archcheck-facts-3"

// depSet is the roots' non-std dependencies as units, their facts read
// from the cache or their packages loaded from source.
type depSet struct {
	listed []*packages.Package // in dependency order
	units  []*unit             // one per listed package
	loaded int                 // units loaded from source (cache misses)
	given  bool                // listed by the caller (PrefetchListed), not here
	// analysed: the units were analysed while prefetching, each loaded
	// when its turn came (PrefetchListed's load).
	analysed bool
	paths    map[string]bool // the listed packages' paths
}

// has reports whether the set lists path.
func (ds *depSet) has(path string) bool { return ds.paths[path] }

// prepareDeps lists the dependencies that the roots' external imports lead
// to, reads the facts of those in the cache, and loads the others from
// source (their own dependencies from export data) as units that run only
// the fact analyzers. It needs no root loaded, so it can run during their
// load.
func (r *runner) prepareDeps(ctx context.Context, roots []Root, listed map[string]*packages.Package, load LoadFunc) (*depSet, error) {
	paths := externalImports(roots, listed)
	graph := fromListing(paths, listed)
	given := graph != nil
	if graph == nil {
		var err error
		if graph, err = r.listDeps(ctx, paths); err != nil {
			return nil, err
		}
	}
	isRoot := map[string]bool{}
	for _, p := range roots {
		isRoot[p.Path] = true
	}
	ds := &depSet{given: given, paths: map[string]bool{}}
	packages.Visit(graph, nil, func(p *packages.Package) {
		if !isRoot[p.PkgPath] && p.Module != nil {
			ds.listed = append(ds.listed, p)
			ds.paths[p.PkgPath] = true
		}
	})
	keys, err := r.cacheKeys(ctx, ds.listed)
	if err != nil {
		return nil, err
	}
	var misses []*unit
	ds.units, misses = r.readCache(ds.listed, keys)
	ds.loaded = len(misses)
	if given && load != nil {
		// Load and analyse each miss in its turn, and let it go.
		var n atomic.Int64
		for _, u := range misses {
			u.load = func(path string) *packages.Package {
				if r.opts.Progress != nil {
					r.opts.Progress(fmt.Sprintf("analysing dependencies for their facts (%d/%d): %s", n.Add(1), len(misses), path))
				}
				return load(path)
			}
		}
		linkDeps(ds.units, nil, ds.listed)
		if err := schedule(ctx, ds.units, r.opts.Concurrency, r.analyse); err != nil {
			return nil, err
		}
		ds.analysed = true
		return ds, nil
	}
	if err := r.loadMisses(ctx, misses); err != nil {
		return nil, err
	}
	return ds, nil
}

// config returns the packages.Config of a dependency load.
func (r *runner) config(ctx context.Context, mode packages.LoadMode) *packages.Config {
	return &packages.Config{Context: ctx, Mode: mode, Dir: r.opts.Dir, Env: r.opts.Env, BuildFlags: r.opts.BuildFlags, Overlay: r.opts.Overlay}
}

// fromListing returns the packages of paths from a listing made by the
// caller, or nil when it lacks any.
func fromListing(paths []string, listed map[string]*packages.Package) []*packages.Package {
	if listed == nil {
		return nil
	}
	graph := make([]*packages.Package, 0, len(paths))
	for _, path := range paths {
		p := listed[path]
		if p == nil {
			return nil
		}
		graph = append(graph, p)
	}
	return graph
}

// listDeps returns the import graph, without types, of the roots' direct
// imports that may carry facts (externalImports). A program whose roots
// import only each other and the standard library (a monolith checked
// whole) lists nothing more, and one with third-party dependencies lists
// just those, not the roots again.
func (r *runner) listDeps(ctx context.Context, paths []string) ([]*packages.Package, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	mode := packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule
	graph, err := packages.Load(r.config(ctx, mode), paths...)
	if err != nil {
		return nil, fmt.Errorf("list dependencies: %w", err)
	}
	return graph, nil
}

// rootsOf describes loaded roots for externalImports; test variants and
// packages outside modules (std, GOPATH) are left out.
func rootsOf(pkgs []*packages.Package) []Root {
	roots := make([]Root, 0, len(pkgs))
	for _, p := range pkgs {
		if p.ID != p.PkgPath || p.Module == nil {
			continue
		}
		r := Root{Path: p.PkgPath, Module: p.Module.Path}
		for imp := range p.Imports {
			r.Imports = append(r.Imports, imp)
		}
		roots = append(roots, r)
	}
	return roots
}

// externalImports returns, sorted, the roots' imports that are not roots
// and not standard-library packages. The go command's listing, when given,
// tells the standard library (no module); without one, a path is taken for
// the standard library when its first element has no dot and it lies in
// none of the roots' modules (so a dotless main module path such as "shop"
// still counts as non-standard; a dotless dependency such as a replaced
// "mylib" needs the listing, issue 16 item 4).
func externalImports(roots []Root, listed map[string]*packages.Package) []string {
	isRoot := map[string]bool{}
	var modules []string
	for _, p := range roots {
		isRoot[p.Path] = true
		if p.Module != "" && !slices.Contains(modules, p.Module) {
			modules = append(modules, p.Module)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range roots {
		if p.Module == "" {
			continue
		}
		for _, imp := range p.Imports {
			if isRoot[imp] || seen[imp] || imp == "C" || isStandard(imp, modules, listed) {
				continue
			}
			seen[imp] = true
			out = append(out, imp)
		}
	}
	slices.Sort(out)
	return out
}

func isStandard(path string, modules []string, listed map[string]*packages.Package) bool {
	if p, ok := listed[path]; ok {
		return p.Module == nil
	}
	if listed == nil {
		// Without the go command's listing, list the import with the
		// dependencies: a package with no module is std, and is dropped
		// there. The path's shape would take a replaced "mylib" for std.
		return false
	}
	for _, m := range modules {
		if path == m || strings.HasPrefix(path, m+"/") {
			return false
		}
	}
	return rules.LooksStd(path)
}

// readCache makes a unit of each dependency; those whose facts are in the
// cache are marked done, the others are returned as misses.
func (r *runner) readCache(listed []*packages.Package, keys map[string]string) (units []*unit, misses []*unit) {
	for _, p := range listed {
		u := newUnit(p, r.factAnalyzers, false)
		u.key = keys[p.PkgPath]
		if u.key != "" && r.readFacts(u) {
			u.cached = true
		} else {
			misses = append(misses, u)
		}
		units = append(units, u)
	}
	return units, misses
}

// loadMisses type-checks the missed dependencies from source, in one load.
func (r *runner) loadMisses(ctx context.Context, misses []*unit) error {
	if len(misses) == 0 {
		return nil
	}
	paths := make([]string, len(misses))
	for i, u := range misses {
		paths[i] = u.pkg.PkgPath
	}
	loaded, err := packages.Load(r.config(ctx, Mode), paths...)
	if err != nil {
		return fmt.Errorf("load dependencies: %w", err)
	}
	byPath := map[string]*packages.Package{}
	for _, p := range loaded {
		byPath[p.PkgPath] = p
	}
	for _, u := range misses {
		if p, ok := byPath[u.pkg.PkgPath]; ok {
			u.pkg = p
		}
	}
	return nil
}

// linkDeps makes each dependency wait for the units it imports.
func linkDeps(units, roots []*unit, listed []*packages.Package) {
	byPath := map[string]*unit{}
	for _, u := range slices.Concat(roots, units) {
		byPath[u.pkg.PkgPath] = u
	}
	for i, p := range listed {
		for _, imp := range p.Imports {
			if d, ok := byPath[imp.PkgPath]; ok && d != units[i] {
				units[i].deps = append(units[i].deps, d)
			}
		}
	}
}

// cacheKeys returns the cache key of each dependency: a hash of the build
// configuration, archcheck's build, the package, what its facts were
// computed from, and the keys of its imports. For a module in the
// read-only module cache that is its path, version and go.sum hash; for
// anything else (a vendored copy, a directory replacement, a package of
// the main module) it is the content of its files, through the overlay,
// and their directory, so that entries of one project's vendored or
// replaced source never serve another project. A package whose files
// cannot be read has no key and is analysed every run.
func (r *runner) cacheKeys(ctx context.Context, listed []*packages.Package) (map[string]string, error) {
	if r.opts.NoCache || len(listed) == 0 {
		return map[string]string{}, nil // nothing to key: skip asking go env for the build
	}
	return r.keys(ctx, listed)
}

// keys computes the keys of listed, in dependency order, once per path.
func (r *runner) keys(ctx context.Context, listed []*packages.Package) (map[string]string, error) {
	env, err := r.env(ctx)
	if err != nil {
		return nil, err
	}
	r.keysMu.Lock()
	defer r.keysMu.Unlock()
	if r.keysMemo == nil {
		r.keysMemo = map[string]string{}
	}
	keys := map[string]string{}
	for _, p := range listed { // dependency order: imports first
		k, ok := r.keysMemo[p.PkgPath]
		if !ok {
			k, ok = r.packageKey(env, p, r.keysMemo)
			if ok {
				r.keysMemo[p.PkgPath] = k
			}
		}
		if ok {
			keys[p.PkgPath] = k
		}
	}
	return keys, nil
}

// env returns buildEnv's result, computed once.
func (r *runner) env(ctx context.Context) (*buildEnv, error) {
	r.envOnce.Do(func() { r.envVal, r.envErr = r.buildEnv(ctx) })
	return r.envVal, r.envErr
}

// buildEnv is what the cache keys need of the go command's environment.
type buildEnv struct {
	id       string            // the toolchain, the build configuration and archcheck's build
	modCache string            // GOMODCACHE
	sums     map[string]string // "path version" → go.sum hash
}

func (r *runner) packageKey(env *buildEnv, p *packages.Package, keys map[string]string) (string, bool) {
	if p.Module == nil {
		return "", false
	}
	mod := p.Module
	if mod.Replace != nil {
		mod = mod.Replace
	}
	parts := []string{cacheFormat, env.id, p.PkgPath}
	if inModCache(mod, env.modCache) {
		parts = append(parts, "module", mod.Path, mod.Version, env.sums[mod.Path+" "+mod.Version])
	} else {
		files := slices.Concat(p.GoFiles, p.OtherFiles)
		if len(files) == 0 {
			return "", false // listed without files: nothing to key by
		}
		parts = append(parts, "files")
		for _, name := range files {
			sum, err := cache.FileSum(r.opts.Overlay, name)
			if err != nil {
				return "", false
			}
			parts = append(parts, name, sum)
		}
	}
	imports := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		imports = append(imports, path)
	}
	slices.Sort(imports)
	for _, path := range imports {
		imp := p.Imports[path]
		if imp.Module == nil { // standard library
			continue
		}
		k, ok := keys[imp.PkgPath]
		if !ok {
			return "", false
		}
		parts = append(parts, "import", path, k)
	}
	return cache.Key(parts...), true
}

// inModCache reports whether mod's source is the read-only module cache's
// copy of a version: not a vendored copy, not a directory replacement.
func inModCache(mod *packages.Module, modCache string) bool {
	if mod.Version == "" || mod.Dir == "" || modCache == "" {
		return false
	}
	rel, err := filepath.Rel(modCache, mod.Dir)
	return err == nil && filepath.IsLocal(rel)
}

// buildEnv identifies the toolchain, the build configuration and the
// analyzers' build, and reads the go.sum hashes of the main module (and
// workspace).
func (r *runner) buildEnv(ctx context.Context) (*buildEnv, error) {
	out, _, err := gocmd.Run(ctx, r.opts.Dir, r.opts.Env, "env", "-json",
		"GOVERSION", "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT", "GOAMD64", "GOARM64", "GOMODCACHE", "GOMOD", "GOWORK")
	if err != nil {
		return nil, err
	}
	var env map[string]string
	if err := json.Unmarshal(out.Bytes(), &env); err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	be := &buildEnv{modCache: env["GOMODCACHE"], sums: map[string]string{}}
	for _, f := range []string{env["GOMOD"], env["GOWORK"]} {
		if f != "" && f != os.DevNull {
			readSums(strings.TrimSuffix(f, filepath.Ext(f))+".sum", be.sums)
		}
	}
	if w := env["GOWORK"]; w != "" && w != "off" {
		readSums(strings.TrimSuffix(w, ".work")+".work.sum", be.sums)
	}
	// The project's paths stay out of the shared part of the key.
	for _, k := range []string{"GOMODCACHE", "GOMOD", "GOWORK"} {
		delete(env, k)
	}
	// So does an -overlay's file name (diff analyses its base through a
	// temporary one): what it replaces is keyed by content, through
	// Options.Overlay, wherever a key reads files.
	env["GOFLAGS"] = withoutOverlay(env["GOFLAGS"])
	tool := r.opts.ToolID
	if tool == "" {
		tool = cache.ToolID()
	}
	be.id = fmt.Sprintf("%v %q %s", env, r.opts.BuildFlags, tool)
	return be, nil
}

// withoutOverlay drops -overlay=FILE from a GOFLAGS value.
func withoutOverlay(goflags string) string {
	f := strings.Fields(goflags)
	f = slices.DeleteFunc(f, func(s string) bool {
		return strings.HasPrefix(s, "-overlay=") || strings.HasPrefix(s, "--overlay=")
	})
	return strings.Join(f, " ")
}

// readSums adds the module hashes of a go.sum file to sums.
func readSums(name string, sums map[string]string) {
	data, err := os.ReadFile(name)
	if err != nil {
		return
	}
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 3 && !strings.HasSuffix(f[1], "/go.mod") {
			sums[f[0]+" "+f[1]] = f[2]
		}
	}
}

// store returns the facts' store in the cache.
func (r *runner) factStore() (*cache.Store, error) {
	r.cacheOnce.Do(func() { r.cache, r.cacheErr = cache.Open(r.opts.CacheDir, "facts") })
	return r.cache, r.cacheErr
}

// cacheEntry is the content of one cache file: one package's facts.
type cacheEntry struct {
	Format string
	Path   string
	Facts  []cachedFact
}

// readFacts loads u's facts from the cache; a missing or unreadable entry
// is a miss.
func (r *runner) readFacts(u *unit) bool {
	st, err := r.factStore()
	if err != nil {
		return false
	}
	data, ok := st.Get(u.key)
	if !ok {
		return false
	}
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Format != cacheFormat || e.Path != u.pkg.PkgPath {
		return false
	}
	return r.store.decode(u.pkg.PkgPath, e.Facts) == nil
}

// saveDeps writes the facts of the dependencies computed this run, then
// trims the cache if it is over its bound.
func (r *runner) saveDeps(units []*unit) error {
	var errs []error
	wrote := false
	for _, u := range units {
		if u.cached || u.key == "" || len(u.errs) > 0 || len(u.pkg.Errors) > 0 {
			continue
		}
		errs = append(errs, r.writeFacts(u))
		wrote = true
	}
	if wrote {
		if st, err := r.factStore(); err == nil {
			errs = append(errs, st.Trim(false))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("fact cache: %w", err)
	}
	return nil
}

// writeFacts writes u's facts.
func (r *runner) writeFacts(u *unit) error {
	facts, err := r.store.encode(u.pkg.PkgPath)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cacheEntry{Format: cacheFormat, Path: u.pkg.PkgPath, Facts: facts}); err != nil {
		return err
	}
	st, err := r.factStore()
	if err != nil {
		return err
	}
	return st.Put(u.key, buf.Bytes())
}
