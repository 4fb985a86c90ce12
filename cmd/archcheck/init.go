package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/outfile"
)

type initOptions struct {
	output string
	force  bool
}

func newInitCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [packages]",
		Short: "Write a starting archcheck.yaml from the tree as it is",
		Long: `init writes a starting archcheck.yaml (default: archcheck.yaml in the
directory given by -C, or the current one) for a codebase that has none.

Modules come from the top-level domain folders (each child of internal/,
pkg/, app/, domain/, modules/ or services/, and each other top-level
directory), or, when the folders say nothing (a single module for three or
more packages), from Louvain communities of the import graph. Today's
dependencies, test imports included, are written as depends_on, and the
cycle rule is set to warn while today's imports make module cycles, so the
first archcheck check exits 0. Tighten it from there.

init refuses to overwrite an existing file without --force; -o - writes to
standard output. Exit status: 0, or 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "archcheck.yaml", "write to `FILE` (- for standard output)")
	f.BoolVar(&o.force, "force", false, "overwrite an existing file")
	return cmd
}

func runInit(ctx context.Context, g *globalOptions, o *initOptions, args []string, stdout, stderr io.Writer) error {
	file := g.outFile(o.output)
	initOut := outfile.Options{Policy: outfile.NeverReplace, Force: o.force}
	if file != "-" {
		if err := outfile.Check(file, initOut); err != nil {
			return &engine.UsageError{Err: err}
		}
	}
	p, err := engine.Propose(ctx, g.engine(args))
	if err != nil {
		return err
	}
	for _, le := range p.LoadErrors {
		fmt.Fprintln(stderr, "archcheck: load:", le.Error())
	}
	// SPEC "Output files": nothing is written when init fails (packages
	// that did not load, or none at all).
	failed := len(p.LoadErrors) > 0 || len(p.Modules) == 0
	if len(p.LoadErrors) == 0 && len(p.Modules) == 0 {
		fmt.Fprintln(stderr, "archcheck: init: no packages to propose modules from")
	}
	if file == "-" {
		if _, err := stdout.Write(p.YAML); err != nil {
			return err
		}
	} else if failed {
		fmt.Fprintf(stderr, "archcheck: %s not written\n", o.output)
	} else {
		if err := outfile.Write(file, p.YAML, initOut); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s: %d modules from %s\n", o.output, len(p.Modules), p.From)
	}
	if failed {
		return exitCode(exitError)
	}
	return nil
}
