package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/archcheck/archcheck/analyzers/boundary"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/internal/ignore"
	"github.com/archcheck/archcheck/internal/par"
	"github.com/archcheck/archcheck/rules"
)

// collector gathers findings with absolute positions, then suppresses,
// relativises and sorts them.
type collector struct {
	gb       *graph.Builder // the graph being built: calls, sites, parsed files
	g        *graph.Graph   // gb.Graph(), read by the rules while they run
	cfg      *rules.Config
	fset     *token.FileSet
	mu       sync.Mutex
	findings []rules.Finding
	abs      []token.Position // parallel to findings

	interfaces bool             // resolve interface calls over the whole program (Options.Interfaces)
	undecided  []token.Position // without it, the interface calls only it could report
	wantTables bool             // run sqltables with sync-call (Analyze)
	tables     []graph.TableUse // its results

	scanned     bool                      // scanFiles ran: the ignore comments below are read
	ignoreFiles []*ast.File               // the checked files with an ignore directive
	ignoreOwner map[string]*graph.Package // their packages, by file name

	data          *dataRun        // the data rules, when they run (dataownership.go)
	unresolvedSQL []UnresolvedSQL // their database calls whose tables are unknown
}

func newCollector(gb *graph.Builder) *collector {
	g := gb.Graph()
	return &collector{gb: gb, g: g, cfg: g.Config, fset: token.NewFileSet()}
}

func (c *collector) add(f rules.Finding, pos token.Position) {
	f.Severity = c.cfg.Severity(f.Rule)
	c.mu.Lock()
	c.findings = append(c.findings, f)
	c.abs = append(c.abs, pos)
	c.mu.Unlock()
}

// importRules applies dependency, visibility and forbidden-import. Files are
// parsed (imports only) just for packages that have a violation, to find
// the position of each offending import spec. The same read of each file
// feeds the ignore index (scanFiles), so no file is read twice.
func (c *collector) importRules(run func(string) bool) {
	viols := make([]map[string][]boundary.Violation, len(c.g.Packages))
	par.Each(c.g.Packages, func(i int, p *graph.Package) {
		viol := map[string][]boundary.Violation{}
		for _, imps := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range imps {
				if _, done := viol[imp]; done {
					continue
				}
				var vs []boundary.Violation
				for _, v := range boundary.CheckImport(c.cfg, p.ImportPath, imp) {
					if run(v.Rule) {
						vs = append(vs, v)
					}
				}
				viol[imp] = vs
			}
		}
		if hasAny(viol) {
			viols[i] = viol
		}
	})
	c.scanFiles(func(i int, p *graph.Package, name string, src []byte) {
		viol := viols[i]
		if viol == nil {
			return
		}
		c.importsOf(p, name, src, func(spec *ast.ImportSpec, resolved string) {
			for _, v := range viol[resolved] {
				c.add(rules.Finding{
					Rule: v.Rule, FromModule: v.FromModule, ToModule: v.ToModule,
					Package: p.ImportPath, Import: resolved, Message: v.Message, Symbol: resolved,
				}, c.fset.Position(spec.Pos()))
			}
		})
	}, func(i int) bool { return viols[i] != nil })
}

func hasAny(m map[string][]boundary.Violation) bool {
	for _, v := range m {
		if len(v) > 0 {
			return true
		}
	}
	return false
}

func allFiles(p *graph.Package) []string {
	out := make([]string, 0, len(p.GoFiles)+len(p.TestGoFiles)+len(p.XTestGoFiles))
	out = append(out, p.GoFiles...)
	out = append(out, p.TestGoFiles...)
	return append(out, p.XTestGoFiles...)
}

// eachImport parses the import block of one file of p and calls fn for each
// import spec with its resolved (vendor-mapped) path. A file that does not
// parse is skipped: go list reported it already.
func (c *collector) eachImport(p *graph.Package, file string, fn func(*ast.ImportSpec, string)) {
	name := filepath.Join(p.Dir, file)
	c.importsOf(p, name, c.g.Overlay.Source(name), fn)
}

