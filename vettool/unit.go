package vettool

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// unit is the part of go vet's per-package .cfg file that decides how the
// package is analysed (unitchecker reads the whole file again).
type unit struct {
	ID            string // "fmt [fmt.test]", "fmt_test [fmt.test]"
	GoFiles       []string
	Dir           string // the package's directory
	ImportPath    string
	ModulePath    string // "" for the standard library (and on module errors)
	ModuleVersion string // "" for the main module (and workspace modules)
	VetxOnly      bool   // a dependency: facts only, no diagnostics
}

func readUnit(filename string) (*unit, error) {
	data, err := os.ReadFile(filename)
	if err != nil {
		return nil, fmt.Errorf("read vet config: %w", err)
	}
	u := new(unit)
	if err := json.Unmarshal(data, u); err != nil {
		return nil, fmt.Errorf("decode vet config %s: %w", filename, err)
	}
	return u, nil
}

// mainModule returns the path the config is bound to when the unit is a
// package of the main module: its module path; "std" when the standard
// library itself is being vetted (a root package of std, not a dependency).
// ok is false for dependencies: a module with a version, or the standard
// library reached as a dependency. Their own archcheck.yaml, if any, is
// never read.
func (u *unit) mainModule() (modulePath string, ok bool) {
	switch {
	case u.ModuleVersion != "":
		return "", false
	case u.ModulePath == "" && rules.LooksStd(u.ImportPath):
		return "std", !u.VetxOnly
	case u.ModulePath == "":
		return "", false // GOPATH mode or a module error: nothing to bind to
	}
	return u.ModulePath, true
}

// packagePath is the path of the package whose rules apply to the unit:
// an external test package (p_test, vetted as "p_test [p.test]", every
// file a _test.go) is p's; any other unit is its own, also a real package
// whose path ends in _test.
func (u *unit) packagePath() string {
	p, ok := strings.CutSuffix(u.ImportPath, "_test")
	if !ok || u.ID != u.ImportPath+" ["+p+".test]" || len(u.GoFiles) == 0 {
		return u.ImportPath
	}
	for _, f := range u.GoFiles {
		if !strings.HasSuffix(f, "_test.go") {
			return u.ImportPath
		}
	}
	return p
}

// checkPackage validates the bound config against the one package: two
// modules matching it with equal specificity, or an events package in no
// module. (Patterns that match no package cannot be told apart from
// patterns for other packages here, so those warnings are left to
// `archcheck check`.)
func checkPackage(cfg *rules.Config, u *unit) error {
	if _, err := cfg.CheckPackages([]string{u.packagePath()}); err != nil {
		return err
	}
	return nil
}
