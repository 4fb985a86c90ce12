package synccall

import (
	"go/types"
	"path"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// funcName is the name by which operations and seams match a function.
type funcName struct {
	Pkg, Recv, Name string
}

// nameOf returns the matching name of fn (its generic origin).
func nameOf(fn *types.Func) funcName {
	fn = fn.Origin()
	n := funcName{Name: fn.Name()}
	if fn.Pkg() != nil {
		n.Pkg = fn.Pkg().Path()
	}
	if recv := fn.Signature().Recv(); recv != nil {
		n.Recv = strings.Trim(recvName(recv.Type()), "(*)")
	}
	return n
}

// matches reports whether s names n.
func (s nameSpec) matches(n funcName) bool {
	if s.Recv != n.Recv {
		// A spec "pkg.*" without receiver names every function and method.
		if s.Recv != "" || s.Name != "*" {
			return false
		}
	}
	return glob(s.Name, n.Name) && glob(s.Pkg, n.Pkg)
}

func glob(pattern, s string) bool {
	if !strings.ContainsAny(pattern, "*[") {
		return pattern == s
	}
	ok, err := path.Match(pattern, s)
	return ok && err == nil
}

// A matcher finds the blocking operations and event seams among callees.
type matcher struct {
	self      string // the package analysed: its own calls are never seams
	userOps   []opSpec
	userSeams func(pkgPath string) (seam string, ok bool)
	ops       index[opSpec]
	seams     index[seamSpec]
	cbs       index[cbSpec]
	memo      map[*types.Func]target
	cbMemo    map[*types.Func]bool
}

// index looks specs up by exact package path, then by globbed path.
type index[T interface{ spec() nameSpec }] struct {
	byPkg map[string][]T
	globs []T
}

func (s opSpec) spec() nameSpec   { return s.nameSpec }
func (s seamSpec) spec() nameSpec { return s.nameSpec }

func newIndex[T interface{ spec() nameSpec }](specs []T) index[T] {
	ix := index[T]{byPkg: map[string][]T{}}
	for _, s := range specs {
		if p := s.spec().Pkg; strings.ContainsAny(p, "*[") {
			ix.globs = append(ix.globs, s)
		} else {
			ix.byPkg[p] = append(ix.byPkg[p], s)
		}
	}
	return ix
}

// find returns the first spec that names n.
func (ix index[T]) find(n funcName) (T, bool) {
	for _, s := range ix.byPkg[n.Pkg] {
		if s.spec().matches(n) {
			return s, true
		}
	}
	for _, s := range ix.globs {
		if s.spec().matches(n) {
			return s, true
		}
	}
	var zero T
	return zero, false
}

// lists are the indexed blocking operations and event seams: built once per
// analyzer (they depend only on the config) and read by every package's
// matcher, so a run over thousands of packages does not rebuild them.
type lists struct {
	ops     index[opSpec]
	seams   index[seamSpec]
	cbs     index[cbSpec]
	userOps []opSpec
}

func newLists(cfg *rules.Config) *lists {
	l := &lists{ops: newIndex(builtinOps()), seams: newIndex(builtinSeams()), cbs: newIndex(builtinCallbacks())}
	if cfg != nil {
		l.userOps = userOps(cfg)
	}
	return l
}

// newMatcher returns the matcher for a package: the built-in lists, and the
// config's lists when user is set (the main module's packages).
func newMatcher(cfg *rules.Config, l *lists, self string, user bool) *matcher {
	m := &matcher{
		self:   self,
		ops:    l.ops,
		seams:  l.seams,
		cbs:    l.cbs,
		memo:   map[*types.Func]target{},
		cbMemo: map[*types.Func]bool{},
	}
	if user && cfg != nil {
		m.userOps = l.userOps
		m.userSeams = func(p string) (string, bool) { return eventSeam(cfg, p) }
	}
	return m
}

// userOps converts the config's blocking entries.
func userOps(cfg *rules.Config) []opSpec {
	out := make([]opSpec, 0, len(cfg.Blocking))
	for _, b := range cfg.Blocking {
		pkg := b.Pkg
		if rest, ok := strings.CutPrefix(pkg, "./"); ok {
			pkg = cfg.ModulePath + "/" + rest
		}
		out = append(out, opSpec{nameSpec{pkg, b.Recv, b.Name}, b.Kind})
	}
	return out
}

// eventSeam reports whether pkgPath is an events package of the config, and
// names the seam by the first pattern that matches it.
func eventSeam(cfg *rules.Config, pkgPath string) (string, bool) {
	if !cfg.IsEvent(pkgPath) {
		return "", false
	}
	for _, p := range cfg.Events {
		if p.Match(pkgPath) {
			return patternText(p), true
		}
	}
	return pkgPath, true
}

// patternText is a pattern as a path: without "./" and "/...".
func patternText(p rules.Pattern) string {
	s := strings.TrimPrefix(p.Raw, "./")
	s = strings.TrimSuffix(s, "/...")
	return strings.TrimSuffix(s, "...")
}

// target classifies a callee.
type target struct {
	seam string     // non-empty: an event seam, never blocking
	op   rules.Kind // non-empty: a blocking operation of this kind
}

// classify returns what fn is: an event seam, a blocking operation, or
// neither. The config's events and blocking lists take precedence.
func (m *matcher) classify(fn *types.Func) target {
	if t, ok := m.memo[fn]; ok {
		return t
	}
	t := m.lookup(nameOf(fn))
	m.memo[fn] = t
	return t
}

func (m *matcher) lookup(n funcName) target {
	if m.userSeams != nil && n.Pkg != m.self {
		if seam, ok := m.userSeams(n.Pkg); ok {
			return target{seam: seam}
		}
	}
	for _, s := range m.userOps {
		if s.matches(n) {
			return target{op: s.Kind}
		}
	}
	if s, ok := m.seams.find(n); ok {
		return target{seam: s.Seam}
	}
	if s, ok := m.ops.find(n); ok {
		return target{op: s.Kind}
	}
	return target{}
}

// callback reports whether fn is a built-in callback runner: it calls its
// function-typed parameters synchronously.
func (m *matcher) callback(fn *types.Func) bool {
	ok, seen := m.cbMemo[fn]
	if !seen {
		_, ok = m.cbs.find(nameOf(fn))
		m.cbMemo[fn] = ok
	}
	return ok
}
