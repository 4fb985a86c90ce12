package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// modCache memoises ModuleOf; it is safe for concurrent use.
type modCache struct {
	mu sync.RWMutex
	m  map[string]*Module
}

func newModCache() *modCache { return &modCache{m: make(map[string]*Module)} }

// Bind resolves `./` patterns against the main module's path, modulePath
// (for example "example.com/shop"; "std" for the standard library, whose
// packages have no module prefix, so `./strings` names package strings and
// `./...` every package). Before Bind, and after Bind(""), `./` patterns
// match nothing. Call Bind before the config is shared between goroutines.
func (c *Config) Bind(modulePath string) {
	c.ModulePath = modulePath
	c.expand() // templates.go
	c.bindLayers()
	bind := func(ps []Pattern) {
		for i := range ps {
			ps[i] = ps[i].Bind(modulePath)
		}
	}
	for _, m := range c.Modules {
		bind(m.Packages)
		bind(m.Public)
		bind(m.ForbiddenImports)
	}
	bind(c.Events)
	bind(c.ForbiddenImports)
	bind(c.Exclude)
	c.cache = newModCache()
}

// ModuleOf returns the module of a package: the module with the most
// specific pattern in `packages` that matches it; nil if the package is
// excluded or belongs to no module.
//
// Specificity compares two matching patterns, after Bind, by:
//
//  1. the number of literal elements (neither `*` nor `...`), more first,
//     so `example.com/shop/x/y/...` (4) beats `./x/...` bound to
//     example.com/shop (3) and `./x/*/z` (4) beats `./x/y/...` (3);
//  2. then the rank: exact (no wildcard) over `*` (has `*`, no `...`)
//     over `...` (has `...`).
//
// Patterns equal on both keys have equal specificity. When patterns of two
// modules tie for the best, that is a config error reported by
// CheckPackages; ModuleOf then returns the module declared first.
//
// Results are cached; ModuleOf is safe for concurrent use once Bind has
// returned.
func (c *Config) ModuleOf(importPath string) *Module {
	if c.cache != nil {
		c.cache.mu.RLock()
		m, ok := c.cache.m[importPath]
		c.cache.mu.RUnlock()
		if ok {
			return m
		}
	}
	m := c.assign(importPath)
	if c.cache != nil {
		c.cache.mu.Lock()
		c.cache.m[importPath] = m
		c.cache.mu.Unlock()
	}
	return m
}

// assign computes ModuleOf without the cache.
func (c *Config) assign(importPath string) *Module {
	if c.Excluded(importPath) {
		return nil
	}
	var best *Module
	var bestPat *Pattern
	for _, m := range c.Modules {
		for i := range m.Packages {
			p := &m.Packages[i]
			if (bestPat == nil || p.moreSpecific(bestPat)) && p.Match(importPath) {
				best, bestPat = m, p
			}
		}
	}
	return best
}

// bestMatches returns, for each module, its most specific pattern matching
// importPath, keeping only those tied for the best overall, in declaration
// order.
func (c *Config) bestMatches(importPath string) []*Pattern {
	var best []*Pattern // at most one per module
	for _, m := range c.Modules {
		var mine *Pattern
		for i := range m.Packages {
			p := &m.Packages[i]
			if (mine == nil || p.moreSpecific(mine)) && p.Match(importPath) {
				mine = p
			}
		}
		switch {
		case mine == nil:
		case len(best) == 0 || mine.moreSpecific(best[0]):
			best = append(best[:0], mine)
		case mine.sameSpecificity(best[0]):
			best = append(best, mine)
		}
	}
	return best
}

// Excluded reports whether the package matches an `exclude` pattern.
func (c *Config) Excluded(importPath string) bool { return matchAny(c.Exclude, importPath) }

// IsEvent reports whether the package matches an `events` pattern.
func (c *Config) IsEvent(importPath string) bool { return matchAny(c.Events, importPath) }

func matchAny(ps []Pattern, importPath string) bool {
	for i := range ps {
		if ps[i].Match(importPath) {
			return true
		}
	}
	return false
}

