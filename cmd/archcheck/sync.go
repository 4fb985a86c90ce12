package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/outfile"
	"github.com/archcheck/archcheck/rules"
)

type syncOptions struct {
	dryRun bool
	prune  bool
	add    bool
}

func newSyncCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &syncOptions{}
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Rewrite depends_on and allow_sync in archcheck.yaml to match the code",
		Long: `sync rewrites the depends_on and allow_sync lists of archcheck.yaml to match
today's code, over the whole main module: an import that the dependency rule
reports adds the imported module to depends_on, a blocking call that sync-call
reports adds the callee's module to allow_sync, and an entry that
unused-dependency would report is removed. Suppressed findings
(//archcheck:ignore) add nothing; an import that breaks the layering (rule
layer) is never added, since depends_on cannot allow it.

Only the lists it changes are rewritten, in their own style; every other
byte of the file (comments, key order, formatting) stays as it was. A
missing list is added at the end of its module's entry. For a module
expanded from a template, the lists go to the entry of its name, added at the
end of modules when there is none; since that entry's depends_on replaces the
template's, it lists every module the module uses. Likewise a module with a
layer and no depends_on, which may use the layers below it, gets a
depends_on listing all it uses once it needs one.

--prune only removes entries, --add only adds them; --dry-run prints the
change as a unified diff and writes nothing. Exit status: 0 (also when the
file changes), 2 on a bad config or packages that could not be loaded.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSync(cmd.Context(), g, o, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "print the change as a unified diff, write nothing")
	f.BoolVar(&o.prune, "prune", false, "only remove entries nothing uses")
	f.BoolVar(&o.add, "add", false, "only add the entries the code needs")
	return cmd
}

func runSync(ctx context.Context, g *globalOptions, o *syncOptions, stdout, stderr io.Writer) error {
	if o.prune && o.add {
		return &engine.UsageError{Err: fmt.Errorf("--prune and --add exclude each other (without either, sync does both)")}
	}
	opts := g.engine(nil)
	opts.Stderr = stderr
	res, err := engine.Check(ctx, opts)
	if err != nil {
		return err
	}
	if len(res.LoadErrors) > 0 {
		return &engine.UsageError{Err: fmt.Errorf("packages could not be loaded (run archcheck check to see them); sync needs the whole module")}
	}
	cfg := res.Config
	path := cfg.Path()
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	syncRan := cfg.Severity(rules.RuleSyncCall) != rules.Off
	edits := syncEdits(cfg, res.Findings, engine.UsageOf(res.Graph, syncRan, false, nil), syncRan, !o.prune, !o.add)
	out, err := rules.EditLists(data, edits)
	if err != nil {
		return fmt.Errorf("sync %s: %w", displayName(path), err)
	}
	if _, err := rules.Parse(path, out); err != nil {
		// Not expected: the edits write lists of declared module names.
		return fmt.Errorf("sync %s: the rewritten config does not parse, left unchanged: %w", displayName(path), err)
	}
	name := displayName(path)
	if bytes.Equal(out, data) {
		fmt.Fprintf(stderr, "%s is in sync with the code\n", name)
		return nil
	}
	if o.dryRun {
		_, err := stdout.Write(diff.Diff(name, data, name, out))
		return err
	}
	if err := outfile.Write(path, out, outfile.Options{Force: true}); err != nil {
		return err
	}
	added, removed := 0, 0
	for _, e := range edits {
		added += len(e.Add)
		removed += len(e.Remove)
	}
	fmt.Fprintf(stderr, "wrote %s: %s added, %s removed\n", name, entries(added), entries(removed))
	return nil
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

// displayName is path relative to the working directory when below it.
func displayName(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	return rules.DisplayPath(path, wd)
}

// syncEdits computes the list edits: additions from the dependency and
// sync-call findings, removals from the unused entries.
func syncEdits(cfg *rules.Config, findings []rules.Finding, u rules.Usage, syncRan, add, prune bool) []rules.ListEdit {
	type key struct{ entry, field string }
	edits := map[key]*rules.ListEdit{}
	var order []key
	edit := func(entry, field string) *rules.ListEdit {
		k := key{entry, field}
		if e, ok := edits[k]; ok {
			return e
		}
		edits[k] = &rules.ListEdit{Module: entry, Field: field}
		order = append(order, k)
		return edits[k]
	}
	if add {
		missing := map[key][]string{}
		for _, f := range findings {
			switch {
			case f.Rule == rules.RuleDependency && f.FromModule != "" && f.ToModule != "":
				missing[key{f.FromModule, "depends_on"}] = appendNew(missing[key{f.FromModule, "depends_on"}], f.ToModule)
			case f.Rule == rules.RuleSyncCall && syncRan && f.FromModule != "" && f.ToModule != "":
				missing[key{f.FromModule, "allow_sync"}] = appendNew(missing[key{f.FromModule, "allow_sync"}], f.ToModule)
			}
		}
		for _, m := range cfg.Modules { // in config order
			for _, field := range []string{"depends_on", "allow_sync"} {
				need := missing[key{m.Name, field}]
				if len(need) == 0 {
					continue
				}
				if _, has := cfg.EntryHas(m.Name, field); !has && (m.Expanded() || m.Layer != "") {
					// A new list replaces what the template or the layer
					// allowed: it must name every module in use.
					need = append(inUse(cfg, m, field, u), need...)
				}
				e := edit(m.Name, field)
				e.Add = ordered(cfg, need)
			}
		}
	}
	if prune {
		for _, x := range cfg.UnusedEntries(u) {
			if x.Field == "depends_on" || x.Field == "allow_sync" {
				e := edit(x.Module, x.Field)
				e.Remove = append(e.Remove, x.Entry)
			}
		}
	}
	out := make([]rules.ListEdit, 0, len(order))
	for _, k := range order {
		out = append(out, *edits[k])
	}
	return out
}

// inUse lists the modules m uses today that its field allows.
func inUse(cfg *rules.Config, m *rules.Module, field string, u rules.Usage) []string {
	var out []string
	for _, b := range cfg.Modules {
		if b == m || b.Shared {
			continue
		}
		pair := [2]string{m.Name, b.Name}
		switch {
		case field == "depends_on" && u.Imports[pair] && cfg.MayDepend(m, b) && cfg.LayerViolation(m, b, "") == "":
			out = append(out, b.Name)
		case field == "allow_sync" && u.Sync[pair] && m.AllowsSyncTo(b.Name):
			out = append(out, b.Name)
		}
	}
	return out
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// ordered sorts module names in config order.
func ordered(cfg *rules.Config, names []string) []string {
	var out []string
	for _, m := range cfg.Modules {
		if slices.Contains(names, m.Name) && !slices.Contains(out, m.Name) {
			out = append(out, m.Name)
		}
	}
	return out
}
