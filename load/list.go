package load

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/internal/gocmd"
)

// Package is one package as `go list` describes it: only what the import
// rules need.
type Package struct {
	ImportPath   string
	Name         string
	Dir          string
	GoFiles      []string          // base names, non-test (includes cgo files)
	TestGoFiles  []string          // in-package _test.go files
	XTestGoFiles []string          // external test package files
	Imports      []string          // resolved import paths of GoFiles
	TestImports  []string          // of TestGoFiles
	XTestImports []string          // of XTestGoFiles
	ImportMap    map[string]string // source import path -> resolved (vendoring)
	Standard     bool
	Module       *ModuleInfo
	Error        string // load error, if any
}

// ModuleInfo is the Go module a package belongs to.
type ModuleInfo struct {
	Path      string
	Dir       string
	Version   string
	Main      bool
	GoVersion string // the go directive: the language version of its files
}

// MainModule describes the module whose packages archcheck checks.
type MainModule struct {
	Path string // "std" for the standard library
	Dir  string // its root directory
}

// Options say what to list and how.
type Options struct {
	Dir      string   // working directory for go list
	Patterns []string // package patterns; default ./...
	Tags     []string // build tags
	Env      []string // extra environment (GOOS, GOARCH, GOFLAGS …); nil: inherit
}

// listFields are the go list fields read: asking only for them lets go list
// skip work (staleness, export data) it would otherwise do.
const listFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles," +
	"Imports,TestImports,XTestImports,ImportMap,Standard,Module,Error,DepsErrors,Incomplete"

type listPackage struct {
	ImportPath   string
	Name         string
	Dir          string
	GoFiles      []string
	CgoFiles     []string
	TestGoFiles  []string
	XTestGoFiles []string
	Imports      []string
	TestImports  []string
	XTestImports []string
	ImportMap    map[string]string
	Standard     bool
	Module       *ModuleInfo
	Error        *listError
	DepsErrors   []*listError
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
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if err := fileArguments(patterns); err != nil {
		return nil, nil, nil, err
	}
	args := []string{"list", "-e", "-json=" + listFields}
	if len(opts.Tags) > 0 {
		args = append(args, "-tags="+strings.Join(opts.Tags, ","))
	}
	args = append(args, "--")
	args = append(args, patterns...)
	var env []string
	if opts.Env != nil {
		env = append(os.Environ(), opts.Env...)
	}
	stdout, warnings, err := gocmd.Run(ctx, opts.Dir, env, args...)
	if err != nil {
		return nil, nil, nil, err
	}
	pkgs, errs, err := decodeList(stdout)
	if err != nil {
		return nil, nil, nil, err
	}
	if warnings != "" {
		errs = append(errs, Error{Err: warnings})
	}
	main, err := mainModule(ctx, opts, pkgs)
	if err != nil {
		return nil, nil, nil, err
	}
	return pkgs, main, errs, nil
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
		if lp.Error != nil {
			msg := lp.Error.String()
			if strings.Contains(msg, "does not contain modules listed in go.work") {
				msg += " (in a go.work workspace, archcheck checks one module: run it in that module's directory, or pass -C DIR)"
			}
			errs = append(errs, Error{Package: lp.ImportPath, Err: msg})
		}
		for _, de := range lp.DepsErrors {
			errs = append(errs, Error{Package: lp.ImportPath, Err: de.String()})
		}
		if lp.Dir == "" && len(lp.GoFiles)+len(lp.CgoFiles)+len(lp.TestGoFiles)+len(lp.XTestGoFiles) == 0 {
			continue // nothing loaded: only an error
		}
		p := &Package{
			ImportPath: lp.ImportPath, Name: lp.Name, Dir: lp.Dir,
			GoFiles:     sortedUnion(lp.GoFiles, lp.CgoFiles),
			TestGoFiles: lp.TestGoFiles, XTestGoFiles: lp.XTestGoFiles,
			Imports: sortedUnion(lp.Imports, nil), TestImports: sortedUnion(lp.TestImports, nil),
			XTestImports: sortedUnion(lp.XTestImports, nil),
			ImportMap:    lp.ImportMap, Standard: lp.Standard, Module: lp.Module,
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
