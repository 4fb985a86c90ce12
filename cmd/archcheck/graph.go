package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/report"
)

type graphOptions struct {
	level  string
	format string
	focus  string
	output string
	force  bool
	data   bool // --data: the tables and the data edges
}

var graphFormats = []string{"dot", "mermaid", "markdown", "json", "svg"}

func newGraphCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &graphOptions{}
	cmd := &cobra.Command{
		Use:   "graph [packages]",
		Short: "Draw the module or package dependency graph (DOT, Mermaid, Markdown, JSON or SVG)",
		Long: `graph draws the dependency graph of the packages (default ./...): modules,
or packages grouped by module, with edges coloured by kind (imports, calls,
blocking calls, publishing to an event seam) and labelled with their counts;
violations are red and name their rules; shared modules are grey.

--format markdown is a fenced Mermaid block (folded by folder beyond 40
nodes) and a table of the edges, to paste into a README or a pull request;
--format mermaid is the bare Mermaid text (.mmd).

--format svg needs no Graphviz: archcheck lays the graph out itself. For
Graphviz's layout, use --format dot | dot -Tsvg.

Without an archcheck.yaml, modules are inferred from the tree (as init
would). Exit status: 0 whatever the findings, 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGraph(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.level, "level", report.LevelModule, "graph level: module|package")
	f.StringVar(&o.format, "format", "dot", "output format: dot|mermaid|markdown|json|svg")
	f.StringVar(&o.focus, "focus", "", "draw only `MODULE` and its neighbours")
	f.BoolVar(&o.data, "data", false, "also draw the SQL tables and the data edges (module → table, read or write)")
	f.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
	forceFlag(cmd, &o.force)
	return cmd
}

func runGraph(ctx context.Context, g *globalOptions, o *graphOptions, args []string, stdout, stderr io.Writer) error {
	if !slices.Contains(graphFormats, o.format) {
		return renderUsagef("unknown --format %q (valid: %s)", o.format, strings.Join(graphFormats, ", "))
	}
	g.machine = o.format == "json"
	if err := checkOutput(g.outFile(o.output), o.force); err != nil {
		return err
	}
	v, res, src, err := analyzeView(ctx, g, o.level, o.focus, args, stderr, o.data)
	if err != nil {
		return err
	}
	if o.data { // the tables come from the same run; the view is drawn again with them
		if v, err = report.NewGraphView(res.Graph, res.Findings, src, report.GraphOptions{Level: o.level, Focus: o.focus, Tables: res.Tables}); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	switch o.format {
	case "mermaid":
		err = report.WriteMermaid(&buf, v)
	case "markdown":
		err = report.WriteMarkdown(&buf, v)
	case "json":
		err = report.WriteGraphJSON(&buf, version.Version(), v)
	case "svg":
		err = report.WriteSVG(&buf, v)
	default:
		err = report.WriteDOT(&buf, v)
	}
	if err != nil {
		return err
	}
	return writeRendered(g.outFile(o.output), buf.Bytes(), stdout, stderr, o.force, res)
}

// analyzeView runs the engine and derives the graph view both graph and
// report draw, after checking the flags that need the config.
func analyzeView(ctx context.Context, g *globalOptions, level, focus string, args []string, stderr io.Writer, tables bool) (*report.GraphView, *engine.Result, *load.SourceStats, error) {
	if level != report.LevelModule && level != report.LevelPackage {
		return nil, nil, nil, renderUsagef("unknown --level %q (valid: module, package)", level)
	}
	res, err := analyzeQuiet(ctx, g, args, stderr, tables)
	if err != nil {
		return nil, nil, nil, err
	}
	if focus != "" && res.Config.Module(focus) == nil {
		return nil, nil, nil, unknownFocus(res, focus)
	}
	src, err := load.ReadSource(res.Graph.Packages, res.Graph.Main, res.Graph.Overlay)
	if err != nil {
		return nil, nil, nil, err
	}
	v, err := report.NewGraphView(res.Graph, res.Findings, src, report.GraphOptions{Level: level, Focus: focus})
	if err != nil {
		return nil, nil, nil, err
	}
	return v, res, src, nil
}

// unknownFocus is the usage error for a --focus that names no module.
func unknownFocus(res *engine.Result, focus string) error {
	var names []string
	for _, m := range res.Config.Modules {
		names = append(names, m.Name)
	}
	return renderUsagef("unknown module %q in --focus (modules: %s)", focus, strings.Join(names, ", "))
}

// outFile resolves a file named on the command line against -C, as go -C does.
func (g *globalOptions) outFile(file string) string {
	if file == "" || file == "-" || g.dir == "" || filepath.IsAbs(file) {
		return file
	}
	return filepath.Join(g.dir, file)
}

// renderUsagef is a usage error (exit 2).
func renderUsagef(format string, args ...any) error {
	return &engine.UsageError{Err: fmt.Errorf(format, args...)}
}
