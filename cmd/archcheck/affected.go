package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/archdiff"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/gitbase"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/rules"
)

var affectedFormats = []string{"text", "json", "packages"}

type affectedOptions struct {
	base   string
	format string
}

func newAffectedCmd(g *globalOptions, stdout, stderr io.Writer) *cobra.Command {
	o := &affectedOptions{}
	cmd := &cobra.Command{
		Use:   "affected --base REF [packages]",
		Short: "The packages a change affects since the merge base of REF: changed ones and every importer",
		Long: `affected lists the packages of the main module (default ./...) that a change
affects since the merge base of REF and HEAD, the working tree included
(uncommitted and untracked files): the packages with a changed file in their
directory (a non-Go file counts for the package of its directory, an
embedded file for the package embedding it, a file under testdata for the
package holding that testdata), the packages importing a module whose
version go.mod or go.sum changed, every package when go.mod's go or
toolchain line changed, and every package importing an affected one,
transitively, tests included. With archcheck.yaml, the modules they belong
to too; a change of archcheck.yaml is reported as such.

It reads one go list -deps -test and a git diff, and type-checks nothing:

    go test $(archcheck affected --base origin/main --format packages)

--format packages prints one import path a line, and nothing when nothing
is affected. Exit status: 0, or 2 on bad usage, a bad config, outside a git
checkout, or a REF git does not know (a shallow clone without the base
included).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAffected(cmd.Context(), g, o, args, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.base, "base", "", "compare with the merge base of `REF` and HEAD (e.g. origin/main)")
	f.StringVar(&o.format, "format", "text", "output format: "+strings.Join(affectedFormats, "|"))
	return cmd
}

func runAffected(ctx context.Context, g *globalOptions, o *affectedOptions, args []string, stdout io.Writer) error {
	switch {
	case o.base == "":
		return renderUsagef("affected needs --base REF (the branch the change goes into, e.g. --base origin/main)")
	case !slices.Contains(affectedFormats, o.format):
		return renderUsagef("unknown --format %q (valid: %s)", o.format, strings.Join(affectedFormats, ", "))
	}
	dir := g.dirOrDot()
	cfgPath, err := engine.FindConfig(dir, g.config)
	if err != nil && !errors.Is(err, engine.ErrNoConfig) {
		return err
	}
	repo, commit, err := openBase(ctx, g, o.base)
	if err != nil {
		return err
	}
	// git diff runs while go list does.
	type changes struct {
		files []string
		err   error
	}
	ch := make(chan changes, 1)
	go func() {
		files, err := repo.Changed(ctx, commit)
		ch <- changes{files, err}
	}()
	pkgs, err := archdiff.ListDeps(ctx, dir, g.tags, args)
	c := <-ch
	if err != nil {
		return err
	}
	if c.err != nil {
		return gitUsage(c.err)
	}
	rep := &archdiff.AffectedReport{BaseRef: o.base, BaseCommit: commit, Changed: c.files}
	relTop := func(p string) string { return relTo(repo.Top, p) }
	skip := map[string]bool{}
	mainPath := goModChanges(ctx, repo, commit, pkgs, c.files, skip, rep)
	var cfg *rules.Config
	if cfgPath != "" {
		if rel := relTop(cfgPath); rel != "" {
			skip[rel] = true
			rep.ConfigChanged = slices.Contains(c.files, rel)
		}
		if cfg, err = engine.LoadConfig(dir, g.config); err != nil {
			return err
		}
		cfg.Bind(mainPath)
	}
	rep.Packages = archdiff.Affected(archdiff.AffectedInput{Packages: pkgs, Top: repo.Given, Changed: c.files, Skip: skip, GoMod: rep.GoMod})
	moduleOf := moduleNamer(cfg)
	if cfg != nil {
		rep.Modules = affectedModules(cfg, rep.Packages, moduleOf)
	}
	switch o.format {
	case "packages":
		return archdiff.WriteAffectedPackages(stdout, rep)
	case "json":
		return archdiff.WriteAffectedJSON(stdout, version.Version(), rep, moduleOf)
	}
	return archdiff.WriteAffectedText(stdout, rep)
}

// relTo is p (a file path) relative to the checkout's top directory top,
// slash-separated, or "" when p is outside it.
func relTo(top, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// goModChanges compares the main module's go.mod and go.sum with the
// base's when the change touches them (into rep.GoMod), marks them, and a
// changed go.work above the module, as files that change no package
// (skip), and returns the main module's path.
func goModChanges(ctx context.Context, repo *gitbase.Repo, commit string, pkgs []*archdiff.ListedPackage, files []string, skip map[string]bool, rep *archdiff.AffectedReport) string {
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main || p.Module.GoMod == "" {
			continue
		}
		modRel := relTo(repo.Top, p.Module.GoMod)
		if modRel == "" {
			return p.Module.Path
		}
		sumRel := path.Join(path.Dir(modRel), "go.sum")
		skip[modRel], skip[sumRel] = true, true
		if slices.Contains(files, modRel) || slices.Contains(files, sumRel) {
			oldMod, _ := repo.Show(ctx, commit, modRel)
			oldSum, _ := repo.Show(ctx, commit, sumRel)
			newMod, _ := os.ReadFile(p.Module.GoMod)
			newSum, _ := os.ReadFile(filepath.Join(filepath.Dir(p.Module.GoMod), "go.sum"))
			rep.GoMod = archdiff.CompareGoMod(oldMod, newMod, oldSum, newSum)
		}
		for _, f := range files {
			if b := path.Base(f); (b == "go.work" || b == "go.work.sum") && strings.HasPrefix(modRel, strings.TrimSuffix(f, b)) {
				skip[f] = true
				rep.GoMod.GoLine = f + " changed"
			}
		}
		return p.Module.Path
	}
	return ""
}

// moduleNamer gives a package's archcheck module ("" for none, and for
// every package without a config).
func moduleNamer(cfg *rules.Config) func(string) string {
	return func(p string) string {
		if cfg == nil {
			return ""
		}
		if m := cfg.ModuleOf(p); m != nil {
			return m.Name
		}
		return ""
	}
}

// affectedModules counts the affected packages of each module of cfg
// (in cfg's order), and says which hold a changed one.
func affectedModules(cfg *rules.Config, pkgs []archdiff.AffectedPackage, moduleOf func(string) string) []archdiff.AffectedModule {
	byName := map[string]*archdiff.AffectedModule{}
	for _, p := range pkgs {
		name := moduleOf(p.Path)
		if name == "" {
			continue
		}
		m := byName[name]
		if m == nil {
			m = &archdiff.AffectedModule{Name: name}
			byName[name] = m
		}
		m.Packages++
		m.Changed = m.Changed || p.Reason == archdiff.ReasonChanged
	}
	var out []archdiff.AffectedModule
	for _, m := range cfg.Modules {
		if a := byName[m.Name]; a != nil {
			out = append(out, *a)
		}
	}
	return out
}
