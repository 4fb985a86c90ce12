package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// InferredConfigName is the file name used in messages about an inferred
// config.
const InferredConfigName = "(inferred archcheck.yaml)"

// Analyze is Check for the commands that draw and rank (graph, suggest,
// report, impact): without an archcheck.yaml it infers modules the way
// `init` would, says so on Stderr, and goes on. Its Result carries the
// graph with call counts (and, as every Check, violations marked).
func Analyze(ctx context.Context, opts Options) (*Result, error) {
	_, err := FindConfig(dirOrDot(opts.Dir), opts.ConfigPath)
	switch {
	case errors.Is(err, ErrNoConfig):
		if err := inferConfig(ctx, &opts); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	}
	opts.NeedCalls = true // call counts for the graph
	return Check(ctx, opts)
}

// inferConfig lists the packages once, proposes modules the way init does,
// and hands both to Check through opts.
func inferConfig(ctx context.Context, opts *Options) error {
	pkgs, main, errs, err := load.List(ctx, load.Options{Dir: opts.Dir, Patterns: opts.Patterns, Tags: opts.Tags})
	if err != nil {
		return err
	}
	cfg, err := rules.Parse(InferredConfigName, insight.Propose(main, pkgs).YAML())
	if err != nil {
		return fmt.Errorf("infer modules: %w", err)
	}
	if opts.Stderr != nil {
		fmt.Fprintf(opts.Stderr, "archcheck: no archcheck.yaml found; inferred %d modules from the tree (run `archcheck init` to write them down)\n", len(cfg.Modules))
	}
	opts.config = cfg
	opts.listed = &listed{pkgs, main, errs}
	return nil
}
