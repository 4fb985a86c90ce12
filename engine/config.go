package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/archcheck/archcheck/rules"
)

// ErrNoConfig means no archcheck.yaml was found where one is required.
var ErrNoConfig = errors.New("no archcheck.yaml found (run `archcheck init` to write one, or pass --config)")

// ConfigError is a config that does not parse or validate; the CLI exits 2.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// UsageError is bad input other than the config (an unknown rule in
// --rules, a missing directory): the CLI exits 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// FindConfig returns the config path: explicit if given (relative to dir,
// as every path is under -C, like `go -C`), else the first archcheck.yaml
// walking up from dir. The returned path is relative to the current
// directory when that is shorter, as it appears in messages.
func FindConfig(dir, explicit string) (string, error) {
	if explicit != "" {
		if !filepath.IsAbs(explicit) && dir != "" && dir != "." {
			explicit = filepath.Join(dir, explicit)
		}
		fi, err := os.Stat(explicit)
		if err != nil {
			return "", &UsageError{fmt.Errorf("config: %w", err)}
		}
		if fi.IsDir() {
			return "", &UsageError{fmt.Errorf("config: %s is a directory, not a file", explicit)}
		}
		return explicit, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", &UsageError{err}
	}
	p, err := rules.Find(abs)
	if err != nil {
		if !inModule(abs) {
			return "", NotInModule(dir)
		}
		return "", ErrNoConfig
	}
	return displayPath(p), nil
}

// inModule reports whether dir or a parent holds a go.mod or go.work, as
// the go command needs.
func inModule(dir string) bool {
	for d := dir; ; d = filepath.Dir(d) {
		for _, f := range []string{"go.mod", "go.work"} {
			if fi, err := os.Stat(filepath.Join(d, f)); err == nil && !fi.IsDir() {
				return true
			}
		}
		if filepath.Dir(d) == d {
			return false
		}
	}
}

// NotInModule is the error for a run outside any Go module, where the
// config lookup would otherwise ask for an archcheck.yaml that init could
// not write either (issue 16 item 13).
func NotInModule(dir string) error {
	where := dir
	if where == "" || where == "." {
		where = "the current directory"
	}
	return &UsageError{fmt.Errorf("not in a Go module: no go.mod in %s or any parent directory (run archcheck inside a module, or pass -C DIR)", where)}
}

// displayPath shortens an absolute path to one relative to the working
// directory when it lies below it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	return rules.DisplayPath(p, wd)
}

// LoadConfig finds and parses the config.
func LoadConfig(dir, explicit string) (*rules.Config, error) {
	p, err := FindConfig(dir, explicit)
	if err != nil {
		return nil, err
	}
	cfg, err := rules.Load(p)
	if err != nil {
		return nil, &ConfigError{err}
	}
	return cfg, nil
}
