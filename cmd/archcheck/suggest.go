package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/report"
)

type suggestOptions struct {
	format    string
	split     bool
	noSQL     bool
	since     string
	noHistory bool
}

func newSuggestCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &suggestOptions{}
	cmd := &cobra.Command{
		Use:   "suggest [packages]",
		Short: "Rank the modules as candidates for extraction into services, with metrics and reasons",
		Long: `suggest scores every module as a candidate for extraction into a service
and ranks them, best first, each with its metrics and the reasons in plain
words. The score combines coupling (Martin's afferent and efferent coupling),
synchronous and blocking calls across the boundary, module cycles, the API
other modules use and the types they borrow, cohesion, and data ownership:
the SQL tables each module reads and writes, found in the query strings
passed to database/sql, pgx and sqlx. docs/suggest.md gives the formula.

Size counts (a module much smaller than a service is scaled down), and so
do blocking I/O towards the outside world (network clients of its own) and
change history: from git log since --since (default: one year before HEAD's
committer date, so the same commit gives the same answer), each module's
commits and how many changed it alone; a module that changes alone is a
good cut, two that always change together belong together. Without git
history (a tarball, a shallow clone) suggest says so once and ranks without
it; --no-history skips it. A cycle of four modules or more is described
once, above the candidates.

--split also runs Louvain community detection (fixed seed) on the package
graph weighted by imports and calls, and prints one line per declared
module that the natural clusters cut in parts (the parts, their sizes, the
imports the cut removes), and one per cluster holding several modules.

Without an archcheck.yaml, modules are inferred from the tree (as init
would). Exit status: 0 whatever the findings, 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSuggest(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text|json")
	f.BoolVar(&o.split, "split", false, "compare the declared modules with natural clusters (Louvain)")
	f.BoolVar(&o.noSQL, "no-sql", false, "leave the SQL tables (data ownership) out of the ranking")
	f.StringVar(&o.since, "since", "", "change history from `DATE` (git log --since; default one year before HEAD's committer date)")
	f.BoolVar(&o.noHistory, "no-history", false, "rank without the git change history")
	return cmd
}

func runSuggest(ctx context.Context, g *globalOptions, o *suggestOptions, args []string, stdout, stderr io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return &engine.UsageError{Err: fmt.Errorf("unknown --format %q (valid: text, json)", o.format)}
	}
	g.machine = o.format == "json"
	// git log runs while the packages load and type-check: the history
	// costs no time of its own unless git is slower than the analysis.
	histDone := make(chan *insight.History, 1)
	if !o.noHistory {
		go func() { histDone <- insight.ReadHistory(ctx, g.dirOrDot(), o.since) }()
	}
	// The I/O a module does of its own comes from the typed call sites
	// (graph.Sites) and the SQL tables, which the per-package cache keeps.
	res, err := analyzeQuiet(ctx, g, args, stderr, !o.noSQL)
	if err != nil {
		return err
	}
	var hist *insight.History
	if !o.noHistory {
		hist = <-histDone
	}
	ranking := insight.Rank(res.Graph, res.Tables, hist)
	var split *graph.Clustering
	if o.split {
		split = graph.Communities(res.Graph)
	}
	if o.format == "json" {
		err = report.WriteSuggestJSON(stdout, version.Version(), ranking, split)
	} else {
		err = report.WriteSuggestText(stdout, ranking, split)
	}
	if err != nil {
		return err
	}
	return loadFailed(res)
}

// analyzeQuiet runs engine.Analyze (with the SQL tables when tables is
// set) and prints the config warnings and load errors on stderr.
func analyzeQuiet(ctx context.Context, g *globalOptions, args []string, stderr io.Writer, tables bool) (*engine.Result, error) {
	opts := g.engine(args)
	opts.Stderr = stderr
	opts.Tables = tables
	res, err := engine.Analyze(ctx, opts)
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	for _, le := range res.LoadErrors {
		fmt.Fprintln(stderr, "archcheck: load:", le.Error())
	}
	return res, nil
}

// dirOrDot is the directory the commands run in (-C), "." by default.
func (g *globalOptions) dirOrDot() string {
	if g.dir == "" {
		return "."
	}
	return g.dir
}
