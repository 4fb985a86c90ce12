package engine

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// Options select what Check loads and runs.
type Options struct {
	Dir        string   // working directory (-C); "" is the current one
	ConfigPath string   // --config; "" finds archcheck.yaml walking up from Dir
	Patterns   []string // packages; default ./...
	Tags       []string // build tags
	Rules      []string // rules to run; nil runs all
	Stderr     io.Writer
	// NeedCalls runs the sync-call analyzer for its call graph even when
	// the rule is off or not selected (graph, suggest, report, impact).
	NeedCalls bool
	// Tables also finds, on the same typed load, the SQL tables each
	// package reads and writes (data ownership, for suggest and report).
	Tables bool
	// Progress, when set, is told what a long run is doing.
	Progress func(stage string)
	// Interfaces also reports, as sync-call, calls through an interface
	// declared in another module whose implementations anywhere in the
	// loaded packages block (check --interfaces; see interfaces.go).
	Interfaces bool

	// NoCache analyses every package, neither reading nor writing the
	// incremental cache (incremental.go).
	NoCache bool

	// Loader is the typed loader: LoaderTypecheck (also "") or
	// LoaderPackages. The command reads it from ARCHCHECK_LOADER; Result's
	// Stats say which one ran.
	Loader string

	// ExportDirs, when not nil, restricts the export data the incremental
	// cache writes to the packages in these directories (absolute) and
	// those they import; the others' entries get a digest of their key
	// instead (no early cutoff past them), and a later run type-checks
	// them from source where it needs their types. diff --no-cache sets
	// it to the directories of the changed files: the base's analysis
	// type-checks those packages, reading their imports' export data,
	// and export data is costly to write. nil writes every package's.
	ExportDirs []string

	config    *rules.Config            // set by Analyze when the config is inferred
	inc       *incremental             // the incremental cache of this run; nil: off
	listed    *listed                  // packages Analyze already listed
	overlay   load.Overlay             // GOFLAGS -overlay, so that parsing sees what go list saw
	noGuess   bool                     // the incremental cache guesses no digests (a retry, incremental.go)
	dataRules bool                     // the data rules run: their cross-package results keep the cache off
	stats     *Stats                   // this run's, in Result.Stats
	deps      map[string]*load.Package // the packages' dependencies, when the listing has them
}

type listed struct {
	pkgs []*load.Package
	main *load.MainModule
	errs []load.Error
}

// Result is everything Check found.
type Result struct {
	Config     *rules.Config
	Graph      *graph.Graph
	Findings   []rules.Finding // sorted; suppressed ones removed
	Suppressed int
	LoadErrors []load.Error
	Warnings   []string // config warnings (patterns that match nothing)

	// Incremental says how many packages' results came from the
	// incremental cache; nil when it was off.
	Incremental *IncrementalStats

	// Tables are the SQL table uses (data ownership) that Analyze finds
	// with the sqltables analyzer on the same typed load as sync-call.
	Tables []graph.TableUse
	// UnresolvedSQL are the database calls whose tables the data rules
	// could not tell; nil when they did not run (dataownership.go).
	UnresolvedSQL []UnresolvedSQL

	// Stats are the loader that ran and the time of each phase.
	Stats *Stats
}

// IncrementalStats describe the incremental cache's part in a run.
type IncrementalStats struct {
	Packages int // checked packages
	Cached   int // of those, read from the cache rather than analysed
	// TypeChecked are the packages type-checked from source: the others
	// that the analysed ones import are read from the cache's export data.
	TypeChecked int
}

