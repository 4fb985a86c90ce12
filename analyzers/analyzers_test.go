package analyzers_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers"
	"github.com/archcheck/archcheck/rules"
)

// config uses every section; the test reads no file, as analyzers never do.
const config = `version: 1
modules:
  checkout:
    packages: [./internal/checkout/...]
    depends_on: [platform]
    allow_sync: [platform]
    public: [./internal/checkout]
  platform:
    packages: [./internal/platform/...]
    shared: true
    forbidden_imports: [database/sql]
events: [./internal/platform/events/...]
blocking:
  database: [example.com/shop/internal/platform/db.*]
sync_call_kinds: [network, database]
forbidden_imports: [io/ioutil]
exclude: [./internal/gen/...]
rules:
  unassigned: off
`

// TestValidate checks the full analyzer list built from a config parsed by
// the real parser.
func TestValidate(t *testing.T) {
	all, err := analyzers.FromYAML("archcheck.yaml", []byte(config), "example.com/shop")
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
		if a.Doc == "" || a.Doc[0] < 'a' || a.Doc[0] > 'z' {
			t.Errorf("%s: Doc must start with a lowercase summary: %q", a.Name, a.Doc)
		}
	}
	if got := strings.Join(names, ","); got != "boundary,synccall,dataownership" {
		t.Errorf("analyzers: got %s, want boundary,synccall,dataownership", got)
	}
}

// TestFromYAMLError checks that a bad config is an error, with its position.
func TestFromYAMLError(t *testing.T) {
	_, err := analyzers.FromYAML("archcheck.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n"), "example.com/x")
	if err == nil || !strings.HasPrefix(err.Error(), "archcheck.yaml:5:") {
		t.Fatalf("got %v, want an error at archcheck.yaml:5", err)
	}
}

// TestCombined runs the single "archcheck" analyzer on a fixture module: the
// import rule and the sync-call, whose blocking fact comes from another
// package, each reported under its rule ID.
func TestCombined(t *testing.T) {
	cfg, err := rules.Parse("archcheck.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/m")
	a := analyzers.Combined(cfg)
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData()+"/combined", a, "example.com/m/...")
}

// TestCombinedFromYAML: the embedded config is parsed and bound; a bad one
// fails every package with its errors.
func TestCombinedFromYAML(t *testing.T) {
	a := analyzers.CombinedFromYAML("archcheck.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n"), "example.com/m")
	analysistest.Run(t, analysistest.TestData()+"/combined", a, "example.com/m/...")

	bad := analyzers.CombinedFromYAML("tools/archcheck/archcheck.yaml", []byte("version: 3\n"), "example.com/m")
	if err := analysis.Validate([]*analysis.Analyzer{bad}); err != nil {
		t.Fatal(err)
	}
	_, err := bad.Run(nil)
	if err == nil || !strings.HasPrefix(err.Error(), "tools/archcheck/archcheck.yaml:1:") {
		t.Errorf("bad config: Run returned %v, want the config's error", err)
	}
}
