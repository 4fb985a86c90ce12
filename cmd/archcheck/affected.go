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
	changed := map[string]bool{}
	for _, f := range c.files {
		changed[f] = true
	}
	relTop := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return ""
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
		rel, err := filepath.Rel(repo.Top, abs)
		if err != nil || !filepath.IsLocal(rel) {
			return ""
		}
		return filepath.ToSlash(rel)
	}
	skip := map[string]bool{}
	var mainPath string
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.GoMod != "" {
			mainPath = p.Module.Path
			modRel := relTop(p.Module.GoMod)
			if modRel == "" {
				break
			}
			sumRel := path.Join(path.Dir(modRel), "go.sum")
			skip[modRel], skip[sumRel] = true, true
			if changed[modRel] || changed[sumRel] {
				oldMod, _ := repo.Show(ctx, commit, modRel)
				oldSum, _ := repo.Show(ctx, commit, sumRel)
				newMod, _ := os.ReadFile(p.Module.GoMod)
				newSum, _ := os.ReadFile(filepath.Join(filepath.Dir(p.Module.GoMod), "go.sum"))
				rep.GoMod = archdiff.CompareGoMod(oldMod, newMod, oldSum, newSum)
			}
			for _, f := range c.files {
				if b := path.Base(f); (b == "go.work" || b == "go.work.sum") && strings.HasPrefix(modRel, strings.TrimSuffix(f, b)) {
					skip[f] = true
					rep.GoMod.GoLine = f + " changed"
				}
			}
			break
		}
	}
	var cfg *rules.Config
	if cfgPath != "" {
		if rel := relTop(cfgPath); rel != "" {
			skip[rel] = true
			rep.ConfigChanged = changed[rel]
		}
		if cfg, err = engine.LoadConfig(dir, g.config); err != nil {
			return err
		}
		cfg.Bind(mainPath)
	}
	rep.Packages = archdiff.Affected(archdiff.AffectedInput{Packages: pkgs, Top: repo.Given, Changed: c.files, Skip: skip, GoMod: rep.GoMod})
	moduleOf := func(p string) string {
		if cfg == nil {
			return ""
		}
		if m := cfg.ModuleOf(p); m != nil {
			return m.Name
		}
		return ""
	}
	if cfg != nil {
		byName := map[string]*archdiff.AffectedModule{}
		for _, p := range rep.Packages {
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
		for _, m := range cfg.Modules {
			if a := byName[m.Name]; a != nil {
				rep.Modules = append(rep.Modules, *a)
			}
		}
	}
	switch o.format {
	case "packages":
		return archdiff.WriteAffectedPackages(stdout, rep)
	case "json":
		return archdiff.WriteAffectedJSON(stdout, version.Version(), rep, moduleOf)
	}
	return archdiff.WriteAffectedText(stdout, rep)
}
