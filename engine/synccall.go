package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/engine/typecheck"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// typedLoad is the roots loaded with syntax and types, started as soon as
// they are listed, so that it overlaps the import rules.
type typedLoad struct {
	done chan struct{}
	pkgs []*packages.Package
	err  error
	cfg  *packages.Config
}

// startTypedLoad type-checks the listed packages with typecheck.Load, or,
// for what that does not support, with packages.Load of the patterns.
func startTypedLoad(ctx context.Context, opts Options, listed []*graph.Package) *typedLoad {
	tl := &typedLoad{done: make(chan struct{})}
	tl.cfg = &packages.Config{Context: ctx, Mode: driver.Mode, Dir: opts.Dir}
	if len(opts.Tags) > 0 {
		tl.cfg.BuildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	for name, content := range opts.overlay {
		if content != nil { // go list applies deletions itself, from GOFLAGS
			if tl.cfg.Overlay == nil {
				tl.cfg.Overlay = map[string][]byte{}
			}
			tl.cfg.Overlay[name] = content
		}
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	go func() {
		defer close(tl.done)
		if os.Getenv("ARCHCHECK_LOADER") != "packages" { // the escape hatch, and the comparison for tests
			tl.pkgs, tl.err = typecheck.Load(ctx, typecheck.Config{
				Dir: opts.Dir, BuildFlags: tl.cfg.BuildFlags, Overlay: tl.cfg.Overlay,
			}, listed)
			if !errors.Is(tl.err, typecheck.ErrUnsupported) {
				return
			}
		}
		tl.pkgs, tl.err = packages.Load(tl.cfg, patterns...)
	}()
	return tl
}

// syncSession is the sync-call analyzer (with sqltables when the tables
// are wanted) and the driver session that runs it.
type syncSession struct {
	a    *analysis.Analyzer
	sess *driver.Session
}

// startSyncCalls prepares the driver run of sync-call and starts its
// dependency work (listing the third-party dependencies, reading their
// cached facts) from the listed packages g, while the typed load is still
// running.
func (c *collector) startSyncCalls(ctx context.Context, tl *typedLoad, g *graph.Graph) (*syncSession, error) {
	a := synccall.New(c.cfg)
	as := []*analysis.Analyzer{a}
	if c.wantTables {
		as = append(as, sqltables.Analyzer) // data ownership rides on the same typed load
	}
	sess, err := driver.NewSession(as, driver.Options{
		DepFacts: true, Dir: tl.cfg.Dir, Env: tl.cfg.Env, BuildFlags: tl.cfg.BuildFlags,
	})
	if err != nil {
		return nil, fmt.Errorf("sync-call: %w", err)
	}
	roots := make([]driver.Root, 0, len(g.Packages))
	for _, p := range g.Packages {
		r := driver.Root{Path: p.ImportPath, Imports: p.Imports}
		if p.Module != nil && !p.Standard {
			r.Module = p.Module.Path
		}
		roots = append(roots, r)
	}
	sess.Prefetch(ctx, roots)
	return &syncSession{a: a, sess: sess}, nil
}

// syncCalls runs the sync-call analyzer over the typed packages through the
// facts driver, adds its findings (when the rule runs) to the collector and
// its call sites to the graph, and returns the packages that failed to
// type-check.
func (c *collector) syncCalls(ctx context.Context, tl *typedLoad, s *syncSession, report bool) ([]graph.LoadError, error) {
	<-tl.done
	if tl.err != nil {
		return nil, fmt.Errorf("load packages: %w", tl.err)
	}
	a := s.a
	out, err := s.sess.Run(ctx, tl.pkgs)
	if err != nil {
		return nil, fmt.Errorf("sync-call: %w", err)
	}
	var loadErrs []graph.LoadError
	var calls []graph.Call
	for _, p := range out.Packages {
		for _, e := range packageErrors(p.Pkg, c.g.Main.Dir) {
			loadErrs = append(loadErrs, graph.LoadError{Package: p.Pkg.PkgPath, Err: e})
		}
		res, _ := p.Results[a].(*synccall.Result)
		if res == nil {
			continue
		}
		if report {
			for _, f := range res.Findings {
				c.add(f.Finding, p.Pkg.Fset.Position(f.Pos))
			}
		}
		for _, call := range res.Calls {
			if !call.Async {
				calls = append(calls, c.graphCall(p.Pkg, call))
			}
		}
	}
	if report {
		c.interfaceCalls(out, a)
	}
	c.g.AddCalls(calls)
	if c.wantTables { // Analyze: metrics follow, which read the roots' files
		c.tables = tableUses(c.g, out)
		c.g.Parsed = parsedFiles(out)
	}
	return loadErrs, nil
}

// graphCall converts an analyzer call site to the graph's neutral form.
func (c *collector) graphCall(p *packages.Package, call synccall.Call) graph.Call {
	pos := p.Fset.Position(call.Pos)
	gc := graph.Call{
		Caller: call.Caller, Callee: call.Callee, FromPkg: call.FromPkg, ToPkg: call.ToPkg,
		FromModule: call.FromModule, ToModule: call.ToModule,
		Publish: call.Publish, Seam: call.Seam,
		File: c.g.Main.RelPath(pos.Filename), Line: pos.Line, Column: pos.Column,
	}
	if gc.Publish && gc.ToModule == "" {
		gc.ToModule = call.Seam
	}
	for _, b := range call.Blocks {
		if gc.Chains == nil {
			gc.Chains = map[rules.Kind][]string{}
		}
		gc.Kinds = append(gc.Kinds, b.Kind)
		gc.Chains[b.Kind] = append([]string{call.Caller}, b.Chain...)
	}
	return gc
}

// packageErrors returns a package's load errors once each: when the type
// checker explains a failure, go list's echo of the same compile error
// (position "-", a "# pkg" header) is left out.
func packageErrors(p *packages.Package, root string) []string {
	hasType := false
	for _, e := range p.Errors {
		hasType = hasType || e.Kind == packages.TypeError
	}
	var out []string
	for _, e := range p.Errors {
		if hasType && e.Kind != packages.TypeError {
			continue
		}
		msg := e.Msg
		if e.Pos != "" && e.Pos != "-" {
			msg = strings.TrimPrefix(e.Pos, root+string(filepath.Separator)) + ": " + msg
		}
		out = append(out, msg)
	}
	return out
}

// parsedFiles indexes the roots' syntax trees by file name, for the
// metrics. Packages with parse errors are left out: the metrics' own parse
// skips a file that does not parse, and a partial tree would count more.
func parsedFiles(out *driver.Output) map[string]*ast.File {
	files := map[string]*ast.File{}
	for _, p := range out.Packages {
		if slices.ContainsFunc(p.Pkg.Errors, func(e packages.Error) bool { return e.Kind == packages.ParseError }) {
			continue
		}
		for _, f := range p.Pkg.Syntax {
			if tf := p.Pkg.Fset.File(f.FileStart); tf != nil {
				files[tf.Name()] = f
			}
		}
	}
	return files
}
