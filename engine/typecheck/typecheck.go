// Package typecheck loads, with syntax and types, root packages that
// archcheck has already listed with go list: the roots are type-checked
// from source, in one universe with everything they import, which comes
// from the export data the go command builds for the dependencies.
//
// It does what packages.Load(LoadSyntax) does for archcheck, less twice:
// the roots are not listed again (archcheck's import rules listed them),
// and no export data is built for the roots themselves, only for what they
// import. On a cold build cache that is the difference between compiling
// the whole module and compiling its dependencies.
//
// Load returns ErrUnsupported for what it does not handle (an external
// GOPACKAGESDRIVER, a dependency that imports a root); the caller then
// uses packages.Load.
package typecheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/internal/dag"
	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/load"
)

// ErrUnsupported means the packages need packages.Load.
var ErrUnsupported = errors.New("typecheck: layout not supported")

// Config configures the go command and the parser.
type Config struct {
	Dir        string
	Env        []string // the go command's environment; nil: os.Environ()
	BuildFlags []string // e.g. -tags=...
	// Overlay replaces files' contents for the parser; go list learns of
	// the overlay from GOFLAGS=-overlay.
	Overlay map[string][]byte
	// Listed, when set, is given the packages the roots import from
	// outside, and everything those import, as soon as they are listed
	// (before the roots are type-checked): by import path, with Name,
	// Module, GoFiles, OtherFiles (C and header files) and Imports linked,
	// as packages.Load with NeedFiles and NeedDeps gives them.
	Listed func(deps map[string]*packages.Package, check CheckFunc)
	// Only, when set, is given the dependencies listed as for Listed but
	// before any export data is built (so without it), and returns the
	// roots to type-check (nil: all). The roots those import are
	// type-checked too (their types are needed), and Load returns just
	// the type-checked ones; when it returns none, Load builds nothing.
	Only func(deps map[string]*packages.Package) map[string]bool
	// Deps, when set, are the roots' dependencies as go list -deps of the
	// roots listed them (load.ListAll with Options.Deps): Only is given
	// them instead of a listing of its own. Their Export is empty, or the
	// file of their export data, which Only may set; when every import of
	// the roots to type-check has one, go list -export is not run.
	Deps map[string]*load.Package
	// Export, when set, gives the export data (as gcexportdata.Write
	// writes it) of a root that Only leaves out, or nil. A root that Only
	// wants reads the types of such an import from it instead of having
	// it type-checked from source.
	Export func(path string) []byte
	// Progress, when set, is told what Load is doing.
	Progress func(stage string)
	// Checked, when set, is given each root once it is type-checked, in
	// the goroutine that checked it and before the roots importing it
	// are type-checked (so after the roots it imports were given), so
	// that a caller can analyse the roots as they come and let go of what
	// it no longer needs. Roots independent of each other are given
	// concurrently, at most GOMAXPROCS type-checks and Checked calls at a
	// time.
	Checked func(p *packages.Package)
}

// A CheckFunc parses and type-checks one of the listed dependencies from
// source, its own imports read from export data, and returns it with
// Syntax, Types, TypesInfo and its parse and type errors; the package is
// not kept, so that a caller analysing dependencies one at a time holds
// only the ones it is working on. It is safe for concurrent use.
type CheckFunc func(path string) *packages.Package

