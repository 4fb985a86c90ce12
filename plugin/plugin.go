// Package plugin registers archcheck's per-package analyzers (boundary and
// synccall) as a golangci-lint v2 module plugin named "archcheck". Build a
// custom golangci-lint with it (`golangci-lint custom` and a .custom-gcl.yml
// naming this package as the plugin's import) and enable it in
// .golangci.yml:
//
//	linters:
//	  enable: [archcheck]
//	  settings:
//	    custom:
//	      archcheck:
//	        type: module
//	        description: module boundaries and blocking cross-module calls
//	        settings:
//	          config: archcheck.yaml
//
// See docs/golangci.md. The module-level cycle rule needs the whole graph
// and runs in `archcheck check` only.
package plugin

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers"
	"github.com/archcheck/archcheck/rules"
)

// Name is the linter's name in .golangci.yml.
const Name = "archcheck"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml
// (linters.settings.custom.archcheck.settings).
type Settings struct {
	// Config is the path to archcheck.yaml, relative to the directory
	// golangci-lint runs in. Default: the first archcheck.yaml walking up
	// from that directory.
	Config string `json:"config"`
	// Module is the main module's path that `./` patterns are resolved
	// against. Default: the module of the nearest go.mod at or above the
	// config file.
	Module string `json:"module"`
}

// Plugin is the golangci-lint plugin.
type Plugin struct {
	settings Settings
}

// New decodes the settings; unknown keys are an error.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("archcheck plugin settings: %w", err)
	}
	return &Plugin{settings: s}, nil
}

// BuildAnalyzers loads and validates the config once and builds the
// analyzer from it: [analyzers.Combined], named like the linter, so that
// golangci-lint does not prefix the messages with an analyzer name and they
// start with their rule ID, as under go vet. A bad config is the error
// golangci-lint reports.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	cfg, err := p.load()
	if err != nil {
		return nil, fmt.Errorf("archcheck: %w", err)
	}
	return []*analysis.Analyzer{analyzers.Combined(cfg)}, nil
}

// GetLoadMode asks for type information: synccall needs it.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

func (p *Plugin) load() (*rules.Config, error) {
	path := p.settings.Config
	if path == "" {
		var err error
		if path, err = rules.Find("."); err != nil {
			return nil, fmt.Errorf("%w (set linters.settings.custom.%s.settings.config, or run `archcheck init`)", err, Name)
		}
	}
	cfg, err := rules.Load(path)
	if err != nil {
		return nil, err
	}
	module := p.settings.Module
	if module == "" {
		if module, err = modulePath(filepath.Dir(path)); err != nil {
			return nil, err
		}
	}
	cfg.Bind(module)
	return cfg, nil
}

// modulePath reads the module path of the nearest go.mod at or above dir.
func modulePath(dir string) (string, error) {
	root := rules.ModuleRoot(dir)
	if root == "" {
		abs, _ := filepath.Abs(dir)
		return "", fmt.Errorf("no go.mod at or above %s (set linters.settings.custom.%s.settings.module)", abs, Name)
	}
	gomod := filepath.Join(root, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", fmt.Errorf("find go.mod: %w", err)
	}
	if mp := modfile.ModulePath(data); mp != "" {
		return mp, nil
	}
	return "", fmt.Errorf("%s: no module line", gomod)
}
