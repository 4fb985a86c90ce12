package main

import (
	"bytes"
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/report"
)

type reportOptions struct {
	level  string
	output string
	focus  string
	noSQL  bool
	force  bool
}

func newReportCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [packages]",
		Short: "Write one self-contained HTML report: the interactive graph, findings, metrics and candidates",
		Long: `report writes one HTML file that opens offline (the graph library is
embedded): the module graph laid out automatically, with pan and zoom and
violations in red; click a module for its packages, metrics and findings,
double-click it for its package graph; the dependency structure matrix
(click a cell for the imports and calls behind it); the main-sequence chart;
the findings with file:line, grouped; and the extraction candidates. Large
graphs are folded by folder so that every label stays readable.

--level package draws every package instead of the modules. --focus MODULE
opens the page on one module and its neighbours (the whole graph stays in
the file). Without an
archcheck.yaml, modules are inferred from the tree (as init would).
Exit status: 0 whatever the findings, 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "archcheck-report.html", "write the report to `FILE` (- for standard output)")
	f.StringVar(&o.level, "level", report.LevelModule, "graph drawn first: module|package")
	f.StringVar(&o.focus, "focus", "", "open the report on `MODULE` and its neighbours")
	f.BoolVar(&o.noSQL, "no-sql", false, "leave the SQL tables (data ownership) out of the ranking")
	forceFlag(cmd, &o.force)
	return cmd
}

func runReport(ctx context.Context, g *globalOptions, o *reportOptions, args []string, stdout, stderr io.Writer) error {
	if err := checkOutput(g.outFile(o.output), o.force); err != nil {
		return err
	}
	v, res, src, err := analyzeView(ctx, g, o.level, "", args, stderr, !o.noSQL)
	if err != nil {
		return err
	}
	if o.focus != "" && res.Config.Module(o.focus) == nil {
		return unknownFocus(res, o.focus)
	}
	r := &report.HTMLReport{
		Version: version.Version(), Title: res.Graph.Main.Path, Graph: v,
		Findings: res.Findings, Summary: report.Summarize(res.Findings, res.Suppressed, 0),
		Inferred: res.Config.File == engine.InferredConfigName,
		Focus:    o.focus, Calls: res.Graph.Calls, Imports: src.At, Names: res.Graph.PkgNames(),
	}
	for _, c := range insight.Suggest(res.Graph, res.Tables) {
		r.Candidates = append(r.Candidates, report.CandidateJSON(c))
	}
	r.CandidatesAvailable = true
	if res.Config.DeclaresTables() { // data edges once ownership is declared (graph_data.go)
		if r.Data, err = report.DataEdges(res.Graph, res.Findings, res.Tables); err != nil {
			return err
		}
	}
	if v.Level == report.LevelModule {
		if r.Packages, err = report.NewGraphView(res.Graph, res.Findings, src, report.GraphOptions{Level: report.LevelPackage}); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, r); err != nil {
		return err
	}
	return writeRendered(g.outFile(o.output), buf.Bytes(), stdout, stderr, o.force, res)
}

// loadFailed is exit 2 when packages could not be loaded (SPEC: errors exit
// 2 for every command), after the output for what did load is written.
func loadFailed(res *engine.Result) error {
	if len(res.LoadErrors) > 0 {
		return exitCode(exitError)
	}
	return nil
}
