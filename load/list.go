package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/internal/gocmd"
)

// Package is one package as `go list` describes it: what the import rules,
// the type checker and the analysis driver read of it. It is archcheck's
// one decoding of go list's output (List, ListDeps, ListCompiled).
type Package struct {
	ImportPath   string
	Name         string
	Dir          string
	GoFiles      []string          // base names, non-test (includes cgo files), sorted
	CgoFiles     []string          // of GoFiles, those that import "C"
	OtherFiles   []string          // C and header files (ListDeps only)
	TestGoFiles  []string          // in-package _test.go files
	XTestGoFiles []string          // external test package files
	Imports      []string          // resolved import paths of GoFiles
	TestImports  []string          // of TestGoFiles
	XTestImports []string          // of XTestGoFiles
	ImportMap    map[string]string // source import path -> resolved (vendoring)
	Standard     bool
	Module       *ModuleInfo
	Error        string // load error, if any
	// Export is the file holding its export data (ListDeps with export).
	Export string
	// CompiledGoFiles are the absolute names of the files the compiler
	// sees, cgo's output included (ListCompiled only).
	CompiledGoFiles []string

	depOnly bool // listed only as a dependency of the patterns (Options.Deps)
}

// ModuleInfo is the Go module a package belongs to.
type ModuleInfo struct {
	Path      string
	Dir       string
	Version   string
	Main      bool
	GoVersion string      // the go directive: the language version of its files
	GoMod     string      // its go.mod file
	Replace   *ModuleInfo // what replaces it, if anything
}

// MainModule describes the module whose packages archcheck checks.
type MainModule struct {
	Path string // "std" for the standard library
	Dir  string // its root directory
}

// Options say what to list and how.
type Options struct {
	Dir        string   // working directory for go list
	Patterns   []string // package patterns; default ./...
	Tags       []string // build tags
	BuildFlags []string // more go list flags (-tags=…), after Tags
	Env        []string // extra environment (GOOS, GOARCH, GOFLAGS …); nil: inherit
	// Deps also lists everything the packages import (go list -deps), in
	// Listing.Deps: what the type checker would list next, in the same
	// go list.
	Deps bool
	// Reuse reuses the listing an earlier run recorded in archcheck's
	// cache when nothing go list reads has changed since, and records
	// this one (snapshot.go).
	Reuse bool
}

// Listing is what ListAll found.
type Listing struct {
	Packages []*Package          // the packages the patterns match, sorted by import path
	Deps     map[string]*Package // with Options.Deps: the others listed, by import path
	Main     *MainModule
	Errors   []Error // the packages that failed to load
	// Reused says the listing is an earlier run's (Options.Reuse), but
	// for the packages in Relisted, listed again (an edit of their files).
	Reused   bool
	Relisted []string
}

// listFields are the go list fields read: asking only for them lets go list
// skip work (staleness, export data) it would otherwise do.
const listFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles," +
	"Imports,TestImports,XTestImports,ImportMap,Standard,Module,Error,DepsErrors,Incomplete"

type listPackage struct {
	ImportPath      string
	Name            string
	Dir             string
	GoFiles         []string
	CgoFiles        []string
	CFiles          []string
	HFiles          []string
	CompiledGoFiles []string
	Export          string
	DepOnly         bool
	TestGoFiles     []string
	XTestGoFiles    []string
	Imports         []string
	TestImports     []string
	XTestImports    []string
	ImportMap       map[string]string
	Standard        bool
	Module          *ModuleInfo
	Error           *listError
	DepsErrors      []*listError
}

type listError struct {
	Pos string
	Err string
}

func (e *listError) String() string {
	if e.Pos == "" || strings.HasPrefix(e.Err, e.Pos) {
		return e.Err
	}
	return e.Pos + ": " + e.Err
}

// Error is a package that could not be loaded; the rest still are.
type Error struct {
	Package string
	Err     string
}

func (e Error) Error() string {
	if e.Package == "" {
		return e.Err
	}
	return e.Package + ": " + e.Err
}