// Load type-checks the listed roots. It returns them as packages.Package
// values with Name, PkgPath, GoFiles, CompiledGoFiles, Imports (stubs:
// path, name and module), Module, Fset, Syntax, Types, TypesInfo,
// TypesSizes and parse and type errors (listing errors are the listing's),
// sorted by path.
func Load(ctx context.Context, cfg Config, roots []*load.Package) ([]*packages.Package, error) {
	if usesDriver(cfg.Env) {
		return nil, ErrUnsupported
	}
	l := &loader{cfg: cfg, fset: token.NewFileSet(), roots: map[string]*root{}, view: map[string]*types.Package{}, ctx: ctx}
	for _, p := range roots {
		l.roots[p.ImportPath] = &root{list: p, done: make(chan struct{})}
	}
	var want map[string]bool
	if cfg.Only != nil {
		// What to check may need nothing built: list without export data.
		l.deps = cfg.Deps
		if l.deps == nil {
			l.progress("listing what the packages import (go list -deps)")
			ext, _ := l.externals()
			deps, err := l.list(ctx, false, ext)
			if err != nil {
				return nil, err
			}
			l.deps = deps
		}
		if want = cfg.Only(l.depGraph()); want != nil && len(want) == 0 {
			return nil, ctx.Err()
		}
	}
	// Only what the roots to type-check import needs export data built.
	l.only(want)
	l.progress("listing and building what the packages import (go list -export -deps)")
	if err := l.listDeps(ctx); err != nil {
		return nil, err
	}
	n := 0
	for _, r := range l.roots {
		if !r.skip {
			n++
		}
	}
	if n < len(l.roots) {
		l.progress(fmt.Sprintf("type-checking %d packages (%d from the cache)", n, len(l.roots)-n))
	} else {
		l.progress(fmt.Sprintf("type-checking %d packages", n))
	}
	l.check(ctx)
	out := make([]*packages.Package, 0, len(roots))
	for _, p := range roots {
		if pkg := l.roots[p.ImportPath].pkg; pkg != nil {
			out = append(out, pkg)
		}
	}
	slices.SortFunc(out, func(a, b *packages.Package) int { return strings.Compare(a.PkgPath, b.PkgPath) })
	return out, ctx.Err()
}

func (l *loader) progress(stage string) {
	if l.cfg.Progress != nil {
		l.cfg.Progress(stage)
	}
}

type loader struct {
	ctx   context.Context // the Load call's
	cfg   Config
	fset  *token.FileSet
	roots map[string]*root
	deps  map[string]*load.Package // what the roots import, and its dependencies
	sizes types.Sizes

	mu   sync.Mutex                // guards view: export data is read one package at a time
	view map[string]*types.Package // packages read from export data, by path

	stubsMu sync.Mutex
	stubs   map[string]*packages.Package // the stubs of packages.Package.Imports, by path
}

type root struct {
	list     *load.Package
	skip     bool     // not needed (Config.Only)
	export   []byte   // skipped, and its importers read its types from this (Config.Export)
	compiled []string // cgo: the files given to the compiler
	imports  []string // cgo: the imports of those files; else list.Imports
	cgoErr   bool     // cgo: go list -compiled reported an error
	pkg      *packages.Package
	done     chan struct{} // pkg is type-checked
}

// externals returns, sorted, what the roots import from outside (with
// what cgo's output imports), and the roots that use cgo.
func (l *loader) externals() (ext, cgo []string) {
	seen := map[string]bool{}
	for path, r := range l.roots {
		if r.skip {
			continue
		}
		imports := r.list.Imports
		if r.usesCgo() {
			cgo = append(cgo, path)
			imports = append(slices.Clone(imports), "runtime/cgo", "syscall", "unsafe") // what cgo's output imports
		}
		for _, imp := range imports {
			if l.roots[imp] == nil && !seen[imp] && imp != "C" && imp != "unsafe" {
				seen[imp] = true
				ext = append(ext, imp)
			}
		}
	}
	slices.Sort(ext)
	slices.Sort(cgo)
	return ext, cgo
}