// InMainModule reports whether the package belongs to the main module (the
// one given to Bind): its path is ModulePath or starts with ModulePath+"/".
// For "std" it is a standard-library package: a path whose first element
// has no dot and is neither "cmd" (the separate cmd module) nor "C" (cgo's
// pseudo-package); vendored packages under "vendor/" are part of std. With
// no ModulePath it is always false.
func (c *Config) InMainModule(importPath string) bool {
	switch mp := c.ModulePath; mp {
	case "":
		return false
	case "std":
		if importPath == "" || importPath == "C" {
			return false
		}
		return !strings.HasPrefix(importPath, "cmd/") && importPath != "cmd" && LooksStd(importPath)
	default:
		return importPath == mp || len(importPath) > len(mp) && importPath[len(mp)] == '/' && strings.HasPrefix(importPath, mp)
	}
}

// LooksStd reports whether an import path looks like a standard-library
// one: its first element has no dot. Dotless module paths ("shop") look so
// too; callers tell them apart by what they know of the main module.
func LooksStd(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	return !strings.Contains(first, ".")
}

// Module returns the module with that name, or nil.
func (c *Config) Module(name string) *Module {
	for _, m := range c.Modules {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Severity returns the configured severity of a rule (its default when the
// config does not set it; Off for an unknown rule).
func (c *Config) Severity(rule string) Severity {
	if s, ok := c.Severities[rule]; ok {
		return s
	}
	return DefaultSeverity[rule]
}

// SyncKindEnabled reports whether sync-call reports blocking of kind k. A
// nil SyncCallKinds means the default (DefaultSyncCallKinds); an empty,
// non-nil one disables every kind.
func (c *Config) SyncKindEnabled(k Kind) bool {
	if c.SyncCallKinds == nil {
		return slices.Contains(DefaultSyncCallKinds, k)
	}
	return slices.Contains(c.SyncCallKinds, k)
}

// IsPublic reports whether importPath (a package of m) is public: true when
// m has no `public` key, else whether it matches one of m.Public. A nil m
// is public.
func (c *Config) IsPublic(m *Module, importPath string) bool {
	if m == nil || !m.PublicSet {
		return true
	}
	return matchAny(m.Public, importPath)
}

// ForbiddenImport returns the first forbidden_imports pattern (the module's,
// then the top-level ones) that importPath matches. m may be nil.
func (c *Config) ForbiddenImport(m *Module, importPath string) (Pattern, bool) {
	if m != nil {
		for _, p := range m.ForbiddenImports {
			if p.Match(importPath) {
				return p, true
			}
		}
	}
	for _, p := range c.ForbiddenImports {
		if p.Match(importPath) {
			return p, true
		}
	}
	return Pattern{}, false
}

// Hash is the hex SHA-256 of the bytes given to Parse ("" for a Config not
// made by Parse).
func (c *Config) Hash() string { return c.hash }

// MayDependOn reports whether m lists name in depends_on.
func (m *Module) MayDependOn(name string) bool { return slices.Contains(m.DependsOn, name) }

// AllowsSyncTo reports whether m lists name in allow_sync.
func (m *Module) AllowsSyncTo(name string) bool { return slices.Contains(m.AllowSync, name) }

// CheckPackages validates the bound config against the packages that
// exist, importPaths. It returns as an *Errors:
//
//   - a package matched with equal specificity by two modules, at the
//     later module's pattern: `package X matches modules a (./a/...) and b
//     (./x/...) with equal specificity`, once per pair of patterns, naming
//     the first such package in sorted order and how many others;
//   - a package matching `events` that belongs to no module (events
//     packages must belong to a module).
//
// The warnings, sorted "FILE:LINE:COL: message" lines, are the ones Parse
// found (a module listing itself in depends_on, a pattern repeated within a
// module) and every `packages`, `public`, `events` or `exclude` pattern that
// matches none of importPaths: `pattern "./x/..." matches no package`.
func (c *Config) CheckPackages(importPaths []string) (warnings []string, err error) {
	return c.CheckListed(importPaths, true, nil)
}

// CheckListed is CheckPackages for a run over importPaths; whole says they
// are every package of the main module (the default ./..., see
// WholeModule). Only then can a pattern be said to match no package: a run
// over ./a says nothing of ./b/... .
//
// imports, when given, holds the imports of the listed packages (test files'
// included): an excluded package that imports something forbidden_imports
// forbids is a warning at the exclude pattern.
func (c *Config) CheckListed(importPaths []string, whole bool, imports map[string][]string) (warnings []string, err error) {
	paths := slices.Clone(importPaths)
	slices.Sort(paths)
	paths = slices.Compact(paths)

	errs := append(c.ambiguities(paths), c.orphanEvents(paths)...)
	errs = append(errs, c.expandErrs...)
	warns := slices.Clone(c.warnings)
	warns = append(warns, c.expandWarns...)
	if whole {
		warns = append(warns, c.unmatched(paths)...)
	}
	warns = append(warns, c.excludedForbidden(imports)...)
	warnings = warns.Lines()
	if len(errs) > 0 {
		sortErrors(errs)
		return warnings, &errs
	}
	return warnings, nil
}

// ambiguities reports packages (sorted, unique paths) that modules match
// with equal specificity, once per pair of patterns.
func (c *Config) ambiguities(paths []string) Errors {
	type pair struct{ a, b *Pattern }
	type tie struct {
		pkg string // the first package, in sorted order
		n   int    // how many more
	}
	ties := map[pair]*tie{}
	var order []pair
	for _, path := range paths {
		if c.Excluded(path) {
			continue
		}
		best := c.bestMatches(path)
		for _, other := range best[min(1, len(best)):] {
			k := pair{best[0], other}
			if t, ok := ties[k]; ok {
				t.n++
				continue
			}
			ties[k] = &tie{pkg: path}
			order = append(order, k)
		}
	}
	var errs Errors
	for _, k := range order {
		t := ties[k]
		msg := fmt.Sprintf("package %s matches modules %s (%s) and %s (%s) with equal specificity",
			t.pkg, c.moduleOfPattern(k.a), k.a.Raw, c.moduleOfPattern(k.b), k.b.Raw)
		if t.n > 0 {
			msg += fmt.Sprintf(" (and %d more package%s)", t.n, plural(t.n))
		}
		errs = append(errs, &ConfigError{File: c.File, Pos: k.b.Pos, Msg: msg})
	}
	return errs
}

// orphanEvents reports events packages that belong to no module, at the
// first events pattern that matches them.
func (c *Config) orphanEvents(paths []string) Errors {
	var errs Errors
	for _, path := range paths {
		if !c.IsEvent(path) || c.ModuleOf(path) != nil || c.Excluded(path) {
			continue
		}
		for _, p := range c.Events {
			if p.Match(path) {
				errs = append(errs, &ConfigError{File: c.File, Pos: p.Pos, Msg: fmt.Sprintf(
					"events package %s belongs to no module (events packages must belong to one, usually a shared module)", path)})
				break
			}
		}
	}
	return errs
}

// WholeModule reports whether a run's package patterns list every package
// of the main module: none (the default) or ./... .
func WholeModule(patterns []string) bool {
	return len(patterns) == 0 || len(patterns) == 1 && (patterns[0] == "./..." || patterns[0] == "...")
}

// unmatched warns about packages, public, events and exclude patterns that
// match none of paths (the main module's packages). A pattern for packages
// outside the main module (a dependency's, example.org/lib/...) is not
// checked: they are not listed.
func (c *Config) unmatched(paths []string) Errors {
	var warns Errors
	check := func(ps []Pattern) {
		for i := range ps {
			if p := &ps[i]; !slices.ContainsFunc(paths, p.Match) && c.mayBeMain(p) {
				warns = append(warns, &ConfigError{File: c.File, Pos: p.Pos, Msg: fmt.Sprintf("pattern %q matches no package", p.Raw)})
			}
		}
	}
	// A template's pattern is one line for all its modules: it matches no
	// package when it matches none for any of them (a domain without an
	// api/ folder is no warning).
	type tmplPat struct {
		tmpl string
		pos  Pos
	}
	tmplUsed := map[tmplPat]bool{}
	var tmplOrder []tmplPat
	for _, m := range c.Modules {
		if m.Template == "" {
			check(m.Packages)
			check(m.Public)
			continue
		}
		for _, ps := range [][]Pattern{m.Packages, m.Public} {
			for i := range ps {
				k := tmplPat{m.Template, ps[i].Pos}
				if _, seen := tmplUsed[k]; !seen {
					tmplOrder = append(tmplOrder, k)
				}
				tmplUsed[k] = tmplUsed[k] || slices.ContainsFunc(paths, ps[i].Match)
			}
		}
	}
	for _, k := range tmplOrder {
		if !tmplUsed[k] {
			warns = append(warns, &ConfigError{File: c.File, Pos: k.pos, Msg: fmt.Sprintf(
				"pattern %q of template %q matches no package of its modules", c.templatePattern(k.tmpl, k.pos), k.tmpl)})
		}
	}
	check(c.Events)
	check(c.Exclude)
	return warns
}

// templatePattern is the template's pattern at pos as written ({name}
// unexpanded), or its each for the default packages.
func (c *Config) templatePattern(name string, pos Pos) string {
	for _, t := range c.Templates {
		if t.Name != name {
			continue
		}
		for _, ps := range [][]Pattern{t.Proto.Packages, t.Proto.Public} {
			for _, p := range ps {
				if p.Pos == pos {
					return p.Raw
				}
			}
		}
		return t.Each
	}
	return ""
}

// excludedForbidden warns, at each exclude pattern, about the forbidden
// imports it hides: excluded packages are left out of every rule (SPEC),
// which silently cancelled a module's forbidden imports (issue 16 item 9).
// The exclusion stands; the warning names the first import it hides. An
// excluded package that imports nothing forbidden costs nothing and is not
// mentioned, so a config with a top-level forbidden_imports and an exclude
// list does not warn on every run.
func (c *Config) excludedForbidden(imports map[string][]string) Errors {
	if len(imports) == 0 {
		return nil
	}
	paths := slices.Sorted(maps.Keys(imports))
	var warns Errors
	for i := range c.Exclude {
		ex := &c.Exclude[i]
		var first string
		n := 0
		for _, path := range paths {
			if !ex.Match(path) {
				continue
			}
			var m *Module
			if best := c.bestMatches(path); len(best) > 0 {
				m = c.Module(c.moduleOfPattern(best[0]))
			}
			for _, imp := range imports[path] {
				if p, ok := c.ForbiddenImport(m, imp); ok {
					if n == 0 {
						first = fmt.Sprintf("%s's import of %s (%q", path, imp, p.Raw)
						if m != nil && slices.ContainsFunc(m.ForbiddenImports, func(q Pattern) bool { return q.Raw == p.Raw }) {
							first += ", module " + m.Name
						}
						first += ")"
					}
					n++
				}
			}
		}
		if n == 0 {
			continue
		}
		more := ""
		if n > 1 {
			more = fmt.Sprintf(" and %d more", n-1)
		}
		warns = append(warns, &ConfigError{File: c.File, Pos: ex.Pos, Msg: fmt.Sprintf(
			"exclude %q hides %s%s from forbidden_imports: excluded packages are left out of every rule", ex.Raw, first, more)})
	}
	return warns
}

// mayBeMain reports whether p can match packages of the main module: it is
// written ./..., or its literal start lies in the module path or the module
// path in it ("example.com/m/x/...", "example.com/..."). For std, any path
// without a dot in its first element.
func (c *Config) mayBeMain(p *Pattern) bool {
	if p.rel || c.ModulePath == "" {
		return true
	}
	lit := p.Raw
	if i := strings.IndexAny(lit, "*"); i >= 0 {
		lit = lit[:i]
	}
	lit = strings.TrimSuffix(strings.TrimSuffix(lit, "..."), "/")
	if c.ModulePath == "std" {
		return LooksStd(p.Raw)
	}
	mp := c.ModulePath
	return lit == mp || strings.HasPrefix(lit, mp+"/") || strings.HasPrefix(mp, lit+"/") || lit == ""
}

// moduleOfPattern returns the name of the module declaring p.
func (c *Config) moduleOfPattern(p *Pattern) string {
	for _, m := range c.Modules {
		for i := range m.Packages {
			if &m.Packages[i] == p {
				return m.Name
			}
		}
	}
	return "?"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