// List runs `go list` once for the patterns and returns the packages, sorted
// by import path, the main module, and the packages that failed to load.
func List(ctx context.Context, opts Options) ([]*Package, *MainModule, []Error, error) {
	opts.Deps = false
	l, err := ListAll(ctx, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	return l.Packages, l.Main, l.Errors, nil
}

// ListAll is List, with the packages' dependencies too when opts.Deps is
// set.
func ListAll(ctx context.Context, opts Options) (*Listing, error) {
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if err := fileArguments(patterns); err != nil {
		return nil, err
	}
	fields := listFields
	if opts.Deps {
		fields += ",CFiles,HFiles,DepOnly"
	}
	var r *reuser
	if opts.Reuse {
		if r = newReuser(ctx, opts, fields, patterns); r != nil {
			if l, ok := r.reuse(ctx, opts, fields); ok {
				return l, nil
			}
		}
	}
	var snap *snapshot
	if r != nil {
		snap = r.stampAll()
	}
	stdout, warnings, err := goList(ctx, opts, []string{"-json=" + fields}, patterns)
	if err != nil {
		return nil, err
	}
	var out []byte
	if r != nil {
		out = slices.Clone(stdout.Bytes())
	}
	l, err := listing(stdout, warnings, opts)
	if err != nil {
		return nil, err
	}
	if l.Main, err = mainModule(ctx, opts, l.Packages); err != nil {
		return nil, err
	}
	if r != nil {
		r.record(snap, out, l)
	}
	return l, nil
}

// listing decodes go list's output into a Listing, without its Main.
func listing(stdout io.Reader, warnings string, opts Options) (*Listing, error) {
	pkgs, errs, err := decodeList(stdout)
	if err != nil {
		return nil, err
	}
	l := &Listing{Errors: errs}
	if opts.Deps {
		l.Deps = map[string]*Package{}
	}
	for _, p := range pkgs {
		if p.depOnly {
			l.Deps[p.ImportPath] = p
		} else {
			l.Packages = append(l.Packages, p)
		}
	}
	if warnings != "" {
		l.Errors = append(l.Errors, Error{Err: warnings})
	}
	return l, nil
}

// goList runs go list -e with opts' tags, flags and environment, the flags
// and then the patterns.
func goList(ctx context.Context, opts Options, flags, patterns []string) (*bytes.Buffer, string, error) {
	args := []string{"list", "-e"}
	if len(opts.Tags) > 0 {
		args = append(args, "-tags="+strings.Join(opts.Tags, ","))
	}
	if opts.Deps {
		args = append(args, "-deps")
	}
	args = append(args, opts.BuildFlags...)
	args = append(args, flags...)
	args = append(args, "--")
	args = append(args, patterns...)
	var env []string
	if opts.Env != nil {
		env = append(os.Environ(), opts.Env...)
	}
	return gocmd.Run(ctx, opts.Dir, env, args...)
}

// depFields are what ListDeps asks go list for.
const depFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,CFiles,HFiles,Export,Module,Imports,ImportMap,Standard,Error"

// ListDeps lists opts.Patterns, import paths, and everything they import
// (go list -deps), building their export data when export is set; by
// import path. Load errors stay in each package's Error.
func ListDeps(ctx context.Context, opts Options, export bool) (map[string]*Package, error) {
	deps := map[string]*Package{}
	if len(opts.Patterns) == 0 {
		return deps, nil
	}
	opts.Deps = true
	flags := []string{"-json=" + depFields}
	if export {
		flags = append([]string{"-export"}, flags...)
	}
	out, _, err := goList(ctx, opts, flags, opts.Patterns)
	if err != nil {
		return nil, err
	}
	pkgs, _, err := decodeList(out)
	if err != nil {
		return nil, err
	}
	for _, p := range pkgs {
		deps[p.ImportPath] = p
	}
	return deps, nil
}

// ListCompiled lists what the compiler sees of opts.Patterns, import paths
// (go list -compiled): their CompiledGoFiles, absolute, cgo's output
// included, the Imports of those, and their Error; by import path.
func ListCompiled(ctx context.Context, opts Options) (map[string]*Package, error) {
	out := map[string]*Package{}
	if len(opts.Patterns) == 0 {
		return out, nil
	}
	opts.Deps = false
	stdout, _, err := goList(ctx, opts, []string{"-compiled", "-json=ImportPath,Dir,CompiledGoFiles,Imports,Error"}, opts.Patterns)
	if err != nil {
		return nil, err
	}
	pkgs, _, err := decodeList(stdout)
	if err != nil {
		return nil, err
	}
	for _, p := range pkgs {
		for i, f := range p.CompiledGoFiles {
			if !filepath.IsAbs(f) { // the package's own files are relative to its directory
				p.CompiledGoFiles[i] = filepath.Join(p.Dir, f)
			}
		}
		out[p.ImportPath] = p
	}
	return out, nil
}

// fileArguments refuses .go files among the patterns (issue 16 item 6):
// go list would make them one synthetic "command-line-arguments" package
// that no module pattern matches, and the rules would pass silently.
// archcheck's rules are about packages: the message names the directory.
func fileArguments(patterns []string) error {
	for _, p := range patterns {
		if !strings.HasSuffix(p, ".go") {
			continue
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		if !filepath.IsAbs(p) && !strings.HasPrefix(dir, ".") {
			dir = "./" + dir
		}
		return fmt.Errorf("%s is a file: archcheck checks packages; name its package directory (%s)", p, dir)
	}
	return nil
}

func decodeList(r io.Reader) ([]*Package, []Error, error) {
	dec := json.NewDecoder(r)
	var pkgs []*Package
	var errs []Error
	for {
		var lp listPackage
		if err := dec.Decode(&lp); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("decode go list output: %w", err)
		}
		if lp.Error != nil && !lp.DepOnly { // a dependency's errors are its importers' DepsErrors
			msg := lp.Error.String()
			if strings.Contains(msg, "does not contain modules listed in go.work") {
				msg += " (in a go.work workspace, archcheck checks one module: run it in that module's directory, or pass -C DIR)"
			}
			errs = append(errs, Error{Package: lp.ImportPath, Err: msg})
		}
		for _, de := range lp.DepsErrors {
			if lp.DepOnly {
				break // reported by the packages that import it
			}
			errs = append(errs, Error{Package: lp.ImportPath, Err: de.String()})
		}
		if lp.Dir == "" && len(lp.GoFiles)+len(lp.CgoFiles)+len(lp.TestGoFiles)+len(lp.XTestGoFiles)+len(lp.CompiledGoFiles) == 0 {
			continue // nothing loaded: only an error
		}
		p := &Package{
			ImportPath: lp.ImportPath, Name: lp.Name, Dir: lp.Dir,
			GoFiles: sortedUnion(lp.GoFiles, lp.CgoFiles), CgoFiles: lp.CgoFiles,
			OtherFiles:  slices.Concat(lp.CFiles, lp.HFiles),
			TestGoFiles: lp.TestGoFiles, XTestGoFiles: lp.XTestGoFiles,
			Imports: sortedUnion(lp.Imports, nil), TestImports: sortedUnion(lp.TestImports, nil),
			XTestImports: sortedUnion(lp.XTestImports, nil),
			ImportMap:    lp.ImportMap, Standard: lp.Standard, Module: lp.Module,
			Export: lp.Export, CompiledGoFiles: lp.CompiledGoFiles, depOnly: lp.DepOnly,
		}
		if lp.Error != nil {
			p.Error = lp.Error.String()
		}
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].ImportPath < pkgs[j].ImportPath })
	sort.Slice(errs, func(i, j int) bool {
		if errs[i].Package != errs[j].Package {
			return errs[i].Package < errs[j].Package
		}
		return errs[i].Err < errs[j].Err
	})
	return pkgs, dedupErrors(errs), nil
}

