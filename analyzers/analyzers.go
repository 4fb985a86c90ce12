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
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/boundary"
	"github.com/archcheck/archcheck/analyzers/dataownership"
	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/rules"
)

// All returns the per-package analyzers for a validated config bound to the
// main module (see [rules.Config.Bind]), in a fixed order.
func All(cfg *rules.Config) []*analysis.Analyzer {
	return []*analysis.Analyzer{boundary.New(cfg), synccall.New(cfg), dataownership.New(cfg)}
}

// Combined returns one analyzer, named "archcheck", that runs every analyzer
// of [All] on each package, with their facts. It suits drivers that want a
// single analyzer: golangci-lint prefixes each message with its analyzer's
// name unless the analyzer is named like the linter (so the plugin's
// messages start with their rule ID, as under go vet), and Bazel's nogo
// links one Analyzer variable per package.
func Combined(cfg *rules.Config) *analysis.Analyzer {
	list := All(cfg)
	var facts []analysis.Fact
	var requires []*analysis.Analyzer
	for _, a := range list {
		facts = append(facts, a.FactTypes...)
		requires = append(requires, a.Requires...)
	}
	return &analysis.Analyzer{
		Name:      "archcheck",
		Doc:       "check module boundaries and blocking cross-module calls against archcheck.yaml\n\nThe boundary and synccall analyzers in one: the rules dependency, visibility,\nforbidden-import, unassigned, sync-call and data-ownership.",
		URL:       "https://github.com/archcheck/archcheck#rules",
		Requires:  requires,
		FactTypes: facts,
		Run: func(pass *analysis.Pass) (any, error) {
			for _, a := range list {
				p := *pass // the same Report and fact functions, under a's name
				p.Analyzer = a
				if _, err := a.Run(&p); err != nil {
					return nil, fmt.Errorf("%s: %w", a.Name, err)
				}
			}
			return nil, nil
		},
	}
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

// CombinedFromYAML is [Combined] for a config held in memory, for a package
// that declares the single Analyzer variable Bazel's nogo links, with the
// config embedded by go:embed (nogo reads no undeclared file). A config
// that does not parse yields an analyzer that fails on every package with
// the config's errors, so the build stops and says why.
func CombinedFromYAML(filename string, data []byte, modulePath string) *analysis.Analyzer {
	cfg, err := rules.Parse(filename, data)
	if err != nil {
		return &analysis.Analyzer{
			Name: "archcheck",
			Doc:  "check module boundaries and blocking cross-module calls against archcheck.yaml",
			Run:  func(*analysis.Pass) (any, error) { return nil, err },
		}
	}
	cfg.Bind(modulePath)
	return Combined(cfg)
}