// Check loads the config and the packages and runs the selected rules.
func Check(ctx context.Context, opts Options) (*Result, error) {
	orig := opts
	enabled, err := selectRules(opts.Rules)
	if err != nil {
		return nil, err
	}
	cfg := opts.config
	if cfg == nil {
		if cfg, err = LoadConfig(dirOrDot(opts.Dir), opts.ConfigPath); err != nil {
			return nil, err
		}
	}
	run := func(rule string) bool { return enabled[rule] && cfg.Severity(rule) != rules.Off }
	if opts.overlay, err = load.ReadOverlay(dirOrDot(opts.Dir), nil); err != nil {
		return nil, &UsageError{err}
	}
	if opts.Loader != "" && !slices.Contains(Loaders, opts.Loader) {
		return nil, &UsageError{fmt.Errorf("unknown loader %q (valid: %s)", opts.Loader, strings.Join(Loaders, ", "))}
	}
	opts.stats = &Stats{Loader: loaderNone}
	opts.progress("listing packages")
	start := time.Now()
	// The incremental cache keys the packages by their dependencies: the
	// go list of the packages lists those too, rather than the type
	// checker listing them again.
	wantDeps := (run(rules.RuleSyncCall) || opts.NeedCalls || opts.Tables) && !opts.NoCache && !opts.Interfaces &&
		opts.Loader != LoaderPackages
	res, deps, err := listAndBuild(ctx, cfg, opts, wantDeps)
	if err != nil {
		return nil, err
	}
	opts.deps = deps
	opts.stats.since(PhaseList, start)
	res.Stats = opts.stats
	c := newCollector(graph.NewBuilder(res.Graph, opts.overlay))
	res.Graph = c.g // the graph being built; finished with the findings below
	c.wantTables = opts.Tables
	c.interfaces = opts.Interfaces
	if c.dataRules(run) { // dataownership.go: the tables are needed
		opts.Tables, c.wantTables, opts.dataRules = true, true, true
	}
	var sess *syncSession
	if run(rules.RuleSyncCall) || opts.NeedCalls || opts.Tables {
		opts.inc = newIncremental(opts, cfg, res.Graph, run(rules.RuleSyncCall))
		if opts.inc != nil {
			for name, content := range opts.overlay {
				if content != nil {
					opts.inc.ovl[name] = content
				}
			}
		}
		// The typed load runs in the background while the import rules
		// run; it says what it does (the stages of typecheck and driver).
		opts.progress(fmt.Sprintf("type-checking and analysing %d packages", len(res.Graph.Packages)))
		if sess, err = c.startSyncCalls(ctx, opts, res.Graph); err != nil {
			return nil, err
		}
		if sess.restoreGC != nil {
			defer sess.restoreGC()
		}
	}
	start = time.Now()
	if run(rules.RuleDependency) || run(rules.RuleVisibility) || run(rules.RuleForbiddenImport) || run(rules.RuleLayer) {
		c.importRules(run)
	}
	if run(rules.RuleUnassigned) {
		c.unassigned()
	}
	if run(rules.RuleCycle) {
		c.cycles()
	}
	opts.stats.since(PhaseCollect, start)
	if sess != nil {
		from, fromUndecided := len(c.findings), len(c.undecided)
		errs, err := c.syncCalls(ctx, sess, run(rules.RuleSyncCall))
		if err != nil {
			return nil, err
		}
		if opts.inc != nil && opts.inc.on() {
			start := time.Now()
			opts.inc.save(c, from, fromUndecided, errs, sess)
			if opts.inc.wrong && !orig.noGuess {
				// A changed package's exported API or facts changed after
				// all: redo the run, its importers analysed (incremental.go).
				orig.noGuess = true
				return Check(ctx, orig)
			}
			errs = append(errs, opts.inc.replay(c)...)
			res.Incremental = &IncrementalStats{Packages: len(res.Graph.Packages), Cached: len(opts.inc.hits), TypeChecked: opts.inc.checked}
			opts.stats.since(PhaseTypecheck, start)
		}
		c.addWholeProgram(sess, opts.inc, fromUndecided) // wpcache.go: after the entries are saved without them
		// The typed packages and the analyzers' results are read: let them
		// go before the findings are sorted and printed (peak memory).
		sess.pkgs, sess.sess = nil, nil
		res.LoadErrors = mergeLoadErrors(res.LoadErrors, errs)
		c.unownedTables() // dataownership.go: after the cache's replay, from every package's tables
		res.Tables = c.tables
		res.UnresolvedSQL = c.unresolvedSQL
	}
	if run(rules.RuleUnusedDependency) && rules.WholeModule(opts.Patterns) {
		c.unusedDependencies(sess != nil) // unused.go
	}
	opts.progress("")
	start = time.Now()
	ran := map[string]bool{}
	for r := range enabled {
		ran[r] = run(r)
	}
	res.Findings, res.Suppressed = c.finish(ran)
	res.Graph = c.gb.Finish(res.Findings)
	opts.stats.since(PhaseCollect, start)
	return res, nil
}