func dedupErrors(errs []Error) []Error {
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e == errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}

func sortedUnion(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	sort.Strings(out)
	return out
}

// mainModule finds the module being checked: the main module of the listed
// packages, "std" when they are standard-library packages, and otherwise the
// module of the working directory.
func mainModule(ctx context.Context, opts Options, pkgs []*Package) (*MainModule, error) {
	var main *MainModule
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main {
			continue
		}
		if main == nil {
			main = &MainModule{Path: p.Module.Path, Dir: p.Module.Dir}
		} else if p.Module.Path != main.Path {
			return nil, fmt.Errorf("the packages belong to several modules of the go.work workspace (%s, %s, ...): archcheck checks one module at a time; run it in each module's directory, or pass -C DIR", main.Path, p.Module.Path)
		}
	}
	if main != nil {
		return main, nil
	}
	for _, p := range pkgs {
		if p.Standard && p.Module == nil {
			root := strings.TrimSuffix(filepath.ToSlash(p.Dir), "/"+p.ImportPath)
			return &MainModule{Path: "std", Dir: filepath.FromSlash(root)}, nil
		}
	}
	var env []string
	if opts.Env != nil {
		env = append(os.Environ(), opts.Env...)
	}
	out, _, err := gocmd.Run(ctx, opts.Dir, env, "list", "-m", "-f", "{{.Path}}\t{{.Dir}}")
	if err != nil {
		return nil, fmt.Errorf("find main module: %w", err)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(out.String()), "\n")
	modPath, dir, _ := strings.Cut(line, "\t")
	if dir == "" {
		where := opts.Dir
		if where == "" {
			where = "the current directory"
		}
		return nil, fmt.Errorf("not in a Go module: no go.mod in %s or any parent directory (run archcheck inside a module, or pass -C DIR)", where)
	}
	return &MainModule{Path: modPath, Dir: dir}, nil
}

// RelFile returns the path of file (a base name in p.Dir) relative to the
// main module's root, slash-separated.
func (m *MainModule) RelFile(p *Package, file string) string {
	abs := filepath.Join(p.Dir, file)
	if rel, err := filepath.Rel(m.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// RelPath is RelFile for an absolute path.
func (m *MainModule) RelPath(abs string) string {
	if rel, err := filepath.Rel(m.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// XTestPath is the import path go list gives an external test package.
func XTestPath(p string) string { return p + "_test" }

// Base returns the last element of an import path.
func Base(importPath string) string { return path.Base(importPath) }
