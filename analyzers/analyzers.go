// Package analyzers lists archcheck's per-package analyzers, the ones that
// run one package at a time under go vet, golangci-lint and Bazel's nogo:
// boundary (dependency, visibility, forbidden-import, unassigned) and
// synccall (sync-call, through facts). The module-level cycle rule needs the
// whole graph and runs in `archcheck check` only.
//
// The analyzers read nothing but the config given to their constructors and
// the pass: no working directory, no environment, no files. Whoever drives
// them (the go vet entry point, the golangci-lint plugin, a nogo package)
// finds and parses archcheck.yaml.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/boundary"
	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/rules"
)

// All returns the per-package analyzers for a validated config bound to the
// main module (see [rules.Config.Bind]), in a fixed order.
func All(cfg *rules.Config) []*analysis.Analyzer {
	return []*analysis.Analyzer{boundary.New(cfg), synccall.New(cfg)}
}

// FromYAML parses an archcheck.yaml held in memory (for example embedded
// with go:embed, as Bazel's nogo needs), binds it to the main module's path
// and returns [All] of it. filename names the config in error messages.
func FromYAML(filename string, data []byte, modulePath string) ([]*analysis.Analyzer, error) {
	cfg, err := rules.Parse(filename, data)
	if err != nil {
		return nil, err
	}
	cfg.Bind(modulePath)
	return All(cfg), nil
}
