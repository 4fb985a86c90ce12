package synccall_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/rules"
)

// loadConfig parses a fixture's archcheck.yaml with the real loader and
// binds it to the fixture module.
func loadConfig(t *testing.T, dir string) *rules.Config {
	t.Helper()
	name := filepath.Join(dir, "archcheck.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/shop")
	return cfg
}

func TestValidate(t *testing.T) {
	a := synccall.New(loadConfig(t, filepath.Join("testdata", "main")))
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		t.Fatal(err)
	}
	if a.Doc == "" || a.Doc[0] < 'a' || a.Doc[0] > 'z' {
		t.Errorf("Doc must start with a lowercase summary: %q", a.Doc)
	}
}

func TestMain(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "main")
	a := synccall.New(loadConfig(t, dir))
	analysistest.Run(t, dir, a,
		"example.com/shop/internal/checkout",
		"example.com/shop/internal/notifications/...",
		"example.com/shop/internal/ops",
		"example.com/shop/internal/billing",
		"example.com/shop/internal/gateway",
		"example.com/shop/internal/catalog",
	)
}