// listDeps lists, with export data, what the roots import, and the files
// that cgo generates for the roots that use it; it learns the target's
// type sizes on the way.
func (l *loader) listDeps(ctx context.Context) error {
	ext, cgo := l.externals()
	if l.cfg.Deps != nil && !slices.ContainsFunc(ext, func(path string) bool { d := l.deps[path]; return d == nil || d.Export == "" }) {
		ext = nil // Config.Deps gave every one its export data (the incremental cache keeps it): no go list -export
	}
	var wg sync.WaitGroup
	var depErr, cgoErr, envErr error
	var exported map[string]*load.Package
	wg.Go(func() { exported, depErr = l.list(ctx, true, ext) })
	wg.Go(func() { cgoErr = l.listCompiled(ctx, cgo) })
	wg.Go(func() { l.sizes, envErr = l.targetSizes(ctx) })
	wg.Wait()
	if err := errors.Join(depErr, cgoErr, envErr); err != nil {
		return err
	}
	if l.deps == nil {
		l.deps = exported
	} else {
		// Config.Only's listing, of everything the roots import: export
		// data is built for what the roots to type-check import (readExport
		// lists the rest when it needs it).
		for path, p := range exported {
			if d := l.deps[path]; d != nil {
				d.Export = p.Export
			} else {
				l.deps[path] = p
			}
		}
	}
	for path := range l.deps {
		if l.roots[path] != nil {
			// A dependency imports a root: its export data would refer to
			// a second copy of the root's types.
			return ErrUnsupported
		}
	}
	for path, d := range exported {
		switch {
		case d.Export == "" && path != "unsafe":
			// It does not compile (or is missing): packages.Load
			// type-checks it from source, and reports what it can.
			return ErrUnsupported
		}
	}
	for _, r := range l.roots {
		if r.usesCgo() && (r.cgoErr || len(r.compiled) == 0) {
			return ErrUnsupported // cgo failed: leave its reporting to packages.Load
		}
	}
	if l.cfg.Listed != nil {
		l.cfg.Listed(l.depGraph(), func(path string) *packages.Package { return l.checkDep(ctx, path) })
	}
	return nil
}

// depGraph returns the listed dependencies as linked packages.Package
// values (without types).
func (l *loader) depGraph() map[string]*packages.Package {
	g := make(map[string]*packages.Package, len(l.deps))
	abs := func(d *load.Package, names []string) []string {
		var out []string
		for _, n := range names {
			out = append(out, filepath.Join(d.Dir, n))
		}
		return out
	}
	for path, d := range l.deps {
		g[path] = &packages.Package{ID: path, PkgPath: path, Name: d.Name, Module: moduleOf(d.Module), Imports: map[string]*packages.Package{},
			GoFiles: abs(d, d.GoFiles), OtherFiles: abs(d, d.OtherFiles)}
	}
	for path, d := range l.deps {
		written := map[string]string{}
		for src, resolved := range d.ImportMap {
			written[resolved] = src
		}
		for _, imp := range d.Imports {
			q := g[imp]
			if q == nil {
				continue // "C", or not listed
			}
			key := imp
			if src, ok := written[imp]; ok {
				key = src
			}
			g[path].Imports[key] = q
		}
	}
	return g
}

// importPaths returns the resolved paths the root's parsed files import.
func (r *root) importPaths() []string {
	if len(r.compiled) > 0 {
		return r.imports
	}
	return r.list.Imports
}

func (r *root) usesCgo() bool {
	for _, imp := range r.list.Imports {
		if imp == "C" {
			return true
		}
	}
	return false
}

// listOptions are the go list options for paths.
func (l *loader) listOptions(paths []string) load.Options {
	return load.Options{Dir: l.cfg.Dir, Patterns: paths, BuildFlags: l.cfg.BuildFlags, Env: l.cfg.Env}
}

// list lists paths and their dependencies, with their export data (built
// as needed) when export is set.
func (l *loader) list(ctx context.Context, export bool, paths []string) (map[string]*load.Package, error) {
	return load.ListDeps(ctx, l.listOptions(paths), export)
}

// listCompiled finds the files the compiler sees for the cgo roots.
func (l *loader) listCompiled(ctx context.Context, paths []string) error {
	compiled, err := load.ListCompiled(ctx, l.listOptions(paths))
	if err != nil {
		return err
	}
	for path, p := range compiled {
		if r := l.roots[path]; r != nil {
			r.compiled, r.imports, r.cgoErr = p.CompiledGoFiles, p.Imports, p.Error != ""
		}
	}
	return nil
}

