package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/rules"
)

// Exit codes (SPEC).
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// exitError carries an exit code out of a command whose output is printed.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// globalOptions are the flags every command accepts.
type globalOptions struct {
	config  string
	dir     string
	tags    []string
	noCache bool // --no-cache: analyse every package (the incremental cache)
	stderr  io.Writer
	// machine is set by a command writing machine-readable output (JSON,
	// SARIF, GitLab) to stdout: its progress line stays quiet even on a
	// terminal.
	machine bool
}

// engine returns the engine options for the global flags; a progress line
// shows on a terminal's stderr unless machine is set. The typed loader is
// ARCHCHECK_LOADER's (typecheck, the default, or packages): the escape
// hatch, read here and nowhere else.
func (g *globalOptions) engine(patterns []string) engine.Options {
	return engine.Options{Dir: g.dir, ConfigPath: g.config, Patterns: patterns, Tags: g.tags,
		Progress: progressFunc(g.stderr, g.machine), NoCache: g.noCache, Loader: os.Getenv("ARCHCHECK_LOADER")}
}

// checkDir rejects a -C that is not a directory before anything runs
// (otherwise go list's chdir error, or a config found above it, comes first).
func (g *globalOptions) checkDir() error {
	if g.dir == "" {
		return nil
	}
	fi, err := os.Stat(g.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &engine.UsageError{Err: fmt.Errorf("-C %s: no such directory", g.dir)}
	case err != nil:
		return &engine.UsageError{Err: fmt.Errorf("-C %s: %w", g.dir, errors.Unwrap(err))}
	case !fi.IsDir():
		return &engine.UsageError{Err: fmt.Errorf("-C %s: not a directory", g.dir)}
	}
	return nil
}

// run is the whole CLI, callable in process from tests.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run under ctx: cancelling it (an interrupt) stops the run.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globalOptions{stderr: stderr}
	root := &cobra.Command{
		Use:           "archcheck",
		Short:         "Keep a Go monolith modular: module boundaries, blocking cross-domain calls, extraction candidates",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version.Version(), // --version prints version.Long, as `archcheck version` does
	}
	root.SetVersionTemplate(version.Long())
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetArgs(args)
	pf := root.PersistentFlags()
	pf.StringVar(&g.config, "config", "", "path to archcheck.yaml (default: found walking up from the directory)")
	pf.StringVarP(&g.dir, "dir", "C", "", "run as if archcheck was started in `DIR`")
	pf.StringSliceVar(&g.tags, "tags", nil, "build tags, as for go build")
	var today string
	pf.StringVar(&today, "today", "", "the date `YYYY-MM-DD` that //archcheck:ignore until= dates are compared with (default: today, UTC)")
	pf.BoolVar(&g.noCache, "no-cache", false, "analyse every package, neither reading nor writing archcheck's per-package cache ($XDG_CACHE_HOME/archcheck)")
	prof := &profiler{}
	pf.StringVar(&prof.cpu, "cpuprofile", "", "write a CPU profile to `FILE`")
	pf.StringVar(&prof.mem, "memprofile", "", "write a heap profile to `FILE` at exit")
	_ = pf.MarkHidden("cpuprofile")
	_ = pf.MarkHidden("memprofile")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if err := g.checkDir(); err != nil {
			return err
		}
		if err := rules.SetToday(today); err != nil {
			return &engine.UsageError{Err: fmt.Errorf("--today: %w", err)}
		}
		return prof.start()
	}
	root.AddCommand(
		newCheckCmd(g, stdout, stderr),
		newBaselineCmd(g, stdout, stderr),
		newVersionCmd(stdout),
		newRulesCmd(stdout),
		newGraphCmd(g, stdout, stderr),
		newReportCmd(g, stdout, stderr),
		newSuggestCmd(g, stdout, stderr), newImpactCmd(g, stdout, stderr), newInitCmd(g, stdout, stderr),
		newSyncCmd(g, stdout, stderr),
		newDiffCmd(g, stdout, stderr), newAffectedCmd(g, stdout, stderr),
	)
	registerCompletions(root, g)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &engine.UsageError{Err: err} })
	err := root.ExecuteContext(ctx)
	if perr := prof.stop(); err == nil {
		err = perr
	}
	return exitStatus(err, stderr)
}

// exitStatus prints err once and maps it to the SPEC's exit codes.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var code exitCode
	if errors.As(err, &code) {
		return int(code)
	}
	msg := err.Error()
	var cfgErr *engine.ConfigError
	if !errors.As(err, &cfgErr) && !strings.HasPrefix(msg, "archcheck: ") {
		msg = "archcheck: " + msg
	}
	fmt.Fprintln(stderr, msg)
	return exitError
}
