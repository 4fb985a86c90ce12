package plugin

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestTemplates: the plugin binds the config like the CLI, so a template
// expands against the directories of the config's module.
func TestTemplates(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":                      "module example.com/m\n\ngo 1.22\n",
		"archcheck.yaml":              "version: 1\nlayers: [domain]\nmodules:\n  domain:\n    each: ./internal/*\n    layer: domain\n",
		"internal/billing/billing.go": "package billing\n",
		"internal/orders/orders.go":   "package orders\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := New(map[string]any{"config": filepath.Join(dir, "archcheck.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := p.(*Plugin).load()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range cfg.Modules {
		names = append(names, m.Name+":"+m.Layer)
	}
	if want := []string{"billing:domain", "orders:domain"}; !slices.Equal(names, want) {
		t.Errorf("modules %v, want %v", names, want)
	}
}
