package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/archdiff"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/internal/gitbase"
	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/report"
)

var diffFormats = []string{"text", "json", "markdown"}

type diffOptions struct {
	base   string
	format string
	failOn []string
}

func newDiffCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff --base REF [packages]",
		Short: "What a change does to the architecture, compared with the merge base of REF",
		Long: `diff analyses the merge base of REF and HEAD, and the working tree (its
uncommitted and untracked files included), both with the working tree's
archcheck.yaml, and prints what the change does to the architecture:
module edges added and removed (with their imports, calls and blocking
calls), sync-call groups added and removed, findings added and fixed per
rule (matched by their baseline keys, as a baseline matches them), packages
added without a module, and the size and coupling (Ca, Ce, I) of the
modules whose numbers changed. A change of archcheck.yaml is reported as
such.

The base is analysed in the working tree's directories through a go
-overlay of the files changed since it (written to a temporary directory,
removed afterwards, also on an interrupt); its analysis is cached by
commit, so a second diff against the same base costs about one check.

--format markdown is ready for a pull-request comment or a GitHub job
summary: a verdict line, a table, and a Mermaid graph of the touched
modules. --fail-on new-edge,new-sync-call,new-finding exits 1 when the
change adds a module edge, a sync-call finding, or any finding.

Exit status: 0, or 1 for a --fail-on gate; 2 on bad usage, a bad config,
outside a git checkout, a REF git does not know (a shallow clone without
the base included), or packages of either side that could not be loaded.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.base, "base", "", "compare with the merge base of `REF` and HEAD (a branch, tag or commit; e.g. origin/main)")
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(diffFormats, "|"))
	f.StringSliceVar(&o.failOn, "fail-on", nil, "exit 1 when the change adds any of: "+strings.Join(archdiff.Gates, ","))
	return cmd
}

func (o *diffOptions) validate() error {
	switch {
	case o.base == "":
		return renderUsagef("diff needs --base REF (the branch the change goes into, e.g. --base origin/main)")
	case !slices.Contains(diffFormats, o.format):
		return renderUsagef("unknown --format %q (valid: %s)", o.format, strings.Join(diffFormats, ", "))
	}
	for i, gate := range o.failOn {
		o.failOn[i] = strings.TrimSpace(gate)
		if !slices.Contains(archdiff.Gates, o.failOn[i]) {
			return renderUsagef("unknown --fail-on %q (valid: %s)", gate, strings.Join(archdiff.Gates, ", "))
		}
	}
	return nil
}

func runDiff(ctx context.Context, g *globalOptions, o *diffOptions, args []string, stdout, stderr io.Writer) error {
	if err := o.validate(); err != nil {
		return err
	}
	g.machine = o.format == "json"
	cfgPath, err := engine.FindConfig(g.dirOrDot(), g.config)
	if errors.Is(err, engine.ErrNoConfig) {
		return renderUsagef("diff compares two trees by the modules of archcheck.yaml, and none was found (run `archcheck init` to write one, or pass --config)")
	}
	if err != nil {
		return err
	}
	cfgShown := cfgPath // as check names it in findings located in the config
	if cfgPath, err = filepath.Abs(cfgPath); err != nil {
		return err
	}
	sideOf := func(res *engine.Result) (*archdiff.Side, error) { return sideOf(res, cfgPath, cfgShown) }
	repo, commit, err := openBase(ctx, g, o.base)
	if err != nil {
		return err
	}

	noCache := g.noCache
	if noCache {
		// Neither side reads or writes the user's per-package cache; the
		// two share a scratch one, so that the base's analysis reuses the
		// working tree's for every package the change leaves alone.
		done, err := scratchCache()
		if err != nil {
			return err
		}
		defer done()
		g.noCache = false
		defer func() { g.noCache = true }()
	}
	// go env (the base's cache key, its GOFLAGS) runs while the working
	// tree is analysed.
	type envResult struct {
		env *buildEnv
		err error
	}
	envc := make(chan envResult, 1)
	go func() {
		env, err := goEnv(ctx, g.dirOrDot())
		envc <- envResult{env, err}
	}()
	head, err := headSide(ctx, g, cfgPath, exportDirs(ctx, repo, commit, noCache), args, stderr, sideOf)
	if err != nil {
		return err
	}
	cfgData, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	er := <-envc
	if er.err != nil {
		return er.err
	}
	base, err := baseSide(ctx, g, er.env, noCache, repo, commit, cfgPath, cfgData, args, stderr, sideOf)
	if err != nil {
		return err
	}

	d := archdiff.Compare(base, head)
	d.BaseRef, d.BaseCommit = o.base, commit
	if rel, err := filepath.Rel(repo.Given, cfgPath); err == nil && filepath.IsLocal(rel) {
		old, ok := repo.Show(ctx, commit, filepath.ToSlash(rel))
		d.ConfigChanged = !ok || !bytes.Equal(old, cfgData)
	}
	return writeDiff(o, d, stdout, stderr)
}

// writeDiff writes d in o's format and fails the run (exit 1) when it adds
// what --fail-on names.
func writeDiff(o *diffOptions, d *archdiff.Diff, stdout, stderr io.Writer) error {
	failed := d.Failed(o.failOn)
	var buf bytes.Buffer
	var err error
	switch o.format {
	case "json":
		err = archdiff.WriteJSON(&buf, version.Version(), d, failed)
	case "markdown":
		err = archdiff.WriteMarkdown(&buf, d)
	default:
		err = archdiff.WriteText(&buf, d)
	}
	if err != nil {
		return err
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if len(failed) > 0 {
		fmt.Fprintf(stderr, "archcheck: diff: --fail-on %s: the change adds %s\n", strings.Join(failed, ","), strings.Join(failed, ", "))
		return exitCode(exitFindings)
	}
	return nil
}

// headSide analyses the working tree; its warnings go to stderr, and a
// tree that does not load is an error (exit 2).
func headSide(ctx context.Context, g *globalOptions, cfgPath string, exportDirs []string, args []string, stderr io.Writer,
	sideOf func(*engine.Result) (*archdiff.Side, error)) (*archdiff.Side, error) {
	opts := g.engine(args)
	opts.ConfigPath = cfgPath
	opts.ExportDirs = exportDirs
	opts.Stderr = stderr
	res, err := engine.Analyze(ctx, opts)
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if len(res.LoadErrors) > 0 {
		printLoadErrors(stderr, "working tree", res.LoadErrors)
		return nil, exitCode(exitError)
	}
	return sideOf(res)
}

// exportDirs is engine.Options.ExportDirs of the working tree's side with
// the scratch cache (--no-cache): the directories of the files changed
// since commit, whose packages the base's analysis type-checks, reading
// their imports' types from the scratch cache. nil (all) with the user's
// cache, which later runs read, or when git fails.
func exportDirs(ctx context.Context, repo *gitbase.Repo, commit string, noCache bool) []string {
	if !noCache {
		return nil
	}
	changed, err := repo.Changed(ctx, commit)
	if err != nil {
		return nil
	}
	dirs := []string{}
	for _, name := range changed {
		dir := filepath.Dir(filepath.FromSlash(name))
		dirs = append(dirs, filepath.Join(repo.Top, dir), filepath.Join(repo.Given, dir))
	}
	return dirs
}

// openBase finds the checkout -C lies in and the merge base of ref and
// HEAD; git's failures are usage errors (exit 2) with git's message.
func openBase(ctx context.Context, g *globalOptions, ref string) (*gitbase.Repo, string, error) {
	repo, err := gitbase.Open(ctx, g.dirOrDot())
	if err != nil {
		return nil, "", gitUsage(err)
	}
	commit, err := repo.MergeBase(ctx, ref)
	if err != nil {
		return nil, "", gitUsage(err)
	}
	return repo, commit, nil
}

// gitUsage makes git's failures exit 2.
func gitUsage(err error) error {
	var ge *gitbase.Error
	if errors.As(err, &ge) {
		return &engine.UsageError{Err: err}
	}
	return err
}

func printLoadErrors(w io.Writer, side string, errs []load.Error) {
	for _, le := range errs {
		fmt.Fprintf(w, "archcheck: load (%s): %s\n", side, le.Error())
	}
}

// sideOf reduces an analysis to what the diff compares; findings located
// in the config (analysed as cfgAbs on both sides) name it cfgShown.
func sideOf(res *engine.Result, cfgAbs, cfgShown string) (*archdiff.Side, error) {
	for i := range res.Findings {
		if f := &res.Findings[i]; f.File == cfgAbs {
			f.File = filepath.ToSlash(cfgShown)
			if f.Package == "" && res.Graph.Main != nil {
				// A base written out elsewhere has the config outside
				// its module; its findings are the main module's, as
				// the working tree's are (their baseline keys match).
				f.Package = res.Graph.Main.Path
			}
		}
	}
	src, err := load.ReadSource(res.Graph.Packages, res.Graph.Main, res.Graph.Overlay)
	if err != nil {
		return nil, err
	}
	v, err := report.NewGraphView(res.Graph, res.Findings, src, report.GraphOptions{Level: report.LevelModule})
	if err != nil {
		return nil, err
	}
	return archdiff.NewSide(res.Graph, v, res.Findings), nil
}

// baseSide is the base's Side: from the cache when this commit was
// analysed before with the same config, build and environment, else by
// materialising the commit and analysing it with the working tree's
// config. A base that does not load is an error (exit 2).
func baseSide(ctx context.Context, g *globalOptions, env *buildEnv, noCache bool, repo *gitbase.Repo, commit, cfgPath string, cfgData []byte, args []string, stderr io.Writer,
	sideOf func(*engine.Result) (*archdiff.Side, error)) (*archdiff.Side, error) {
	var store *cache.Store
	var key string
	if !noCache {
		if st, err := cache.Open("", "diffbase"); err == nil {
			store = st
			key = cache.Key(archdiff.SideFormat, cache.ToolID(), env.id, commit, repo.Rel, string(cfgData),
				strings.Join(g.tags, ","), strings.Join(args, "\x00"))
		}
	}
	if store != nil {
		if data, ok := store.Get(key); ok {
			var s archdiff.Side
			if json.Unmarshal(data, &s) == nil {
				return &s, nil
			}
		}
	}
	opts := g.engine(args)
	opts.ConfigPath = cfgPath
	opts.Stderr = io.Discard // the working tree's config: its warnings were printed for the head
	res, err := analyseOverlay(ctx, repo, commit, cfgPath, env.goflags, opts, stderr)
	if err != nil || len(res.LoadErrors) > 0 {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The overlay could not stand for the commit (a go.mod the go
		// command wants to update, GOFLAGS with an -overlay of its own):
		// write the commit out and analyse it there.
		tree, err := repo.Materialise(ctx, commit)
		if err != nil {
			return nil, gitUsage(err)
		}
		defer func() {
			if err := tree.Remove(); err != nil {
				fmt.Fprintln(stderr, "warning: removing the base's tree:", err)
			}
		}()
		opts.Dir = filepath.Join(tree.Dir, filepath.FromSlash(repo.Rel))
		if fi, err := os.Stat(opts.Dir); err != nil || !fi.IsDir() {
			return nil, &engine.UsageError{Err: fmt.Errorf("the base %s has no directory %s: diff compares one module's two versions", short(commit), repo.Rel)}
		}
		if res, err = engine.Analyze(ctx, opts); err != nil {
			return nil, fmt.Errorf("analysing the base %s: %w", short(commit), err)
		}
	}
	if len(res.LoadErrors) > 0 {
		printLoadErrors(stderr, "base "+short(commit), res.LoadErrors)
		return nil, exitCode(exitError)
	}
	s, err := sideOf(res)
	if err != nil {
		return nil, err
	}
	if store != nil {
		if data, err := json.Marshal(s); err == nil {
			_ = store.Put(key, data)
		}
	}
	return s, nil
}

// analyseOverlay analyses commit in the working tree's directories, the
// files changed since it replaced by their content in it (gitbase.Overlay,
// passed to every go command and to archcheck's readers through GOFLAGS).
// archcheck.yaml is left as it is: both sides use the working tree's.
func analyseOverlay(ctx context.Context, repo *gitbase.Repo, commit, cfgPath, goflags string, opts engine.Options, stderr io.Writer) (*engine.Result, error) {
	old, had := os.LookupEnv("GOFLAGS")
	if strings.Contains(goflags, "-overlay") {
		return nil, errors.New("GOFLAGS has an -overlay")
	}
	changed, err := repo.Changed(ctx, commit)
	if err != nil {
		return nil, err
	}
	cfgAbs, _ := filepath.EvalSymlinks(cfgPath)
	ov, err := repo.WriteOverlay(ctx, commit, changed, func(name string) bool {
		return filepath.Join(repo.Top, filepath.FromSlash(name)) == cfgAbs
	})
	if err != nil {
		return nil, err
	}
	defer func() {
		if err := ov.Remove(); err != nil {
			fmt.Fprintln(stderr, "warning: removing the base's overlay:", err)
		}
	}()
	// The engine's go commands and readers take the overlay from GOFLAGS,
	// as they do a user's; the two analyses run one after the other.
	// goflags is go env's (go env -w included), which the variable
	// overrides.
	os.Setenv("GOFLAGS", strings.TrimSpace(goflags+" -overlay="+ov.File))
	defer func() {
		if had {
			os.Setenv("GOFLAGS", old)
		} else {
			os.Unsetenv("GOFLAGS")
		}
	}()
	return engine.Analyze(ctx, opts)
}

// scratchCache points archcheck's cache ($ARCHCHECK_CACHE) at a new
// temporary directory for the rest of the run, with the user's
// dependency facts (which --no-cache does not turn off) linked in; done
// restores it and removes the directory (an interrupt removes it too).
func scratchCache() (done func(), err error) {
	real, err := cache.Dir()
	if err != nil {
		return nil, err
	}
	tmp, remove, err := gitbase.TempDir("archcheck-scratch-")
	if err != nil {
		return nil, err
	}
	// Its own trim mark, fresh: a trim never walks into the linked facts.
	_ = os.WriteFile(filepath.Join(tmp, "trim.txt"), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644)
	for _, sub := range []string{"facts", "tool"} {
		if err := os.MkdirAll(filepath.Join(real, sub), 0o755); err == nil {
			_ = os.Symlink(filepath.Join(real, sub), filepath.Join(tmp, sub))
		}
	}
	old, had := os.LookupEnv("ARCHCHECK_CACHE")
	os.Setenv("ARCHCHECK_CACHE", tmp)
	return func() {
		if had {
			os.Setenv("ARCHCHECK_CACHE", old)
		} else {
			os.Unsetenv("ARCHCHECK_CACHE")
		}
		remove()
	}, nil
}

// buildEnv is what diff needs of the go command's environment.
type buildEnv struct {
	id      string // the build configuration the base's analysis depends on, besides the commit and the config
	goflags string // GOFLAGS as the go command sees it (the variable, or go env -w's)
}

func goEnv(ctx context.Context, dir string) (*buildEnv, error) {
	out, _, err := gocmd.Run(ctx, dir, nil, "env", "-json", "GOVERSION", "GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOMODCACHE", "GOWORK")
	if err != nil {
		return nil, err
	}
	var env map[string]string
	if err := json.Unmarshal(out.Bytes(), &env); err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	return &buildEnv{id: out.String(), goflags: env["GOFLAGS"]}, nil
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}
