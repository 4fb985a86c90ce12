package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/baseline"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/outfile"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

type baselineOptions struct {
	output     string
	interfaces bool // --interfaces, as for check
	force      bool
}

func newBaselineCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &baselineOptions{}
	cmd := &cobra.Command{
		Use:   "baseline [packages]",
		Short: "Write today's findings as the baseline, so that check --baseline gates only new ones",
		Long: `baseline runs every rule, like check, and writes the findings to a baseline
file (default ` + baseline.DefaultFile + `; -o - writes to stdout). Entries are
keyed by rule, modules, package and symbol, never by line, and carry a count,
so edits elsewhere do not churn them and a second identical violation is still
caught. Commit the file and run

    archcheck check --baseline ` + baseline.DefaultFile + `

in CI. As violations get fixed, check reports their entries as stale;
check --baseline FILE --update-baseline takes them out (the ratchet).

Exit status: 0 when the baseline was written (every finding is then in it),
2 on bad usage, a bad config, or packages that could not be loaded (the
baseline is then not written, since it would lack their findings).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBaseline(cmd, g, o, args, stdout, stderr)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", baseline.DefaultFile, "write the baseline to `FILE` (- for stdout)")
	cmd.Flags().BoolVar(&o.interfaces, "interfaces", false, "include sync-calls through other modules' interfaces, as check --interfaces reports them")
	forceFlag(cmd, &o.force)
	return cmd
}

func runBaseline(cmd *cobra.Command, g *globalOptions, o *baselineOptions, args []string, stdout, stderr io.Writer) error {
	file := g.resolve(o.output)
	if err := checkOutput(file, o.force); err != nil {
		return err
	}
	opts := g.engine(args)
	opts.Stderr = stderr
	opts.Interfaces = o.interfaces
	res, err := engine.Check(cmd.Context(), opts)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if len(res.LoadErrors) > 0 {
		for _, le := range res.LoadErrors {
			fmt.Fprintln(stderr, "archcheck: load:", le.Error())
		}
		fmt.Fprintln(stderr, "archcheck: baseline not written: some packages could not be loaded")
		return exitCode(exitError)
	}
	b := baseline.FromFindings(version.Version(), res.Findings)
	b.Module = res.Graph.Main.Path
	if o.output == "-" {
		return b.Write(stdout)
	}
	if err := writeBaseline(file, b, o.force); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "archcheck: wrote %s: %s for %s\n", o.output, plural(len(b.Entries), "entry", "entries"), countFindings(res.Findings))
	return nil
}

func countFindings(fs []rules.Finding) string {
	errs, warns := 0, 0
	for _, f := range fs {
		if f.Severity == rules.Error {
			errs++
		} else {
			warns++
		}
	}
	return fmt.Sprintf("%s (%s, %s)", plural(len(fs), "finding", "findings"), plural(errs, "error", "errors"), plural(warns, "warning", "warnings"))
}

// plural writes n and the word in its number: "1 entry", "2 entries".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// resolve interprets a file named on the command line after -C, as go -C
// does.
func (g *globalOptions) resolve(file string) string {
	if file == "" || file == "-" || g.dir == "" || filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(g.dir, file)
}

// checkedPackage reports whether this run checked pkg, the package of a
// baseline key: it was loaded, or it is gone. A package of the main module
// that a run over the whole module (no patterns, or ./...) without load
// errors did not find no longer exists (renamed, moved, deleted): its
// entries are stale, not out of scope (issue 16 item 7).
func checkedPackage(res *engine.Result, patterns []string, pkg string) bool {
	if _, loaded := res.Graph.Index[pkg]; loaded {
		return true
	}
	// p_test is p's external test package when p was loaded with one; a
	// package of its own whose path ends in _test is loaded under its path.
	if p := res.Graph.Index[strings.TrimSuffix(pkg, "_test")]; p != nil && load.XTestPath(p.ImportPath) == pkg && len(p.XTestGoFiles) > 0 {
		return true
	}
	whole := len(patterns) == 0 || len(patterns) == 1 && patterns[0] == "./..."
	return whole && len(res.LoadErrors) == 0 && res.Config.InMainModule(pkg)
}

// readBaseline reads and validates a baseline file; any problem is a usage
// error (exit 2) naming the file.
func readBaseline(file string) (*baseline.File, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &engine.UsageError{Err: fmt.Errorf("baseline %s does not exist (write it with `archcheck baseline -o %s`)", file, file)}
	}
	if err != nil {
		return nil, &engine.UsageError{Err: fmt.Errorf("baseline: %w", err)}
	}
	b, err := baseline.Read(bytes.NewReader(data))
	if err != nil {
		// One line per problem, each naming the file.
		lines := strings.Split(err.Error(), "\n")
		for i, l := range lines {
			lines[i] = fmt.Sprintf("archcheck: baseline %s: %s", file, l)
		}
		return nil, &engine.UsageError{Err: errors.New(strings.Join(lines, "\n"))}
	}
	return b, nil
}

// writeBaseline writes b to file through outfile (a temporary file and a
// rename), so an interrupted write never leaves a corrupt baseline, and a
// file that is not archcheck's is not replaced without force.
func writeBaseline(file string, b *baseline.File, force bool) error {
	return outfile.WriteTo(file, outfile.Options{Force: force}, b.Write)
}

// updateBaseline is the ratchet of check --update-baseline: it rewrites the
// file only when its entries change, and says what changed.
func updateBaseline(file, name string, old *baseline.File, fs []rules.Finding, scope baseline.Scope, acceptNew bool, stderr io.Writer) (*baseline.File, error) {
	updated := old.Update(version.Version(), fs, scope, acceptNew)
	if slices.Equal(old.Entries, updated.Entries) {
		fmt.Fprintf(stderr, "archcheck: %s is up to date (%d findings accepted)\n", name, old.Total())
		return old, nil
	}
	if err := writeBaseline(file, updated, false); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "archcheck: updated %s: %d findings accepted, was %d\n", name, updated.Total(), old.Total())
	return updated, nil
}

// reportBaselineNotes tells, on stderr, which keys were found more often
// than the baseline accepts and which entries are stale.
func reportBaselineNotes(w io.Writer, name string, m *baseline.Result) {
	for _, o := range m.Over {
		locs := make([]string, len(o.Findings))
		for i, f := range o.Findings {
			locs[i] = fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		fmt.Fprintf(w, "archcheck: baseline: %s: found %d, %s accepts %d; reporting the last %d (lines do not tell which is new): %s\n",
			o.Key, o.Found, name, o.Allowed, o.Found-o.Allowed, strings.Join(locs, ", "))
	}
	for _, s := range m.Stale {
		fmt.Fprintf(w, "archcheck: baseline: stale entry %s: found %d, %s accepts %d\n", s.Key, s.Found, name, s.Allowed)
	}
	if len(m.Stale) > 0 {
		fmt.Fprintf(w, "archcheck: baseline: the debt is paid; lock it in with `archcheck check --baseline %s --update-baseline`\n", name)
	}
}
