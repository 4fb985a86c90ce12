package analyzers_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers"
)

// TestValidate checks the full analyzer list built from the shop fixture's
// archcheck.yaml, loaded through the real parser.
func TestValidate(t *testing.T) {
	name := filepath.Join("..", "testdata", "shop", "archcheck.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	all, err := analyzers.FromYAML(name, data, "example.com/shop")
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
	if got := strings.Join(names, ","); got != "boundary,synccall" {
		t.Errorf("analyzers: got %s, want boundary,synccall", got)
	}
}

// TestFromYAMLError checks that a bad config is an error, with its position.
func TestFromYAMLError(t *testing.T) {
	_, err := analyzers.FromYAML("archcheck.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n"), "example.com/x")
	if err == nil || !strings.HasPrefix(err.Error(), "archcheck.yaml:5:") {
		t.Fatalf("got %v, want an error at archcheck.yaml:5", err)
	}
}
