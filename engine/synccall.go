package engine

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/sqltables"
	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/engine/typecheck"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// syncSession is the sync-call analyzer (with sqltables when the tables
// are wanted), the driver session that runs it, and the typed load of the
// roots, which runs in the background from the moment they are listed.
type syncSession struct {
	a    *analysis.Analyzer
	sess *driver.Session

	inc *incremental // nil: no cache
	// restoreGC undoes raiseGC when the check is over (Check), not when
	// the whole-program analysis is: a collection then would mark the
	// heap the check is about to let go of, for nothing (on std, 0.15 s
	// at the end of the run); nil: not raised.
	restoreGC func()
	// whole is set when the whole-program findings were decided this
	// run: wpFindings computed, or the cache's (wpcache.go).
	whole      bool
	wpFindings []incFinding

	loaded chan struct{} // closed when pkgs and err are set
	pkgs   []*packages.Package
	err    error
	stats  *Stats
}

// startSyncCalls prepares the driver run of sync-call over the listed
// packages of g and starts their typed load: typecheck.Load or, for what
// that does not support, packages.Load of the patterns. The driver's
// dependency work (third-party facts from the cache) starts from the
// typed load's listing of the roots' imports, before their type-check.
func (c *collector) startSyncCalls(ctx context.Context, opts Options, g *graph.Graph) (*syncSession, error) {
	var buildFlags []string
	if len(opts.Tags) > 0 {
		buildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	a := synccall.New(c.cfg)
	as := []*analysis.Analyzer{a}
	if c.wantTables {
		as = append(as, sqltables.Analyzer) // data ownership rides on the same typed load
	}
	as = append(as, c.dataAnalyzers()...) // dataownership.go
	var overlay map[string][]byte
	for name, content := range opts.overlay {
		if content != nil { // go list applies deletions itself, from GOFLAGS
			if overlay == nil {
				overlay = map[string][]byte{}
			}
			overlay[name] = content
		}
	}
	sess, err := driver.NewSession(as, driver.Options{DepFacts: true, Dir: opts.Dir, BuildFlags: buildFlags, Overlay: overlay, Progress: opts.Progress})
	if err != nil {
		return nil, fmt.Errorf("sync-call: %w", err)
	}
	ss := &syncSession{a: a, sess: sess, inc: opts.inc, loaded: make(chan struct{}), stats: opts.stats}
	if c.interfaces {
		// Whole-program keeps every package's syntax and types: the GC
		// target is raised from the load on (wholeprogram.go).
		ss.restoreGC = raiseGC()
	}
	roots := make([]driver.Root, 0, len(g.Packages)) // for the driver's prefetch
	for _, p := range g.Packages {
		r := driver.Root{Path: p.ImportPath, Imports: p.Imports}
		if p.Module != nil && !p.Standard {
			r.Module = p.Module.Path
		}
		roots = append(roots, r)
	}
	go func() {
		defer close(ss.loaded)
		defer ss.stats.since(PhaseTypecheck, time.Now())
		ss.stats.setLoader(LoaderPackages)
		if opts.Loader != LoaderPackages { // the escape hatch, and the comparison for tests
			ss.stats.setLoader(LoaderTypecheck)
			ss.pkgs, ss.err = typecheck.Load(ctx, typecheck.Config{
				Dir: opts.Dir, BuildFlags: buildFlags, Overlay: overlay,
				Listed: func(deps map[string]*packages.Package, check typecheck.CheckFunc) {
					sess.PrefetchListed(ctx, roots, deps, driver.LoadFunc(check))
				},
				Deps: opts.deps, Only: opts.inc.onlyFunc(ctx, sess), Export: opts.inc.exportFunc(), Progress: opts.Progress, // incremental.go
				Checked: opts.streamFunc(ctx, sess, c.interfaces), // check.go
			}, g.Packages)
			if !errors.Is(ss.err, typecheck.ErrUnsupported) {
				ss.pkgs = opts.inc.analysed(ss.pkgs)
				return
			}
			ss.stats.setLoader(LoaderPackages + loaderFallbackNote + strings.TrimPrefix(ss.err.Error(), "typecheck: ") + ")")
		}
		sess.Prefetch(ctx, roots) // overlaps packages.Load
		patterns := opts.Patterns
		if len(patterns) == 0 {
			patterns = []string{"./..."}
		}
		cfg := &packages.Config{Context: ctx, Mode: driver.Mode, Dir: opts.Dir, BuildFlags: buildFlags, Overlay: overlay}
		ss.pkgs, ss.err = packages.Load(cfg, patterns...)
	}()
	return ss, nil
}

// syncCalls runs the sync-call analyzer over the typed packages through the
// facts driver, adds its findings (when the rule runs) to the collector and
// its call sites to the graph, and returns the packages that failed to
// type-check.
func (c *collector) syncCalls(ctx context.Context, s *syncSession, report bool) ([]load.Error, error) {
	<-s.loaded
	if s.err != nil {
		return nil, fmt.Errorf("load packages: %w", s.err)
	}
	a := s.a
	var built func() *wpGraph
	if report && c.interfaces { // whole-program: its call graph builds while the analyzer runs
		done := make(chan struct{})
		var g *wpGraph
		go func() { defer close(done); g = buildGraph(s.pkgs) }()
		built = func() *wpGraph { <-done; return g }
	}
	start := time.Now()
	out, err := s.sess.Run(ctx, s.pkgs)
	if err != nil {
		return nil, fmt.Errorf("sync-call: %w", err)
	}
	defer func() { s.stats.since(PhaseTypecheck, start) }()
	loadErrs, calls, sites := c.results(out, a, report)
	c.gb.AddSites(sites)
	if report {
		// Notes the calls only --whole-program decides; under it, for the
		// cache's entries, which default runs read (wpcache.go).
		c.interfaceCalls(out, a)
		if c.interfaces {
			s.whole = true
			if !s.inc.wholeHit() {
				wp := time.Now()
				s.wpFindings = c.wholeProgram(out, a, built)
				s.stats.since(PhaseWholeProgram, wp)
				start = start.Add(time.Since(wp)) // not type-check/analyse
			}
		}
	}
	c.gb.AddCalls(calls)
	if c.wantTables {
		c.tables = tableUses(c.g, out)
		c.dataOwnership(out) // dataownership.go
	}
	c.gb.SetParsed(parsedFiles(out)) // for the metrics of suggest and report
	return loadErrs, nil
}

// results reads the analyzer's output: the packages that failed to
// type-check, the synchronous calls and the blocking call sites (in the
// graph's form), and, when the rule runs, its findings into the collector.
func (c *collector) results(out *driver.Output, a *analysis.Analyzer, report bool) (loadErrs []load.Error, calls, sites []graph.Call) {
	for _, p := range out.Broken { // their facts are missing: a pass would be wrong
		for _, e := range packageErrors(p, c.g.Main.Dir) {
			loadErrs = append(loadErrs, load.Error{Package: p.PkgPath, Err: e})
		}
	}
	nc, ns := 0, 0 // sized once: graph.Call is large, and appending copied them over and over (peak memory)
	for _, p := range out.Packages {
		if res, _ := p.Results[a].(*synccall.Result); res != nil {
			nc, ns = nc+len(res.Calls), ns+len(res.Sites)
		}
	}
	calls, sites = make([]graph.Call, 0, nc), make([]graph.Call, 0, ns)
	for _, p := range out.Packages {
		for _, e := range packageErrors(p.Pkg, c.g.Main.Dir) {
			loadErrs = append(loadErrs, load.Error{Package: p.Pkg.PkgPath, Err: e})
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
		for _, call := range res.Sites {
			sites = append(sites, c.graphCall(p.Pkg, call))
		}
	}
	return loadErrs, calls, sites
}

// graphCall converts an analyzer call site to the graph's neutral form.
func (c *collector) graphCall(p *packages.Package, call synccall.Call) graph.Call {
	pos := p.Fset.Position(call.Pos)
	gc := graph.Call{
		Caller: call.Caller, Callee: call.Callee, FromPkg: call.FromPkg, ToPkg: call.ToPkg,
		FromModule: call.FromModule, ToModule: call.ToModule,
		Publish: call.Publish, Seam: call.Seam, Via: call.Via,
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
		for _, st := range b.Steps {
			gc.Names = nameOf(gc.Names, st)
		}
	}
	gc.Names = nameOf(gc.Names, call.CallerStep)
	return gc
}

// nameOf adds a step's package name to names when it is not the package
// path's last element and not main (graph.Call.Names).
func nameOf(names map[string]string, st synccall.Step) map[string]string {
	path := graph.FuncPackage(st.Full)
	if path == "" || st.PkgName == "" || st.PkgName == "main" || !graph.NameDiffers(path, st.PkgName) {
		return names
	}
	if names == nil {
		names = map[string]string{}
	}
	names[path] = st.PkgName
	return names
}

// packageErrors returns a package's load errors once each, the real ones
// first, as go build and go vet show them (issue 16 item 11): the parser's
// first error in each file, or else go list's (gcc's message for a broken
// cgo preamble), and then not the type errors they cause ("imported and
// not used", "could not import C"); otherwise the type errors. go list's
// echo of a compile error the parser or the type checker explains (a
// "# pkg" header quoting the compiler) is left out.
func packageErrors(p *packages.Package, root string) []string {
	var types []string
	parsed := map[string]bool{} // files with a parse error
	for _, e := range p.Errors {
		switch e.Kind {
		case packages.TypeError:
			types = append(types, e.Msg)
		case packages.ParseError:
			parsed[errorFile(e.Pos)] = false
		}
	}
	echo := func(e packages.Error) bool {
		return e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") &&
			(len(parsed) > 0 || slices.ContainsFunc(types, func(t string) bool { return strings.Contains(e.Msg, t) }))
	}
	first := false // a list or parse error that is not an echo
	for _, e := range p.Errors {
		first = first || e.Kind != packages.TypeError && !echo(e)
	}
	var out []string
	for _, e := range p.Errors {
		if first == (e.Kind == packages.TypeError) || echo(e) {
			continue
		}
		if e.Kind == packages.ParseError {
			if f := errorFile(e.Pos); parsed[f] {
				continue // the parser's later errors in a file follow from its first
			} else {
				parsed[f] = true
			}
		}
		msg := e.Msg
		if e.Kind == packages.ListError && strings.HasPrefix(msg, "# ") {
			_, msg, _ = strings.Cut(msg, "\n") // the "# pkg" header: the package is named already
		}
		if e.Pos != "" && e.Pos != "-" {
			msg = strings.TrimPrefix(e.Pos, root+string(filepath.Separator)) + ": " + msg
		}
		out = append(out, msg)
	}
	return out
}

// errorFile is the file of an error position "file:line:col".
func errorFile(pos string) string {
	for range 2 {
		if i := strings.LastIndexByte(pos, ':'); i >= 0 {
			pos = pos[:i]
		}
	}
	return pos
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
