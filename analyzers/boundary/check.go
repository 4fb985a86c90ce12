package boundary

import (
	"fmt"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Violation is one broken import rule, before it has a position.
type Violation struct {
	Rule       string
	FromModule string
	ToModule   string // empty when the imported package belongs to no module
	Message    string
}

// CheckImport applies the import rules (dependency, visibility,
// forbidden-import) to an import of importPath by package from. It is the
// single implementation shared by the analyzer (under go vet) and the fast
// import-graph path of `archcheck check`. Excluded packages yield nothing.
func CheckImport(cfg *rules.Config, from, importPath string) []Violation {
	if cfg.Excluded(from) || cfg.Excluded(importPath) {
		return nil
	}
	a := cfg.ModuleOf(from)
	var out []Violation
	var aName, bName string
	if a != nil {
		aName = a.Name
	}
	if b := cfg.ModuleOf(importPath); a != nil && b != nil && b != a {
		bName = b.Name
		if msg := cfg.LayerViolation(a, b, importPath); msg != "" {
			// A layering break is reported once, as layer, not also as
			// dependency.
			out = append(out, Violation{rules.RuleLayer, a.Name, b.Name, msg})
		} else if !cfg.MayDepend(a, b) {
			out = append(out, Violation{rules.RuleDependency, a.Name, b.Name,
				dependencyMessage(a, b, importPath)})
		}
		if !cfg.IsPublic(b, importPath) {
			out = append(out, Violation{rules.RuleVisibility, a.Name, b.Name,
				fmt.Sprintf("%s imports %s, which is not in %s's public packages (%s)",
					a.Name, importPath, b.Name, publicList(b))})
		}
	}
	if pat, ok := cfg.ForbiddenImport(a, importPath); ok {
		who := "the package"
		if a != nil {
			who = a.Name
		}
		out = append(out, Violation{rules.RuleForbiddenImport, aName, bName,
			fmt.Sprintf("%s imports %s, which forbidden_imports forbids (%q)", who, importPath, pat.Raw)})
	}
	return out
}

// dependencyMessage explains a dependency finding; with layers, it says
// why the layer does not allow the import.
func dependencyMessage(a, b *rules.Module, importPath string) string {
	msg := fmt.Sprintf("%s imports %s (%s), but %s is not in %s's depends_on", a.Name, b.Name, importPath, b.Name, a.Name)
	switch {
	case a.Layer == "" || a.DependsOnSet:
	case b.Layer == a.Layer:
		msg += fmt.Sprintf(" (modules of one layer, %s, depend on each other only through depends_on)", a.Layer)
	case b.Layer == "":
		msg += fmt.Sprintf(" (%s has no layer: without depends_on, %s may depend only on the layers below %s)", b.Name, a.Name, a.Layer)
	}
	return msg
}

func publicList(m *rules.Module) string {
	if len(m.Public) == 0 {
		return "none"
	}
	raws := make([]string, len(m.Public))
	for i, p := range m.Public {
		raws[i] = p.Raw
	}
	return strings.Join(raws, ", ")
}

// CheckPackage applies the unassigned rule to a package: a package of the
// main module that belongs to no module and is not excluded. It returns the
// message, or "" when the package is fine.
func CheckPackage(cfg *rules.Config, pkgPath string) string {
	if !cfg.InMainModule(pkgPath) || cfg.Excluded(pkgPath) || cfg.ModuleOf(pkgPath) != nil {
		return ""
	}
	return fmt.Sprintf("package %s belongs to no module; add it to a module's packages or to exclude", pkgPath)
}
