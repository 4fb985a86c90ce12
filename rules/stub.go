package rules

import "errors"

// TEMPORARY: signatures of the rules API, with placeholder bodies, so that
// every package compiles while the real implementation is written. The
// implementation replaces this file entirely.

// ErrNotFound is returned by Find when no archcheck.yaml exists above dir.
var ErrNotFound = errors.New("no archcheck.yaml found")

// Parse parses and validates an archcheck.yaml. Every problem is reported at
// once; the error is an *Errors whose lines read "FILE:LINE:COL: message".
func Parse(filename string, data []byte) (*Config, error) { return &Config{File: filename}, nil }

// Load reads and parses the config at path; messages name path as given.
func Load(path string) (*Config, error) { return nil, ErrNotFound }

// Find walks up from dir to the first archcheck.yaml and returns its path.
func Find(dir string) (string, error) { return "", ErrNotFound }

// CompilePattern checks and compiles one package pattern.
func CompilePattern(raw string) (Pattern, error) { return Pattern{Raw: raw}, nil }

// Match reports whether the (bound) pattern matches the import path.
func (p Pattern) Match(importPath string) bool { return false }

// Bind resolves `./` patterns against the main module's path.
func (c *Config) Bind(modulePath string) { c.ModulePath = modulePath }

// ModuleOf returns the module of a package: the most specific match; nil if
// the package is excluded or belongs to no module.
func (c *Config) ModuleOf(importPath string) *Module { return nil }

// Excluded reports whether the package is excluded.
func (c *Config) Excluded(importPath string) bool { return false }

// InMainModule reports whether the package belongs to the main module.
func (c *Config) InMainModule(importPath string) bool { return false }

// Module returns the module with that name, or nil.
func (c *Config) Module(name string) *Module { return nil }

// IsEvent reports whether the package matches an `events` pattern.
func (c *Config) IsEvent(importPath string) bool { return false }

// Severity returns the configured severity of a rule.
func (c *Config) Severity(rule string) Severity { return DefaultSeverity[rule] }

// SyncKindEnabled reports whether sync-call reports blocking of kind k.
func (c *Config) SyncKindEnabled(k Kind) bool { return k != KindDatabase }

// IsPublic reports whether importPath (a package of m) is public.
func (c *Config) IsPublic(m *Module, importPath string) bool { return true }

// ForbiddenImport returns the first forbidden_imports pattern (the module's,
// then the top-level ones) that importPath matches. m may be nil.
func (c *Config) ForbiddenImport(m *Module, importPath string) (Pattern, bool) {
	return Pattern{}, false
}

// CheckPackages validates the config against the packages that exist: two
// modules matching a package with equal specificity is an error; a
// packages/public/events/exclude pattern matching no package is a warning.
func (c *Config) CheckPackages(importPaths []string) (warnings []string, err error) {
	return nil, nil
}

// Hash is a hex digest of the config file's bytes.
func (c *Config) Hash() string { return "" }

// MayDependOn reports whether m lists name in depends_on.
func (m *Module) MayDependOn(name string) bool { return false }

// AllowsSyncTo reports whether m lists name in allow_sync.
func (m *Module) AllowsSyncTo(name string) bool { return false }

// ParseIgnore parses the text of an `//archcheck:ignore RULE[,RULE] reason`
// comment (the text after "archcheck:ignore").
func ParseIgnore(text string) (ruleIDs []string, reason string, err error) {
	return nil, "", errors.New("unimplemented")
}
