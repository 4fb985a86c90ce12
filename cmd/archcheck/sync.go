package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

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
reports adds the callee's module to allow_sync, and an entry of depends_on,
allow_sync or reads (data ownership) that unused-dependency would report is
removed (reads are not added: a foreign read is a decision, not drift).
Suppressed findings
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
	usage := engine.UsageOf(res.Graph, syncRan, false, res.Tables) // reads are checked as check does: when tables were analysed
	edits := syncEdits(cfg, res.Findings, usage, syncRan, !o.prune, !o.add)
	left := leftNote(cfg, res.Findings, usage)
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
		fmt.Fprint(stderr, left)
		return nil
	}
	if o.dryRun {
		if _, err := stdout.Write(diff.Diff(name, data, name, out)); err != nil {
			return err
		}
		fmt.Fprint(stderr, left)
		return nil
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
	fmt.Fprint(stderr, left)
	return nil
}

// leftNote says what sync leaves for check to report, so that "in sync"
// is not read as "check passes": imports that break the layering (an
// import into a higher layer or past a closed one is never added to
// depends_on, which cannot allow it), and unused public entries (sync
// edits only depends_on and allow_sync).
func leftNote(cfg *rules.Config, findings []rules.Finding, u rules.Usage) string {
	var b strings.Builder
	n := 0
	for _, f := range findings {
		if f.Rule == rules.RuleLayer {
			n++
		}
	}
	if n > 0 {
		what := fmt.Sprintf("%d imports break", n)
		if n == 1 {
			what = "1 import breaks"
		}
		fmt.Fprintf(&b, "%s the layering (rule layer): sync leaves them, since depends_on cannot allow an import into a higher layer or past a closed one; move the code or change the layers (archcheck check lists them)\n", what)
	}
	public := 0
	for _, x := range cfg.UnusedEntries(u) {
		if x.Field == "public" {
			public++
		}
	}
	if public > 0 {
		what, they := fmt.Sprintf("%d public entries nothing imports are left as they are", public), "them"
		if public == 1 {
			what, they = "1 public entry nothing imports is left as it is", "it"
		}
		fmt.Fprintf(&b, "%s: sync edits only depends_on, allow_sync and reads (archcheck check lists %s as unused-dependency)\n", what, they)
	}
	return b.String()
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
	var edits listEdits
	if add {
		missing := missingEntries(findings, syncRan)
		for _, m := range cfg.Modules { // in config order
			for _, field := range []string{"depends_on", "allow_sync"} {
				if need := missing[editKey{m.Name, field}]; len(need) > 0 {
					edits.edit(m.Name, field).Add = additions(cfg, m, field, need, u)
				}
			}
		}
	}
	if prune {
		for _, x := range cfg.UnusedEntries(u) {
			if x.Field == "depends_on" || x.Field == "allow_sync" || x.Field == "reads" {
				e := edits.edit(x.Module, x.Field)
				e.Remove = append(e.Remove, x.Entry)
			}
		}
	}
	out := make([]rules.ListEdit, 0, len(edits.order))
	for _, k := range edits.order {
		out = append(out, *edits.byKey[k])
	}
	return out
}

// editKey is a config entry's list: the entry's name and the field.
type editKey struct{ entry, field string }

// listEdits are the edits of the lists, in the order first edited.
type listEdits struct {
	byKey map[editKey]*rules.ListEdit
	order []editKey
}

// edit returns the edit of the entry's field, new if needed.
func (l *listEdits) edit(entry, field string) *rules.ListEdit {
	k := editKey{entry, field}
	if e, ok := l.byKey[k]; ok {
		return e
	}
	if l.byKey == nil {
		l.byKey = map[editKey]*rules.ListEdit{}
	}
	l.byKey[k] = &rules.ListEdit{Module: entry, Field: field}
	l.order = append(l.order, k)
	return l.byKey[k]
}

// missingEntries are the modules each module's depends_on (from the
// dependency findings) or allow_sync (from the sync-call findings, when
// sync-call ran) lacks, in finding order.
func missingEntries(findings []rules.Finding, syncRan bool) map[editKey][]string {
	missing := map[editKey][]string{}
	for _, f := range findings {
		if f.FromModule == "" || f.ToModule == "" {
			continue
		}
		var k editKey
		switch {
		case f.Rule == rules.RuleDependency:
			k = editKey{f.FromModule, "depends_on"}
		case f.Rule == rules.RuleSyncCall && syncRan:
			k = editKey{f.FromModule, "allow_sync"}
		default:
			continue
		}
		missing[k] = appendNew(missing[k], f.ToModule)
	}
	return missing
}

// additions are the names to add to m's field, in config order: the
// missing ones (need), and, when the entry has no list of its own and the
// template or the layer allowed m's uses, every module in use, since a new
// list replaces what they allowed.
func additions(cfg *rules.Config, m *rules.Module, field string, need []string, u rules.Usage) []string {
	if _, has := cfg.EntryHas(m.Name, field); !has && (m.Expanded() || m.Layer != "") {
		need = append(inUse(cfg, m, field, u), need...)
	}
	return ordered(cfg, need)
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
