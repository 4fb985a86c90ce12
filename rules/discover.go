package rules

import (
	"os"
	"path/filepath"
)

// ModuleRoot returns the nearest directory at or above dir that holds a
// go.mod, or "" if there is none. With Find it is the config discovery
// every front end shares (the CLI, the go vet tool, the golangci-lint
// plugin): a config's ./ patterns are relative to this directory.
func ModuleRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// DisplayPath is how messages name the file p: relative to base when it
// lies below base, else p as it is.
func DisplayPath(p, base string) string {
	if rel, err := filepath.Rel(base, p); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return p
}
