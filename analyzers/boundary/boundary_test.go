package boundary_test

import (
	"os"            //archcheck:ignore forbidden-import the test reads its fixture config; the analyzer stays hermetic
	"path/filepath" //archcheck:ignore forbidden-import the test reads its fixture config; the analyzer stays hermetic
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers/boundary"
	"github.com/archcheck/archcheck/rules"
)

func newAnalyzer(t *testing.T) *analysis.Analyzer {
	t.Helper()
	dir := analysistest.TestData()
	path := filepath.Join(dir, "archcheck.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/shop")
	return boundary.New(cfg)
}

// TestBoundary runs every import rule and its look-alikes: allowed and
// shared dependencies, public packages, same-module imports, excluded
// packages, a prefix that is not a forbidden path, and suppression. An
// external test package (checkout_test) is its package's; a real package
// whose path ends in _test (legacy_test) is not legacy's.
func TestBoundary(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), newAnalyzer(t),
		"example.com/shop/checkout", "example.com/shop/billing", "example.com/shop/legacy",
		"example.com/shop/misc", "example.com/shop/gen", "example.com/shop/platform",
		"example.com/shop/legacy_test")
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{newAnalyzer(t)}); err != nil {
		t.Fatal(err)
	}
}

func TestDoc(t *testing.T) {
	a := newAnalyzer(t)
	if a.Doc == "" || a.Doc[0] < 'a' || a.Doc[0] > 'z' {
		t.Errorf("Doc should start with a lowercase summary, got %q", a.Doc)
	}
}

// TestLayers runs the layer rule on a template and closed layers: an upward
// import, one past the closed layer, a shared module below it (allowed),
// siblings of one layer (dependency, not layer), depends_on narrowing the
// layers below, modules without a layer, and a suppressed upward import.
func TestLayers(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "layers")
	path := filepath.Join(dir, "archcheck.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg.SetRoot(filepath.Join(dir, "src", "example.com", "lay"))
	cfg.Bind("example.com/lay")
	if _, err := cfg.CheckPackages(nil); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, boundary.New(cfg),
		"example.com/lay/cmd/shop", "example.com/lay/domain/billing", "example.com/lay/domain/orders",
		"example.com/lay/platform/db", "example.com/lay/platform/log", "example.com/lay/misc", "example.com/lay/web", "example.com/lay/domain/catalog")
}
