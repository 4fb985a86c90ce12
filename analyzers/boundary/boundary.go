package boundary

import (
	_ "embed"
	"go/ast"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/internal/analysisdoc"
	"github.com/archcheck/archcheck/internal/ignore"
	"github.com/archcheck/archcheck/rules"
)

//go:embed doc.go
var docSource string

// New returns the boundary analyzer for a validated, bound config.
func New(cfg *rules.Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "boundary",
		Doc:  analysisdoc.Extract(docSource, "boundary"),
		URL:  "https://github.com/archcheck/archcheck#rules",
		Run:  func(pass *analysis.Pass) (any, error) { return run(pass, cfg) },
	}
}

func run(pass *analysis.Pass, cfg *rules.Config) (any, error) {
	if strings.HasSuffix(pass.Pkg.Path(), ".test") {
		return nil, nil // the synthesized test main package
	}
	pkgPath := pass.Pkg.Path()
	if isExternalTest(pass) {
		pkgPath = strings.TrimSuffix(pkgPath, "_test") // p_test's imports are p's
	}
	if !cfg.InMainModule(pkgPath) || cfg.Excluded(pkgPath) {
		return nil, nil
	}
	idx := ignore.New(pass.Fset, pass.Files)
	report := func(rule string, pos token.Pos, msg string) {
		if cfg.Severity(rule) == rules.Off || idx.Suppressed(pass.Fset, rule, pos) {
			return
		}
		pass.Report(analysis.Diagnostic{Pos: pos, Category: rule, Message: "[" + rule + "] " + msg})
	}
	if msg := CheckPackage(cfg, pkgPath); msg != "" && pass.Pkg.Path() == pkgPath {
		if f := firstFile(pass); f != nil {
			report(rules.RuleUnassigned, f.Package, msg)
		}
	}
	for _, f := range pass.Files {
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil || imp == "C" {
				continue
			}
			for _, v := range CheckImport(cfg, pkgPath, imp) {
				report(v.Rule, spec.Pos(), v.Message)
			}
		}
	}
	return nil, nil
}

// isExternalTest says whether the pass is an external test package, the
// package p_test of p's directory: its path and name end in _test and all
// its files are _test.go files. A real package whose path ends in _test
// (a directory named foo_test) has files of its own and keeps its path.
func isExternalTest(pass *analysis.Pass) bool {
	if !strings.HasSuffix(pass.Pkg.Path(), "_test") || !strings.HasSuffix(pass.Pkg.Name(), "_test") || len(pass.Files) == 0 {
		return false
	}
	for _, f := range pass.Files {
		if !strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") {
			return false
		}
	}
	return true
}

// firstFile is the package's first non-test file by name (the first test
// file when there are only tests), matching `archcheck check`.
func firstFile(pass *analysis.Pass) *ast.File {
	type named struct {
		name string
		f    *ast.File
	}
	var files []named
	for _, f := range pass.Files {
		files = append(files, named{pass.Fset.Position(f.Package).Filename, f})
	}
	sort.Slice(files, func(i, j int) bool {
		ti, tj := strings.HasSuffix(files[i].name, "_test.go"), strings.HasSuffix(files[j].name, "_test.go")
		if ti != tj {
			return !ti
		}
		return files[i].name < files[j].name
	})
	if len(files) == 0 {
		return nil
	}
	return files[0].f
}