// listAndBuild lists the packages (and, with deps, their dependencies),
// binds the config and builds the graph.
func listAndBuild(ctx context.Context, cfg *rules.Config, opts Options, deps bool) (*Result, map[string]*load.Package, error) {
	l := opts.listed
	var listedDeps map[string]*load.Package
	if l == nil {
		all, err := load.ListAll(ctx, load.Options{
			Dir: opts.Dir, Patterns: opts.Patterns, Tags: opts.Tags, Deps: deps,
			Reuse: deps, // the incremental cache is on: reuse an unchanged tree's listing (load/snapshot.go)
		})
		if err != nil {
			return nil, nil, err
		}
		l, listedDeps = &listed{all.Packages, all.Main, all.Errors}, all.Deps
	}
	pkgs, main, loadErrs := l.pkgs, l.main, l.errs
	cfg.SetRoot(main.Dir) // templates expand against the module's directories
	cfg.Bind(main.Path)
	paths := make([]string, len(pkgs))
	imports := make(map[string][]string, len(pkgs))
	for i, p := range pkgs {
		paths[i] = p.ImportPath
		imports[p.ImportPath] = slices.Concat(p.Imports, p.TestImports, p.XTestImports)
	}
	// Patterns that match no package are known only in a run over the
	// whole module (issue 16, adversarial pass).
	warnings, err := cfg.CheckListed(paths, rules.WholeModule(opts.Patterns), imports)
	if err != nil {
		return nil, nil, &ConfigError{err}
	}
	return &Result{
		Config: cfg, Graph: graph.Build(main, cfg, pkgs),
		LoadErrors: loadErrs, Warnings: warnings,
	}, listedDeps, nil
}

// streamFunc returns typecheck.Config.Checked: each package is analysed
// as soon as it is type-checked, and then its type information (kept for
// the whole-program analysis) and syntax trees (kept for the metrics of
// graph, suggest, report and impact, and for the whole-program analysis)
// are let go. The peak memory of a check is then no longer every
// package's type information at once plus the analysis' (issue 17). With
// the incremental cache, a hit type-checked for its importers is not
// analysed (the driver declines anyway once the hits' facts are given:
// then everything is analysed after the load, as before).
func (o Options) streamFunc(ctx context.Context, sess *driver.Session, wholeProgram bool) func(*packages.Package) {
	keep := driver.Keep{Syntax: o.NeedCalls || wholeProgram, TypesInfo: wholeProgram}
	return func(p *packages.Package) {
		if !o.inc.hit(p.PkgPath) {
			sess.Analyse(ctx, p, keep)
		}
	}
}

func dirOrDot(d string) string {
	if d == "" {
		return "."
	}
	return d
}

// selectRules validates --rules; nil or empty selects every rule.
func selectRules(ids []string) (map[string]bool, error) {
	enabled := map[string]bool{}
	if len(ids) == 0 {
		for _, r := range rules.RuleIDs {
			enabled[r] = true
		}
		return enabled, nil
	}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if !slices.Contains(rules.RuleIDs, id) {
			return nil, &UsageError{fmt.Errorf("unknown rule %q in --rules (valid: %s)", id, strings.Join(rules.RuleIDs, ", "))}
		}
		enabled[id] = true
	}
	enabled[rules.RuleIgnore] = true
	return enabled, nil
}

func (o Options) progress(stage string) {
	if o.Progress != nil {
		o.Progress(stage)
	}
}

// mergeLoadErrors adds type-checking errors to go list's, sorted, without
// repeating one that go list already reported.
func mergeLoadErrors(a, b []load.Error) []load.Error {
	seen := map[string]bool{}
	for _, e := range a {
		seen[e.Package] = true
	}
	for _, e := range b {
		if !seen[e.Package] {
			a = append(a, e)
		}
	}
	sort.SliceStable(a, func(i, j int) bool { return a[i].Package < a[j].Package })
	return a
}

// SortFindings orders findings on every key, so output diffs cleanly.
func SortFindings(fs []rules.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Column != b.Column:
			return a.Column < b.Column
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		case a.Message != b.Message:
			return a.Message < b.Message
		}
		return a.Symbol < b.Symbol
	})
}