// importsOf is eachImport on the file's source (nil: read from disk).
func (c *collector) importsOf(p *graph.Package, name string, src any, fn func(*ast.ImportSpec, string)) {
	f, err := parser.ParseFile(c.fset, name, src, parser.ImportsOnly|parser.SkipObjectResolution)
	if f == nil || (err != nil && len(f.Imports) == 0) {
		return
	}
	for _, spec := range f.Imports {
		src, err := strconv.Unquote(spec.Path.Value)
		if err != nil || src == "C" {
			continue
		}
		resolved := src
		if m, ok := p.ImportMap[src]; ok {
			resolved = m
		}
		fn(spec, resolved)
	}
}

// unassigned reports main-module packages that belong to no module, at the
// package clause of their first file.
func (c *collector) unassigned() {
	for _, p := range c.g.Packages {
		msg := boundary.CheckPackage(c.cfg, p.ImportPath)
		if msg == "" {
			continue
		}
		files := allFiles(p)
		if len(files) == 0 {
			continue
		}
		name := filepath.Join(p.Dir, files[0])
		pos := token.Position{Filename: name, Line: 1, Column: 1}
		if f, _ := parser.ParseFile(c.fset, name, c.g.Overlay.Source(name), parser.PackageClauseOnly); f != nil && f.Package.IsValid() {
			pos = c.fset.Position(f.Package)
		}
		c.add(rules.Finding{Rule: rules.RuleUnassigned, Package: p.ImportPath, Message: msg, Symbol: p.ImportPath}, pos)
	}
}

// cycles reports one finding per strongly connected component of modules,
// at the first import of the cycle's first edge.
func (c *collector) cycles() {
	for _, cy := range c.g.Cycles() {
		first := cy.First.Pairs[0]
		p := c.g.Index[first.From]
		var pos token.Position
		for _, file := range p.GoFiles {
			c.eachImport(p, file, func(spec *ast.ImportSpec, resolved string) {
				if resolved == first.To && !pos.IsValid() {
					pos = c.fset.Position(spec.Pos())
				}
			})
			if pos.IsValid() {
				break
			}
		}
		path := strings.Join(cy.Path, " → ")
		c.add(rules.Finding{
			Rule: rules.RuleCycle, FromModule: cy.Path[0], ToModule: cy.Path[1], Modules: cy.Members,
			Package: first.From, Import: first.To, Symbol: strings.Join(cy.Members, ","),
			Message: fmt.Sprintf("modules %s form an import cycle: %s", strings.Join(cy.Members, ", "), path),
		}, pos)
	}
}

// finish applies //archcheck:ignore comments, reports the ones that are
// malformed or suppress nothing (for rules that ran), makes positions
// relative to the module root and sorts.
func (c *collector) finish(ran map[string]bool) ([]rules.Finding, int) {
	idx, owner := c.ignoreIndex()
	used := map[*ignore.Comment]map[string]bool{}
	out := make([]rules.Finding, 0, len(c.findings))
	suppressed := 0
	for i, f := range c.findings {
		if cm := idx.Match(c.abs[i], f.Rule); cm != nil {
			if used[cm] == nil {
				used[cm] = map[string]bool{}
			}
			used[cm][f.Rule] = true
			suppressed++
			continue
		}
		out = append(out, c.relative(f, c.abs[i]))
	}
	for _, pos := range c.undecided { // an ignore that --interfaces would use is not unused
		if cm := idx.Match(pos, rules.RuleSyncCall); cm != nil {
			if used[cm] == nil {
				used[cm] = map[string]bool{}
			}
			used[cm][rules.RuleSyncCall] = true
		}
	}
	if ran[rules.RuleIgnore] && c.cfg.Severity(rules.RuleIgnore) != rules.Off {
		out = append(out, c.unusedIgnores(idx, owner, used, ran)...)
	}
	if len(out) == 0 {
		out = nil // as when nothing was appended
	}
	SortFindings(out)
	return out, suppressed
}

func (c *collector) relative(f rules.Finding, pos token.Position) rules.Finding {
	if pos.Filename != "" {
		f.File = c.g.Main.RelPath(pos.Filename)
		f.Line, f.Column = pos.Line, pos.Column
	}
	return f
}

