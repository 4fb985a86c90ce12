package driver_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/scanner"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/engine/typecheck"
	golist "github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

var fixture = filepath.Join("testdata", "shop")

var fixtureEnv = []string{"GOFLAGS=-mod=vendor", "GOPROXY=off", "GOWORK=off", "GO111MODULE=on"}

func analyzer(t *testing.T) *analysis.Analyzer {
	t.Helper()
	name := filepath.Join(fixture, "archcheck.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/shop")
	return synccall.New(cfg)
}

func load(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{Mode: driver.Mode, Dir: fixture, Env: append(os.Environ(), fixtureEnv...)}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func run(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package, opts driver.Options) *driver.Output {
	t.Helper()
	opts.Dir, opts.Env = fixture, append(os.Environ(), fixtureEnv...)
	out, err := driver.Run(context.Background(), pkgs, []*analysis.Analyzer{a}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAnalysistest checks the fixture's expectations with the stock checker
// (every dependency from source), the reference for TestDriver.
func TestAnalysistest(t *testing.T) {
	analysistest.Run(t, fixture, analyzer(t), "./internal/checkout", "./internal/notifications/...")
}

// TestDriver checks that the driver, with dependencies' facts from source
// and then from the cache, reports exactly the fixture's expectations.
func TestDriver(t *testing.T) {
	a := analyzer(t)
	want := wants(t)
	opts := driver.Options{DepFacts: true, CacheDir: t.TempDir(), ToolID: "test"}
	cold := run(t, a, load(t, "./..."), opts)
	checkDiagnostics(t, cold, want)
	if cold.Stats.DepPackages != 1 || cold.Stats.DepLoaded != 1 {
		t.Errorf("cold run: %+v, want 1 dependency loaded", cold.Stats)
	}
	warm := run(t, a, load(t, "./..."), opts)
	checkDiagnostics(t, warm, want)
	if warm.Stats.DepCached != 1 || warm.Stats.DepLoaded != 0 {
		t.Errorf("warm run: %+v, want 1 dependency from the cache", warm.Stats)
	}
	checkBroken(t, warm)
	checkResult(t, warm)
}

// TestPrefetch checks that dependency work started before the roots are
// loaded is used when it was started for the same roots, with the same
// findings as without it, and is set aside (the work redone) when not.
func TestPrefetch(t *testing.T) {
	a := analyzer(t)
	want := wants(t)
	pkgs := load(t, "./...")
	var roots []driver.Root
	for _, p := range pkgs {
		r := driver.Root{Path: p.PkgPath, Module: p.Module.Path}
		for _, imp := range p.Imports {
			r.Imports = append(r.Imports, imp.PkgPath)
		}
		roots = append(roots, r)
	}
	// A listing of the roots' outside imports, as typecheck.Load hands it
	// over: then the driver lists nothing itself.
	listCfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir: fixture, Env: append(os.Environ(), fixtureEnv...)}
	var outside []string
	for _, p := range pkgs {
		for path := range p.Imports {
			if !strings.HasPrefix(path, "example.com/shop") {
				outside = append(outside, path)
			}
		}
	}
	listedPkgs, err := packages.Load(listCfg, outside...)
	if err != nil {
		t.Fatal(err)
	}
	listing := map[string]*packages.Package{}
	packages.Visit(listedPkgs, nil, func(p *packages.Package) { listing[p.PkgPath] = p })
	for _, tc := range []struct {
		name    string
		roots   []driver.Root
		listing map[string]*packages.Package
		used    bool
		given   bool
	}{
		{"same roots", roots, nil, true, false},
		{"same roots, listed", roots, listing, true, true},
		{"same roots, listing incomplete", roots, map[string]*packages.Package{}, true, false},
		{"fewer roots", roots[1:], nil, false, false},
	} {
		opts := driver.Options{DepFacts: true, NoCache: true, Dir: fixture, Env: append(os.Environ(), fixtureEnv...)}
		s, err := driver.NewSession([]*analysis.Analyzer{a}, opts)
		if err != nil {
			t.Fatal(err)
		}
		s.PrefetchListed(context.Background(), tc.roots, tc.listing, nil)
		out, err := s.Run(context.Background(), pkgs)
		if err != nil {
			t.Fatal(err)
		}
		if out.Stats.Prefetched != tc.used || out.Stats.DepsGiven != tc.given || out.Stats.DepPackages != 1 {
			t.Errorf("%s: %+v, want Prefetched %v, DepsGiven %v and 1 dependency", tc.name, out.Stats, tc.used, tc.given)
		}
		checkDiagnostics(t, out, want)
	}
}

// TestDriverRootsOnly checks facts of main-module packages outside the
// roots, and that without DepFacts a dependency's body is not seen.
func TestDriverRootsOnly(t *testing.T) {
	a := analyzer(t)
	out := run(t, a, load(t, "./internal/checkout"), driver.Options{DepFacts: true, NoCache: true})
	if got := messages(out); len(got) != 2 {
		t.Errorf("with DepFacts, checkout alone: got %q, want 2 findings", got)
	}
	out = run(t, a, load(t, "./..."), driver.Options{})
	got := messages(out)
	if len(got) != 1 || !strings.Contains(got[0], "PlaceOrder") {
		t.Errorf("without DepFacts: got %q, want only the PlaceOrder finding", got)
	}
}

func messages(out *driver.Output) []string {
	var msgs []string
	for _, p := range out.Packages {
		for _, d := range p.Diagnostics {
			msgs = append(msgs, d.Message)
		}
	}
	return msgs
}

// checkBroken checks that a package with type errors is recorded, not fatal.
func checkBroken(t *testing.T, out *driver.Output) {
	for _, p := range out.Packages {
		if strings.HasSuffix(p.Pkg.PkgPath, "/broken") && len(p.Errors) == 0 {
			t.Errorf("broken package: no error recorded")
		}
	}
}

// checkResult checks that the analyzer's structured result reaches the caller.
func checkResult(t *testing.T, out *driver.Output) {
	for _, p := range out.Packages {
		if !strings.HasSuffix(p.Pkg.PkgPath, "/checkout") {
			continue
		}
		for _, res := range p.Results {
			r, ok := res.(*synccall.Result)
			if !ok {
				continue
			}
			if len(r.Findings) != 2 || len(r.Calls) != 3 {
				t.Errorf("checkout result: %d findings, %d calls; want 2, 3", len(r.Findings), len(r.Calls))
			}
			return
		}
	}
	t.Error("no synccall result for checkout")
}

// want is a diagnostic expectation of the fixture.
type want struct {
	pos string // file:line
	rx  *regexp.Regexp
}

// checkDiagnostics matches every diagnostic to one expectation and back.
func checkDiagnostics(t *testing.T, out *driver.Output, wants []want) {
	t.Helper()
	left := slices.Clone(wants)
	for _, p := range out.Packages {
		for _, d := range p.Diagnostics {
			pos := fmt.Sprintf("%s:%d", filepath.Base(d.Position.Filename), d.Position.Line)
			i := slices.IndexFunc(left, func(w want) bool { return w.pos == pos && w.rx.MatchString(d.Message) })
			if i < 0 {
				t.Errorf("%s: unexpected diagnostic %q", pos, d.Message)
				continue
			}
			left = slices.Delete(left, i, i+1)
		}
	}
	for _, w := range left {
		t.Errorf("%s: no diagnostic matching %q", w.pos, w.rx)
	}
}

// wants parses the diagnostic expectations (not the facts) of the
// fixture's `// want` comments, the way analysistest does.
func wants(t *testing.T) []want {
	t.Helper()
	var out []want
	err := filepath.WalkDir(filepath.Join(fixture, "internal"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if _, text, ok := strings.Cut(line, "// want "); ok {
				for _, rx := range diagnosticPatterns(t, text) {
					out = append(out, want{fmt.Sprintf("%s:%d", filepath.Base(path), i+1), rx})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diagnosticPatterns(t *testing.T, text string) []*regexp.Regexp {
	var sc scanner.Scanner
	sc.Init(strings.NewReader(text))
	sc.Mode = scanner.ScanIdents | scanner.ScanStrings | scanner.ScanRawStrings
	var out []*regexp.Regexp
	fact := false
	for tok := sc.Scan(); tok != scanner.EOF; tok = sc.Scan() {
		switch tok {
		case scanner.Ident:
			fact = true // name:"fact"
		case scanner.String, scanner.RawString:
			if !fact {
				s, _ := strconv.Unquote(sc.TokenText())
				out = append(out, regexp.MustCompile(s))
			}
			fact = false
		}
	}
	return out
}

// TestReadFileOverlay checks that an analyzer's pass.ReadFile reads a file
// of its package as the parser saw it, through the overlay, and refuses a
// file of another package.
func TestReadFileOverlay(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a/a.go": "package a\n\nconst Disk = 1\n",
		"b/b.go": "package b\n",
	} {
		name = filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "a", "a.go")
	overlay := map[string][]byte{file: []byte("package a\n\nconst Overlay = 1\n")}
	var mu sync.Mutex
	var got []string
	reader := &analysis.Analyzer{Name: "reader", Doc: "reads its files", Run: func(pass *analysis.Pass) (any, error) {
		src, err := pass.ReadFile(file)
		mu.Lock()
		got = append(got, fmt.Sprintf("%s %q %v", pass.Pkg.Path(), src, err != nil))
		mu.Unlock()
		return nil, nil
	}}
	pkgs, err := packages.Load(&packages.Config{Mode: driver.Mode, Dir: dir, Overlay: overlay, Env: append(os.Environ(), "GOFLAGS=", "GOWORK=off")}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := driver.Run(context.Background(), pkgs, []*analysis.Analyzer{reader}, driver.Options{Dir: dir, Overlay: overlay}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []string{`example.com/m/a "package a\n\nconst Overlay = 1\n" false`, `example.com/m/b "" true`}
	if !slices.Equal(got, want) {
		t.Errorf("pass.ReadFile gave\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAnalyse checks the streamed path: each root analysed by
// Session.Analyse as typecheck.Load gives it (the dependency's facts from
// the prefetch, analysed while loading it), its syntax and type
// information let go, and Run using those outcomes: the diagnostics and
// results of the fixture, every root analysed as often as by Run alone.
// Without a prefetch that analysed the dependencies, Analyse declines and
// Run analyses the roots.
func TestAnalyse(t *testing.T) {
	ctx := context.Background()
	a := analyzer(t)
	runs := func(counts map[string]int, mu *sync.Mutex) *analysis.Analyzer {
		counted := *a
		counted.Run = func(p *analysis.Pass) (any, error) {
			mu.Lock()
			counts[p.Pkg.Path()]++
			mu.Unlock()
			return a.Run(p)
		}
		return &counted
	}
	env := append(os.Environ(), fixtureEnv...)
	listed, _, _, err := golist.List(ctx, golist.Options{Dir: fixture, Patterns: []string{"./..."}, Env: fixtureEnv})
	if err != nil {
		t.Fatal(err)
	}
	var roots []driver.Root
	for _, p := range listed {
		roots = append(roots, driver.Root{Path: p.ImportPath, Module: p.Module.Path, Imports: p.Imports})
	}
	opts := driver.Options{DepFacts: true, NoCache: true, Dir: fixture, Env: env}
	for _, prefetch := range []bool{true, false} {
		var mu sync.Mutex
		counts, streamed := map[string]int{}, map[string]bool{}
		s, err := driver.NewSession([]*analysis.Analyzer{runs(counts, &mu)}, opts)
		if err != nil {
			t.Fatal(err)
		}
		pkgs, err := typecheck.Load(ctx, typecheck.Config{Dir: fixture, Env: env,
			Listed: func(deps map[string]*packages.Package, check typecheck.CheckFunc) {
				if prefetch {
					s.PrefetchListed(ctx, roots, deps, driver.LoadFunc(check))
				}
			},
			Checked: func(p *packages.Package) {
				if s.Analyse(ctx, p, driver.Keep{}) {
					mu.Lock()
					streamed[p.PkgPath] = true
					mu.Unlock()
				}
			},
		}, listed)
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.Run(ctx, pkgs)
		if err != nil {
			t.Fatal(err)
		}
		checkDiagnostics(t, out, wants(t))
		checkBroken(t, out)
		checkResult(t, out)
		plain := map[string]int{}
		run(t, runs(plain, &mu), load(t, "./..."), driver.Options{DepFacts: true, NoCache: true})
		for _, p := range pkgs {
			if streamed[p.PkgPath] != prefetch {
				t.Errorf("prefetch %v: %s analysed as it came: %v", prefetch, p.PkgPath, streamed[p.PkgPath])
			}
			if prefetch && (p.Syntax != nil || p.TypesInfo != nil || p.Types == nil) {
				t.Errorf("%s: syntax or type information kept, or types dropped", p.PkgPath)
			}
			if counts[p.PkgPath] != plain[p.PkgPath] {
				t.Errorf("prefetch %v: %s analysed %d times, Run alone %d", prefetch, p.PkgPath, counts[p.PkgPath], plain[p.PkgPath])
			}
		}
	}
}
