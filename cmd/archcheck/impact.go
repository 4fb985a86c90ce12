package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/report"
)

type impactOptions struct {
	format string
	list   bool
}

func newImpactCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &impactOptions{}
	cmd := &cobra.Command{
		Use:   "impact MODULE [packages]",
		Short: "Show the blast radius of a module's I/O: what blocks when it hangs",
		Long: `impact answers "if this module's I/O hangs or fails, what goes down with it?":
the functions of other modules that block on the blocking operations
MODULE's own functions perform (HTTP, SQL, SMTP, gRPC, exec, sleep), found
through the synchronous call chains, and, transitively, their callers up to
the entry points: exported functions, net/http handlers (the
http.HandlerFunc shape, or registered with a mux) and main.

The default output is a tree from the direct callers up; --list prints one
line per function with its whole chain.

Without an archcheck.yaml, modules are inferred from the tree (as init
would). Exit status: 0 whatever the findings, 2 on errors (an unknown
module among them).`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &engine.UsageError{Err: fmt.Errorf("impact needs a MODULE: archcheck impact MODULE [packages] (archcheck graph lists the modules)")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImpact(cmd.Context(), g, o, args[0], args[1:], stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text|json")
	f.BoolVar(&o.list, "list", false, "a flat list with the chain of each function instead of a tree")
	return cmd
}

func runImpact(ctx context.Context, g *globalOptions, o *impactOptions, module string, args []string, stdout, stderr io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return &engine.UsageError{Err: fmt.Errorf("unknown --format %q (valid: text, json)", o.format)}
	}
	g.machine = o.format == "json"
	res, err := analyzeQuiet(ctx, g, args, stderr, false)
	if err != nil {
		return err
	}
	im, err := graph.ComputeImpact(res.Graph, module)
	if err != nil {
		return &engine.UsageError{Err: err}
	}
	if o.format == "json" {
		err = report.WriteImpactJSON(stdout, version.Version(), im)
	} else {
		err = report.WriteImpactText(stdout, im, o.list)
	}
	if err != nil {
		return err
	}
	return loadFailed(res)
}