func (c *collector) unusedIgnores(idx *ignore.Index, owner map[string]*graph.Package, used map[*ignore.Comment]map[string]bool, ran map[string]bool) []rules.Finding {
	var out []rules.Finding
	for _, cm := range idx.All {
		p := owner[cm.File]
		pos := c.fset.Position(cm.Pos)
		mk := func(msg string) {
			f := rules.Finding{Rule: rules.RuleIgnore, Severity: c.cfg.Severity(rules.RuleIgnore),
				Package: p.ImportPath, Message: msg, Symbol: msg}
			if m := c.cfg.ModuleOf(p.ImportPath); m != nil {
				f.FromModule = m.Name
			}
			out = append(out, c.relative(f, pos))
		}
		if cm.Err != nil {
			mk(fmt.Sprintf("malformed archcheck:ignore: %v", cm.Err))
			continue
		}
		if cm.Expired {
			mk(fmt.Sprintf("archcheck:ignore %s expired on %s (%s)", strings.Join(cm.Rules, ","), cm.Until, cm.Reason))
			continue
		}
		for _, r := range cm.Rules {
			if ran[r] && !used[cm][r] {
				mk(fmt.Sprintf("archcheck:ignore %s suppresses nothing", r))
			}
		}
	}
	return out
}

// ignoreIndex returns the ignore comments of the checked packages' files:
// those scanFiles collected, or a scan of its own when it did not run.
func (c *collector) ignoreIndex() (*ignore.Index, map[string]*graph.Package) {
	if !c.scanned {
		c.scanFiles(nil, nil)
	}
	files := c.ignoreFiles
	sort.Slice(files, func(i, j int) bool { return c.fset.File(files[i].Pos()).Name() < c.fset.File(files[j].Pos()).Name() })
	return ignore.New(c.fset, files), c.ignoreOwner
}

// scanFiles reads every file of the checked packages once (of the
// packages want selects, too, with fn set), parses the few that contain
// the ignore directive for the ignore index, and gives each file's source
// to fn, with the index of its package in c.g.Packages. src is reused
// after fn returns.
func (c *collector) scanFiles(fn func(i int, p *graph.Package, name string, src []byte), want func(i int) bool) {
	type job struct {
		i      int
		p      *graph.Package
		name   string
		ignore bool // collect its ignore comments
		fn     bool // give it to fn
	}
	var jobs []job
	for i, p := range c.g.Packages {
		ign := !c.cfg.Excluded(p.ImportPath) && c.cfg.InMainModule(p.ImportPath)
		use := fn != nil && want(i)
		if !ign && !use {
			continue
		}
		for _, file := range allFiles(p) {
			jobs = append(jobs, job{i, p, filepath.Join(p.Dir, file), ign, use})
		}
	}
	c.scanned = true
	c.ignoreOwner = map[string]*graph.Package{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan job)
	// Reading is mostly waiting on the kernel: more readers than CPUs.
	for range 4 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for j := range next {
				// The overlay's content when it replaces the file (the
				// findings are positioned in it too), else the file.
				src, _ := c.g.Overlay.Source(j.name).([]byte)
				if src == nil {
					var err error
					if buf, err = readInto(j.name, buf); err != nil {
						continue
					}
					src = buf
				}
				if j.fn {
					fn(j.i, j.p, j.name, src)
				}
				if !j.ignore || !containsDirective(src) {
					continue
				}
				f, _ := parser.ParseFile(c.fset, j.name, src, parser.ParseComments|parser.SkipObjectResolution)
				if f == nil {
					continue
				}
				mu.Lock()
				c.ignoreFiles = append(c.ignoreFiles, f)
				c.ignoreOwner[j.name] = j.p
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
}

// directiveTail is the rarest-starting tail of the directive: searching for
// it skips most bytes of a file, where the leading "a" of the full
// directive would stop the scan every few bytes.
var directiveTail = []byte("k:ignore")

// containsDirective reports whether a file's source contains the ignore
// directive.
func containsDirective(src []byte) bool {
	head := len(ignore.Directive) - len(directiveTail)
	for s := src; ; {
		i := bytes.Index(s, directiveTail)
		if i < 0 {
			return false
		}
		if i >= head && bytes.Equal(s[i-head:i], []byte(ignore.Directive[:head])) {
			return true
		}
		s = s[i+len(directiveTail):]
	}
}

// readInto reads the file name into buf, reusing its storage.
func readInto(name string, buf []byte) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) { // double: append's growth of a large slice copies it many times over
			buf = slices.Grow(buf, max(cap(buf), 64<<10))
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
