package driver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/rules"
)

// cacheFormat changes whenever the cache's layout or the meaning of its
// keys changes.
const cacheFormat = "archcheck-facts-1"

// depSet is the roots' non-std dependencies as units, their facts read
// from the cache or their packages loaded from source.
type depSet struct {
	listed []*packages.Package // in dependency order
	units  []*unit             // one per listed package
	loaded int                 // units loaded from source (cache misses)
	given  bool                // listed by the caller (PrefetchListed), not here
}

// prepareDeps lists the dependencies that the roots' external imports lead
// to, reads the facts of those in the cache, and loads the others from
// source (their own dependencies from export data) as units that run only
// the fact analyzers. It needs no root loaded, so it can run during their
// load.
func (r *runner) prepareDeps(ctx context.Context, roots []Root, listed map[string]*packages.Package) (*depSet, error) {
	paths := externalImports(roots)
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
	ds := &depSet{given: given}
	packages.Visit(graph, nil, func(p *packages.Package) {
		if !isRoot[p.PkgPath] && p.Module != nil {
			ds.listed = append(ds.listed, p)
		}
	})
	keys, err := r.cacheKeys(ctx, ds.listed)
	if err != nil {
		return nil, err
	}
	var misses []*unit
	ds.units, misses = r.readCache(ds.listed, keys)
	if err := r.loadMisses(ctx, misses); err != nil {
		return nil, err
	}
	ds.loaded = len(misses)
	return ds, nil
}

// config returns the packages.Config of a dependency load.
func (r *runner) config(ctx context.Context, mode packages.LoadMode) *packages.Config {
	return &packages.Config{Context: ctx, Mode: mode, Dir: r.opts.Dir, Env: r.opts.Env, BuildFlags: r.opts.BuildFlags}
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
	mode := packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule
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
// and not standard-library packages. A path is taken for the standard
// library when its first element has no dot and it lies in none of the
// roots' modules (so a dotless main module path such as "shop" still
// counts as non-standard).
func externalImports(roots []Root) []string {
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
			if isRoot[imp] || seen[imp] || imp == "C" || isStandard(imp, modules) {
				continue
			}
			seen[imp] = true
			out = append(out, imp)
		}
	}
	slices.Sort(out)
	return out
}

func isStandard(path string, modules []string) bool {
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

// cacheKeys returns the cache key of each dependency whose facts depend
// only on versioned modules: a hash of the build configuration, the
// package and its module version, and the keys of its imports. Packages of
// the main module, of directory replacements, or importing such packages
// have none and are analysed every run.
func (r *runner) cacheKeys(ctx context.Context, listed []*packages.Package) (map[string]string, error) {
	keys := map[string]string{}
	if r.opts.NoCache || len(listed) == 0 {
		return keys, nil // nothing to key: skip asking go env for the build
	}
	env, err := r.buildID(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range listed { // dependency order: imports first
		if k, ok := packageKey(env, p, keys); ok {
			keys[p.PkgPath] = k
		}
	}
	return keys, nil
}

func packageKey(env string, p *packages.Package, keys map[string]string) (string, bool) {
	mod := p.Module
	if mod.Replace != nil {
		mod = mod.Replace
	}
	if p.Module.Main || mod.Version == "" {
		return "", false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s@%s\n", cacheFormat, env, p.PkgPath, mod.Path, mod.Version)
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
		fmt.Fprintf(h, "import %s %s\n", path, k)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// buildID identifies the toolchain, the build configuration and the
// analyzers' build.
func (r *runner) buildID(ctx context.Context) (string, error) {
	out, _, err := gocmd.Run(ctx, r.opts.Dir, r.opts.Env, "env", "-json", "GOVERSION", "GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOEXPERIMENT")
	if err != nil {
		return "", err
	}
	var env map[string]string
	if err := json.Unmarshal(out.Bytes(), &env); err != nil {
		return "", fmt.Errorf("go env: %w", err)
	}
	tool := r.opts.ToolID
	if tool == "" {
		tool = executableID()
	}
	return fmt.Sprintf("%v %q %s", env, r.opts.BuildFlags, tool), nil
}

// executableID identifies the running binary: its build information, and
// its size and modification time, so that development builds of the same
// version do not share facts.
func executableID() string {
	var id strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		id.WriteString(bi.String())
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&id, "%d %d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	sum := sha256.Sum256([]byte(id.String()))
	return hex.EncodeToString(sum[:])
}

// cacheDir returns the fact cache's directory.
func (r *runner) cacheDir() (string, error) {
	if r.opts.CacheDir != "" {
		return r.opts.CacheDir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "archcheck", "facts"), nil
}

func (r *runner) cacheFile(key string) (string, error) {
	dir, err := r.cacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, key[:2], key+".gob"), nil
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
	name, err := r.cacheFile(u.key)
	if err != nil {
		return false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return false
	}
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Format != cacheFormat || e.Path != u.pkg.PkgPath {
		return false
	}
	return r.store.decode(u.pkg.PkgPath, e.Facts) == nil
}

// saveDeps writes the facts of the dependencies computed this run.
func (r *runner) saveDeps(units []*unit) error {
	var errs []error
	for _, u := range units {
		if u.cached || u.key == "" || len(u.errs) > 0 {
			continue
		}
		errs = append(errs, r.writeFacts(u))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("fact cache: %w", err)
	}
	return nil
}

// writeFacts writes u's facts atomically.
func (r *runner) writeFacts(u *unit) error {
	facts, err := r.store.encode(u.pkg.PkgPath)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cacheEntry{Format: cacheFormat, Path: u.pkg.PkgPath, Facts: facts}); err != nil {
		return err
	}
	name, err := r.cacheFile(u.key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
