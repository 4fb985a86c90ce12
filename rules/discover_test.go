package rules

import (
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRoot(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(filepath.Join(sub, "go.mod"), 0o755); err != nil { // a directory named go.mod is no go.mod
		t.Fatal(err)
	}
	if got := ModuleRoot(sub); got == sub {
		t.Errorf("ModuleRoot(%s) = %q: a directory named go.mod counted", sub, got)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ModuleRoot(sub); got != root {
		t.Errorf("ModuleRoot(%s) = %q, want %q", sub, got, root)
	}
	if got := ModuleRoot(root); got != root {
		t.Errorf("ModuleRoot(%s) = %q, want itself", root, got)
	}
}

func TestDisplayPath(t *testing.T) {
	base := filepath.FromSlash("/w/m")
	for p, want := range map[string]string{
		filepath.FromSlash("/w/m/archcheck.yaml"):   "archcheck.yaml",
		filepath.FromSlash("/w/m/x/archcheck.yaml"): filepath.FromSlash("x/archcheck.yaml"),
		filepath.FromSlash("/w/archcheck.yaml"):     filepath.FromSlash("/w/archcheck.yaml"),
		filepath.FromSlash("/w/mm/archcheck.yaml"):  filepath.FromSlash("/w/mm/archcheck.yaml"),
	} {
		if got := DisplayPath(p, base); got != want {
			t.Errorf("DisplayPath(%s, %s) = %s, want %s", p, base, got, want)
		}
	}
}
