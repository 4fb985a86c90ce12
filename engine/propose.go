package engine

import (
	"context"
	"fmt"

	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// Proposal is a starting archcheck.yaml for the tree as it is.
type Proposal struct {
	insight.Proposal
	YAML       []byte
	LoadErrors []load.Error
}

// Propose lists the packages and infers modules for them (archcheck
// init): from the top-level domain folders, or from communities of the
// import graph when the folders say nothing, with today's dependencies as
// depends_on. The YAML is parsed back before it is returned, so what init
// writes always loads.
func Propose(ctx context.Context, opts Options) (*Proposal, error) {
	pkgs, main, errs, err := load.List(ctx, load.Options{Dir: opts.Dir, Patterns: opts.Patterns, Tags: opts.Tags})
	if err != nil {
		return nil, err
	}
	p := insight.Propose(main, pkgs)
	data := p.YAML()
	cfg, err := rules.Parse("archcheck.yaml", data)
	if err != nil {
		return nil, fmt.Errorf("infer modules: the proposal does not parse: %w", err)
	}
	cfg.Bind(main.Path)
	paths := make([]string, len(pkgs))
	for i, pkg := range pkgs {
		paths[i] = pkg.ImportPath
	}
	if _, err := cfg.CheckPackages(paths); err != nil {
		return nil, fmt.Errorf("infer modules: the proposal does not validate: %w", err)
	}
	if data, err = withTables(ctx, opts, &p, cfg, &listed{pkgs, main, errs}, data); err != nil { // dataownership.go
		return nil, err
	}
	return &Proposal{Proposal: p, YAML: data, LoadErrors: errs}, nil
}
