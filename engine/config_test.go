package engine

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/archcheck/archcheck/internal/testfs"
)

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	testfs.Write(t, dir, files)
}

func TestFindConfig(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":              "module m\n",
		"archcheck.yaml":      "version: 1\n",
		"sub/pkg/x.go":        "package pkg\n",
		"other/archcheck.yml": "version: 1\n",
		"nested/go.mod":       "module n\n",
		"nested/x/x.go":       "package x\n",
		"cfgdir/keep":         "",
	})
	// Walking up from a subdirectory finds the module root's config.
	got, err := FindConfig(filepath.Join(dir, "sub", "pkg"), "")
	if err != nil || !sameFile(t, got, filepath.Join(dir, "archcheck.yaml")) {
		t.Errorf("walk up: %q, %v", got, err)
	}
	// An explicit path is relative to dir, as under -C.
	got, err = FindConfig(dir, "other/archcheck.yml")
	if err != nil || got != filepath.Join(dir, "other", "archcheck.yml") {
		t.Errorf("explicit: %q, %v", got, err)
	}
	// A directory or a missing file given explicitly is a usage error.
	for _, explicit := range []string{"cfgdir", "missing.yaml"} {
		var ue *UsageError
		if _, err := FindConfig(dir, explicit); !errors.As(err, &ue) {
			t.Errorf("explicit %s: %v, want a UsageError", explicit, err)
		}
	}
	// The search stops at the nested module's root: no config there.
	if _, err := FindConfig(filepath.Join(dir, "nested", "x"), ""); !errors.Is(err, ErrNoConfig) {
		t.Errorf("nested module: %v, want ErrNoConfig", err)
	}
}

func TestFindConfigNotInModule(t *testing.T) {
	dir := t.TempDir()
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "go.mod")); err == nil {
		t.Skip("the temporary directory is inside a module")
	}
	var ue *UsageError
	if _, err := FindConfig(dir, ""); !errors.As(err, &ue) || errors.Is(err, ErrNoConfig) {
		t.Errorf("outside a module: %v, want the not-in-a-module usage error", err)
	}
}

func TestLoadConfigInvalid(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"go.mod": "module m\n", "archcheck.yaml": "version: 1\nmodules:\n  a:\n    colour: red\n"})
	var ce *ConfigError
	if _, err := LoadConfig(dir, ""); !errors.As(err, &ce) {
		t.Errorf("invalid config: %v, want a ConfigError", err)
	}
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// TestIgnoreInOverlay: an //archcheck:ignore comment present only in a
// GOFLAGS -overlay replacement suppresses the finding positioned in that
// replacement (the ignore index reads what go list and the parser saw).
func TestIgnoreInOverlay(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod":         "module example.com/ov\n\ngo 1.22\n",
		"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    forbidden_imports: [os/exec]\n",
		"a/a.go":         "package a\n\nimport _ \"os/exec\"\n",
		"repl.txt":       "package a\n\nimport _ \"os/exec\" //archcheck:ignore forbidden-import a test of the overlay\n",
	})
	ov := filepath.Join(dir, "overlay.json")
	writeFiles(t, dir, map[string]string{"overlay.json": `{"Replace":{"` + filepath.ToSlash(filepath.Join(dir, "a", "a.go")) + `":"` + filepath.ToSlash(filepath.Join(dir, "repl.txt")) + `"}}`})
	t.Setenv("GOFLAGS", "-overlay="+ov)
	res, err := Check(t.Context(), Options{Dir: dir, NoCache: true, Rules: []string{"forbidden-import", "ignore"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || res.Suppressed != 1 {
		t.Errorf("findings %v, %d suppressed; want none and 1 suppressed by the overlay's comment", res.Findings, res.Suppressed)
	}
}
