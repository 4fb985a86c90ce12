package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/internal/outfile"
)

type initOptions struct {
	output string
	force  bool
	dryRun bool
}

func newInitCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [packages]",
		Short: "Write a starting archcheck.yaml from the tree as it is",
		Long: `init writes a starting archcheck.yaml (default: archcheck.yaml in the
directory given by -C, or the current one) for a codebase that has none.

Modules come from the folders, sized for a person to extract
(docs/suggest.md, "init"): each top-level domain folder (each child of
internal/, pkg/, app/, domain/, modules/ or services/, and each other
top-level directory); a folder holding more than 20% of the lines (of
those not in a single package over 35%) is split into its subfolders,
recursively; a folder under 150 lines folds into the
module it was split from, or, at the top level, into a shared "platform"
module, unless it does blocking I/O of its own (exec.Command, SMTP, an HTTP
client, a database), which must stay visible to sync-call. When the folders
say nothing (a single module for three or more packages), modules are the
Louvain communities of the import graph. Today's dependencies, test
imports included, are written as depends_on, and the cycle rule is set to
warn while today's imports make module cycles, so the first archcheck check
exits 0. Tighten it from there.

init prints the proposal as a table (module, packages, lines, depends_on);
--dry-run prints the table and the config and writes nothing.
init refuses to overwrite an existing file without --force; -o - writes to
standard output. Exit status: 0, or 2 on errors.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd.Context(), g, o, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "archcheck.yaml", "write to `FILE` (- for standard output)")
	f.BoolVar(&o.force, "force", false, "overwrite an existing file")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the proposed modules and the config, write nothing")
	return cmd
}

func runInit(ctx context.Context, g *globalOptions, o *initOptions, args []string, stdout, stderr io.Writer) error {
	file := g.outFile(o.output)
	initOut := outfile.Options{Policy: outfile.NeverReplace, Force: o.force}
	if file != "-" && !o.dryRun {
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
	if o.dryRun {
		if err := writeProposalTable(stdout, p); err != nil {
			return err
		}
		if _, err := fmt.Fprintf(stdout, "\n%s", p.YAML); err != nil {
			return err
		}
	} else if file == "-" {
		if _, err := stdout.Write(p.YAML); err != nil {
			return err
		}
	} else if failed {
		fmt.Fprintf(stderr, "archcheck: %s not written\n", o.output)
	} else {
		if err := outfile.Write(file, p.YAML, initOut); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s: %d modules from %s\n\n", o.output, len(p.Modules), p.From)
		if err := writeProposalTable(stdout, p); err != nil {
			return err
		}
	}
	if failed {
		return exitCode(exitError)
	}
	return nil
}

// writeProposalTable prints the proposed modules as a table: module,
// packages, lines (and their share of the whole), depends_on (up to five,
// then how many more).
func writeProposalTable(w io.Writer, p *engine.Proposal) error {
	width, total := len("module"), 0
	for _, m := range p.Modules {
		width = max(width, len(tableName(m)))
		total += m.Lines
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %8s  %13s  %s\n", width, "module", "packages", "lines", "depends_on")
	for _, m := range p.Modules {
		deps := strings.Join(m.DependsOn, ", ")
		if len(m.DependsOn) > 5 {
			deps = fmt.Sprintf("%s and %d more", strings.Join(m.DependsOn[:5], ", "), len(m.DependsOn)-5)
		}
		lines := fmt.Sprint(m.Lines)
		if total > 0 {
			lines += fmt.Sprintf(" (%2.0f%%)", 100*float64(m.Lines)/float64(total))
		}
		fmt.Fprintf(&b, "%-*s  %8d  %13s  %s\n", width, tableName(m), m.PackageCount, lines, deps)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func tableName(m insight.ProposedModule) string {
	if m.Shared {
		return m.Name + " (shared)"
	}
	return m.Name
}
