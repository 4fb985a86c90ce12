package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/report"
)

type checkOptions struct {
	format string
	rules  []string
}

func newCheckCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [packages]",
		Short: "Run every rule and report the findings (exit 1 on errors)",
		Long: `check loads the packages (default ./...) and runs the rules of archcheck.yaml.

Exit status: 0 when no finding has severity error, 1 when some do, 2 on bad
usage, a bad config, or packages that could not be loaded (findings for the
packages that did load are still printed).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "text", "output format: text|json")
	f.StringSliceVar(&o.rules, "rules", nil, "run only these rules (comma-separated IDs)")
	return cmd
}

func runCheck(cmd *cobra.Command, g *globalOptions, o *checkOptions, args []string, stdout, stderr io.Writer) error {
	if o.format != "text" && o.format != "json" {
		return &engine.UsageError{Err: fmt.Errorf("unknown --format %q (valid: text, json)", o.format)}
	}
	opts := g.engine(args)
	opts.Rules = o.rules
	opts.Stderr = stderr
	res, err := engine.Check(cmd.Context(), opts)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	sum := report.Summarize(res.Findings, res.Suppressed, 0)
	switch o.format {
	case "json":
		err = report.WriteJSON(stdout, version.Version(), res.Findings, sum)
	default:
		err = report.WriteText(stdout, res.Findings)
	}
	if err != nil {
		return err
	}
	for _, le := range res.LoadErrors {
		fmt.Fprintln(stderr, "archcheck: load:", le.Error())
	}
	if len(res.LoadErrors) > 0 {
		return exitCode(exitError)
	}
	if sum.Errors > 0 {
		return exitCode(exitFindings)
	}
	return nil
}