// targetSizes returns the type sizes of the target architecture.
func (l *loader) targetSizes(ctx context.Context) (types.Sizes, error) {
	out, _, err := gocmd.Run(ctx, l.cfg.Dir, l.cfg.Env, "env", "GOARCH")
	if err != nil {
		return nil, err
	}
	if s := types.SizesFor("gc", strings.TrimSpace(out.String())); s != nil {
		return s, nil
	}
	return types.SizesFor("gc", runtime.GOARCH), nil
}

// only marks the roots that neither want nor anything in want imports
// as skipped; nil wants all.
func (l *loader) only(want map[string]bool) {
	if want == nil {
		return
	}
	for _, r := range l.roots {
		r.skip = true
	}
	var need func(path string)
	need = func(path string) {
		r := l.roots[path]
		if r == nil || !r.skip || r.export != nil {
			return
		}
		if !want[path] && l.cfg.Export != nil {
			if r.export = l.cfg.Export(path); r.export != nil {
				return // its importers read it from export data
			}
		}
		r.skip = false
		for _, imp := range r.list.Imports {
			need(imp)
		}
	}
	for path := range want {
		need(path)
	}
}

// check parses and type-checks every root, each after the roots it
// imports, at most GOMAXPROCS at a time. An import cycle among roots (go
// list reports it, and still lists the imports) is broken where a
// depth-first search closes it: that import then fails to type-check
// instead of making both roots wait for ever.
func (l *loader) check(ctx context.Context) {
	order := make([]*root, 0, len(l.roots))
	for _, r := range l.roots {
		order = append(order, r)
	}
	slices.SortFunc(order, func(a, b *root) int { return strings.Compare(a.list.ImportPath, b.list.ImportPath) })
	index := make(map[*root]int, len(order))
	for i, r := range order {
		index[r] = i
	}
	succ := make([][]int, len(order))
	for i, r := range order {
		for _, imp := range r.importPaths() {
			if d := l.roots[imp]; d != nil {
				succ[i] = append(succ[i], index[d])
			}
		}
	}
	waits := dag.Prune(succ)
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, r := range order {
		wg.Go(func() {
			defer close(r.done)
			if r.skip {
				// Its export data may refer to roots type-checked from
				// source (Config.Export: a cached package importing a
				// changed one): its importers must find those in the view.
				for _, d := range waits[i] {
					select {
					case <-order[d].done:
					case <-ctx.Done():
					}
				}
				return
			}
			// Wait for the roots it imports without holding a token: the
			// importer must find them done. It is parsed only then, so
			// that the syntax trees in memory are those of the roots
			// being checked, not of every root waiting for its imports.
			for _, d := range waits[i] {
				select {
				case <-order[d].done:
				case <-ctx.Done():
				}
			}
			cpu <- struct{}{}
			defer func() { <-cpu }()
			files, errs := l.parse(r)
			r.pkg = l.typeCheck(ctx, r, files, errs)
			if l.cfg.Checked != nil && ctx.Err() == nil {
				l.cfg.Checked(r.pkg)
			}
			if l.cfg.Export != nil {
				l.mu.Lock()
				if l.view[r.list.ImportPath] == nil {
					l.view[r.list.ImportPath] = r.pkg.Types
				}
				l.mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// parse parses the root's files: those the compiler sees for cgo packages,
// else its Go files.
func (l *loader) parse(r *root) ([]*ast.File, []packages.Error) {
	names := r.compiled
	if len(names) == 0 {
		for _, f := range r.list.GoFiles {
			names = append(names, filepath.Join(r.list.Dir, f))
		}
	}
	var files []*ast.File
	var errs []packages.Error
	for _, name := range names {
		src, err := load.Overlay(l.cfg.Overlay).ReadFile(name)
		if err != nil {
			errs = append(errs, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
			continue
		}
		f, err := parser.ParseFile(l.fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
		if f != nil {
			files = append(files, f)
		}
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				errs = append(errs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			errs = append(errs, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	return files, errs
}

// typeCheck type-checks a parsed root.
func (l *loader) typeCheck(ctx context.Context, r *root, files []*ast.File, errs []packages.Error) *packages.Package {
	return l.typeCheckWith(ctx, r, files, errs, func(path string) (*types.Package, error) { return l.importFor(r.list, path) })
}

// typeCheckWith type-checks parsed files with the given importer.
func (l *loader) typeCheckWith(ctx context.Context, r *root, files []*ast.File, errs []packages.Error, importer importerFunc) *packages.Package {
	lp := r.list
	p := &packages.Package{
		ID: lp.ImportPath, PkgPath: lp.ImportPath, Name: lp.Name, Fset: l.fset, Syntax: files,
		Errors: errs, TypesSizes: l.sizes, Imports: map[string]*packages.Package{},
		Types: types.NewPackage(lp.ImportPath, lp.Name),
		TypesInfo: &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		},
	}
	for _, f := range lp.GoFiles {
		p.GoFiles = append(p.GoFiles, filepath.Join(lp.Dir, f))
	}
	p.CompiledGoFiles = p.GoFiles
	if len(r.compiled) > 0 {
		p.CompiledGoFiles = r.compiled
	}
	if m := lp.Module; m != nil {
		p.Module = moduleOf(m)
	}
	l.stubImports(p, r)
	if ctx.Err() != nil {
		return p
	}
	tc := &types.Config{
		Importer: importer,
		Sizes:    l.sizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				p.TypeErrors = append(p.TypeErrors, te)
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	if err := types.NewChecker(tc, l.fset, p.Types, p.TypesInfo).Files(files); err != nil && len(p.Errors) == 0 {
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
	p.IllTyped = len(p.Errors) > 0
	return p
}

// stubImports fills p.Imports, keyed by the path as written in the source,
// with the imported packages' path, name and module.
func (l *loader) stubImports(p *packages.Package, r *root) {
	lp := r.list
	imports := r.importPaths()
	written := map[string]string{}
	for src, resolved := range lp.ImportMap {
		written[resolved] = src
	}
	for _, imp := range imports {
		if imp == "C" {
			continue
		}
		key := imp
		if src, ok := written[imp]; ok {
			key = src
		}
		p.Imports[key] = l.stub(imp)
	}
}

// stub returns the one stub of an imported package, made on first use:
// every importer shares it (a stub and its module per import were a
// sixth of the live heap of a 3,000-package check).
func (l *loader) stub(path string) *packages.Package {
	l.stubsMu.Lock()
	defer l.stubsMu.Unlock()
	if s := l.stubs[path]; s != nil {
		return s
	}
	s := &packages.Package{ID: path, PkgPath: path}
	if r := l.roots[path]; r != nil {
		s.Name = r.list.Name
		if m := r.list.Module; m != nil {
			s.Module = moduleOf(m)
		}
	} else if d := l.deps[path]; d != nil {
		s.Name, s.Module = d.Name, moduleOf(d.Module)
	}
	if l.stubs == nil {
		l.stubs = map[string]*packages.Package{}
	}
	l.stubs[path] = s
	return s
}

// importFor imports path, as written in a file of lp: a root is the one
// type-checked from source (already done: check waits for it), anything
// else comes from export data.
func (l *loader) importFor(lp *load.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if resolved, ok := lp.ImportMap[path]; ok {
		path = resolved
	}
	if r := l.roots[path]; r != nil && r.export == nil {
		select {
		case <-r.done:
			return r.pkg.Types, nil
		default:
			// check waits for the roots a root imports, except where the
			// import closes a cycle (or the run was cancelled): waiting
			// here would hold a CPU token.
			return nil, fmt.Errorf("%s is in an import cycle with this package", path)
		}
	}
	return l.readExport(path)
}

// readExport returns path's package from its export data (a dependency's
// from go list -export, a root's from Config.Export), read once into the
// shared view.
func (l *loader) readExport(path string) (*types.Package, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := l.view[path]; p != nil && p.Complete() {
		return p, nil
	}
	var data []byte
	if r := l.roots[path]; r != nil && r.export != nil {
		data = r.export
	} else {
		d := l.deps[path]
		if d == nil { // listDeps declined a dependency without export data
			return nil, fmt.Errorf("%s was not listed", path)
		}
		if d.Export == "" && l.ctx != nil { // not imported by a root being type-checked
			if listed, err := l.list(l.ctx, true, []string{path}); err == nil {
				for q, p := range listed {
					if e := l.deps[q]; e != nil && e.Export == "" {
						e.Export = p.Export
					}
				}
			}
		}
		var err error
		if data, err = load.ExportData(d.Export); err != nil {
			return nil, fmt.Errorf("reading export data: %w", err)
		}
	}
	return gcexportdata.Read(bytes.NewReader(data), l.fset, l.view, path)
}

func moduleOf(m *load.ModuleInfo) *packages.Module {
	if m == nil {
		return nil
	}
	return &packages.Module{Path: m.Path, Version: m.Version, Main: m.Main, Dir: m.Dir, GoMod: m.GoMod, GoVersion: m.GoVersion,
		Replace: moduleOf(m.Replace)}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// usesDriver reports whether go/packages would use an external driver
// (GOPACKAGESDRIVER, or a gopackagesdriver on PATH when that is unset), as
// build systems such as Bazel set up: archcheck then leaves loading to it.
func usesDriver(env []string) bool {
	switch v := getenv(env, "GOPACKAGESDRIVER"); v {
	case "off":
		return false
	case "":
		_, err := exec.LookPath("gopackagesdriver")
		return err == nil
	default:
		return true
	}
}

// getenv returns key's value in env (the process environment when nil);
// the last setting wins, as for the go command.
func getenv(env []string, key string) string {
	if env == nil {
		return os.Getenv(key)
	}
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], key+"="); ok {
			return v
		}
	}
	return ""
}

// checkDep type-checks the listed dependency path from source (for its
// facts); what it imports comes from export data, like a root's imports.
// A cgo package is parsed as the compiler sees it (go list -compiled).
func (l *loader) checkDep(ctx context.Context, path string) *packages.Package {
	d := l.deps[path]
	p := &packages.Package{ID: path, PkgPath: path, Fset: l.fset, TypesSizes: l.sizes, Imports: map[string]*packages.Package{}}
	if d == nil {
		p.Errors = []packages.Error{{Pos: "-", Msg: path + " was not listed", Kind: packages.ListError}}
		return p
	}
	p.Name, p.Module = d.Name, moduleOf(d.Module)
	r := &root{list: d}
	if len(d.CgoFiles) > 0 {
		if err := l.compiledDep(ctx, r); err != nil {
			p.Errors = []packages.Error{{Pos: "-", Msg: err.Error(), Kind: packages.ListError}}
			return p
		}
	}
	files, errs := l.parse(r)
	tp := l.typeCheckWith(ctx, r, files, errs, func(path string) (*types.Package, error) { return l.importDep(d, path) })
	tp.Module = p.Module
	return tp
}

// compiledDep finds the files the compiler sees for a cgo dependency.
func (l *loader) compiledDep(ctx context.Context, r *root) error {
	compiled, err := load.ListCompiled(ctx, l.listOptions([]string{r.list.ImportPath}))
	if err != nil {
		return err
	}
	p := compiled[r.list.ImportPath]
	switch {
	case p == nil:
		return fmt.Errorf("go list -compiled did not list %s", r.list.ImportPath)
	case p.Error != "":
		return errors.New(p.Error)
	}
	r.compiled, r.imports = p.CompiledGoFiles, p.Imports
	return nil
}

// importDep imports path, as written in a file of the dependency d, from
// export data.
func (l *loader) importDep(d *load.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if resolved, ok := d.ImportMap[path]; ok {
		path = resolved
	}
	return l.readExport(path)
}
