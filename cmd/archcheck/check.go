package main

import (
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/baseline"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/report"
	"github.com/archcheck/archcheck/rules"
)

var checkFormats = []string{"text", "json", "sarif", "github", "gitlab"}

type checkOptions struct {
	format         string
	rules          []string
	baseline       string // --baseline FILE
	updateBaseline bool   // ratchet FILE down to today's findings
	acceptNew      bool   // with updateBaseline: also accept new findings
	failOn         string // warn|error
	failOnStale    bool
	pathPrefix     string
	interfaces     bool // --interfaces: also resolve interface calls over the whole program
	group          bool // --group: text output grouped by sync-call group
	debugStats     bool // --debug-stats: the loader and each phase's time on stderr
}

func newCheckCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [packages]",
		Short: "Run every rule and report the findings (exit 1 on errors)",
		Long: `check loads the packages (default ./...) and runs the rules of archcheck.yaml.

With --baseline FILE (written by archcheck baseline) only the findings the
baseline does not accept are reported and count for the exit status; an entry
that matches fewer findings than it counts is reported as stale on stderr.
--update-baseline rewrites FILE, lowering stale entries (the ratchet); it
never adds findings unless --accept-new says so.

Exit status: 0 when no reported finding has severity error (or warn, with
--fail-on warn), 1 when some do (or, with --fail-on-stale, when the baseline
has stale entries), 2 on bad usage, a bad config or baseline, or packages that
could not be loaded (findings for the packages that did load are still
printed).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(checkFormats, "|"))
	f.StringSliceVar(&o.rules, "rules", nil, "run only these rules (comma-separated IDs)")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not in the baseline `FILE`")
	f.BoolVar(&o.updateBaseline, "update-baseline", false, "rewrite the --baseline file without the findings that are gone (it only shrinks)")
	f.BoolVar(&o.acceptNew, "accept-new", false, "with --update-baseline: also add today's new findings to the baseline")
	f.StringVar(&o.failOn, "fail-on", "error", "lowest severity that fails the check (exit 1): error|warn")
	f.BoolVar(&o.failOnStale, "fail-on-stale", false, "exit 1 when the baseline has stale entries")
	f.BoolVar(&o.interfaces, "whole-program", false, "sync-call: also resolve calls through interfaces and function values over the loaded program, at every hop, marked (via interface) or (via function value)")
	f.BoolVar(&o.interfaces, "interfaces", false, "alias of --whole-program")
	f.BoolVar(&o.group, "group", false, "text output: sync-call findings grouped by caller module and callee, largest groups first")
	f.BoolVar(&o.debugStats, "debug-stats", false, "print to stderr which typed loader ran and the time of each phase")
	f.StringVar(&o.pathPrefix, "path-prefix", "", "prefix for file paths in the output (the module's directory in the repository, when it is not the root)")
	return cmd
}

func (o *checkOptions) validate() error {
	usage := func(format string, args ...any) error {
		return &engine.UsageError{Err: fmt.Errorf(format, args...)}
	}
	switch {
	case !slices.Contains(checkFormats, o.format):
		return usage("unknown --format %q (valid: %s)", o.format, strings.Join(checkFormats, ", "))
	case o.failOn != "error" && o.failOn != "warn":
		return usage("unknown --fail-on %q (valid: error, warn)", o.failOn)
	case o.updateBaseline && o.baseline == "":
		return usage("--update-baseline needs --baseline FILE")
	case o.acceptNew && !o.updateBaseline:
		return usage("--accept-new works only with --update-baseline")
	case o.failOnStale && o.baseline == "":
		return usage("--fail-on-stale needs --baseline FILE")
	case o.group && o.format != "text":
		// The other formats carry each finding's "group" field instead.
		return usage("--group works only with --format text (--format %s carries each finding's group)", o.format)
	}
	return nil
}

func runCheck(cmd *cobra.Command, g *globalOptions, o *checkOptions, args []string, stdout, stderr io.Writer) error {
	if err := o.validate(); err != nil {
		return err
	}
	var base *baseline.File
	baseFile := g.resolve(o.baseline)
	if o.baseline != "" {
		var err error
		if base, err = readBaseline(baseFile); err != nil {
			return err
		}
	}
	g.machine = o.format != "text" && o.format != "github"
	opts := g.engine(args)
	opts.Rules = o.rules
	opts.Interfaces = o.interfaces
	opts.Stderr = stderr
	res, err := engine.Check(cmd.Context(), opts)
	if err != nil {
		return err
	}
	if err := base.ForeignModule(res.Graph.Main.Path); err != nil {
		return &engine.UsageError{Err: fmt.Errorf("baseline %s: %w", o.baseline, err)}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	scope := checkedScope(res, args, o.rules, o.interfaces)
	if o.updateBaseline && len(res.LoadErrors) == 0 {
		if base, err = updateBaseline(baseFile, o.baseline, base, res.Findings, scope, o.acceptNew, stderr); err != nil {
			return err
		}
	}
	shown, baselined := res.Findings, 0
	var m *baseline.Result
	if base != nil {
		m = base.Match(res.Findings, scope)
		shown, baselined = m.New, m.Baselined
	}
	sum := report.Summarize(shown, res.Suppressed, baselined)
	start := time.Now()
	if err := writeFindings(stdout, o, withPathPrefix(shown, o.pathPrefix), sum); err != nil {
		return err
	}
	if o.format == "text" {
		if err := report.WriteSummary(stderr, shown, sum); err != nil {
			return err
		}
	}
	if o.debugStats {
		res.Stats.Add(engine.PhaseRender, time.Since(start))
		if err := res.Stats.Write(stderr); err != nil {
			return err
		}
		if res.UnresolvedSQL != nil { // the data rules ran
			if err := engine.WriteUnresolvedSQL(stderr, res.UnresolvedSQL); err != nil {
				return err
			}
		}
	}
	if m != nil {
		reportBaselineNotes(stderr, o.baseline, m)
	}
	return checkExit(res, shown, m, o, stderr)
}

// checkExit maps the outcome to the SPEC's exit codes: load errors 2, then
// failing findings (or stale entries with --fail-on-stale) 1.
func checkExit(res *engine.Result, shown []rules.Finding, m *baseline.Result, o *checkOptions, stderr io.Writer) error {
	for _, le := range res.LoadErrors {
		fmt.Fprintln(stderr, "archcheck: load:", le.Error())
	}
	if len(res.LoadErrors) > 0 {
		if o.updateBaseline {
			fmt.Fprintf(stderr, "archcheck: %s not updated: some packages could not be loaded\n", o.baseline)
		}
		return exitCode(exitError)
	}
	threshold := rules.Error
	if o.failOn == "warn" {
		threshold = rules.Warn
	}
	for _, f := range shown {
		if f.Severity >= threshold {
			return exitCode(exitFindings)
		}
	}
	if o.failOnStale && m != nil && len(m.Stale) > 0 {
		return exitCode(exitFindings)
	}
	return nil
}

func writeFindings(w io.Writer, o *checkOptions, fs []rules.Finding, sum report.Summary) error {
	switch o.format {
	case "json":
		return report.WriteJSON(w, version.Version(), fs, sum)
	case "sarif":
		return report.WriteSARIF(w, version.Version(), fs)
	case "github":
		return report.WriteGitHub(w, fs)
	case "gitlab":
		return report.WriteGitLab(w, fs)
	}
	if o.group {
		return report.WriteGrouped(w, fs)
	}
	return report.WriteText(w, fs)
}

// withPathPrefix returns fs with prefix joined to every file path.
func withPathPrefix(fs []rules.Finding, prefix string) []rules.Finding {
	prefix = strings.Trim(strings.ReplaceAll(prefix, `\`, "/"), "/")
	if prefix == "" || prefix == "." {
		return fs
	}
	out := slices.Clone(fs)
	for i := range out {
		if out[i].File != "" && !path.IsAbs(out[i].File) {
			out[i].File = path.Join(prefix, out[i].File)
		}
	}
	return out
}

// checkedScope tells which baseline keys this run checked: their rule ran
// and their package was loaded, or is gone (checkedPackage), and, for
// sync-calls through interfaces, --interfaces was given. Entries outside it
// are never stale.
func checkedScope(res *engine.Result, patterns, selected []string, interfaces bool) baseline.Scope {
	ran := map[string]bool{}
	for _, r := range rules.RuleIDs {
		picked := len(selected) == 0 || r == rules.RuleIgnore ||
			slices.ContainsFunc(selected, func(s string) bool { return strings.TrimSpace(s) == r })
		ran[r] = picked && res.Config.Severity(r) != rules.Off
	}
	return func(k baseline.Key) bool {
		loaded := checkedPackage(res, patterns, k.Package)
		return ran[k.Rule] && loaded && (interfaces || !engine.ViaInterface(k.Symbol))
	}
}
