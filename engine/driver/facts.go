package driver

import (
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factKey identifies a fact independently of any one type-checking of its
// package: facts computed on a package loaded from source are found again
// from objects loaded from export data, in another packages.Load.
type factKey struct {
	pkg string          // package path
	obj objectpath.Path // "" for a package fact
	typ reflect.Type
}

// factStore holds every fact of a run, in memory, safe for concurrent use.
type factStore struct {
	mu    sync.RWMutex
	facts map[factKey]analysis.Fact
	byPkg map[string][]factKey
	types map[string]reflect.Type // fact type name → type, for decoding
}

func newFactStore(analyzers []*analysis.Analyzer) *factStore {
	s := &factStore{facts: map[factKey]analysis.Fact{}, byPkg: map[string][]factKey{}, types: map[string]reflect.Type{}}
	for _, a := range analyzers {
		for _, f := range a.FactTypes {
			t := reflect.TypeOf(f)
			s.types[t.String()] = t
			gob.Register(f) // cachedFact.Fact; as unitchecker registers it
		}
	}
	return s
}

// has reports whether pkg has any fact in the store: a package without
// facts (the standard library, a package whose analysis exported none)
// answers every import at once, without encoding an object path.
func (s *factStore) has(pkg string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byPkg[pkg]) > 0
}

func (s *factStore) get(k factKey) (analysis.Fact, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.facts[k]
	return f, ok
}

func (s *factStore) put(k factKey, f analysis.Fact) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.facts[k]; !ok {
		s.byPkg[k.pkg] = append(s.byPkg[k.pkg], k)
	}
	s.facts[k] = f
}

// keys returns the keys of pkg's facts, in a deterministic order.
func (s *factStore) keys(pkg string) []factKey {
	s.mu.RLock()
	keys := slices.Clone(s.byPkg[pkg])
	s.mu.RUnlock()
	slices.SortFunc(keys, func(a, b factKey) int {
		if c := strings.Compare(string(a.obj), string(b.obj)); c != 0 {
			return c
		}
		return strings.Compare(a.typ.String(), b.typ.String())
	})
	return keys
}

// cachedFact is a fact as written to the on-disk cache. The fact itself is
// an interface value (its type registered with gob by newFactStore), so
// that a package's facts are one gob stream, decoded by one decoder: one
// stream per fact compiled the decoder anew for every fact.
type cachedFact struct {
	Obj  string // object path; "" for a package fact
	Fact analysis.Fact
}

// encode returns pkg's facts in cache form.
func (s *factStore) encode(pkg string) ([]cachedFact, error) {
	var out []cachedFact
	for _, k := range s.keys(pkg) {
		f, _ := s.get(k)
		out = append(out, cachedFact{Obj: string(k.obj), Fact: f})
	}
	return out, nil
}

// decode adds facts read from the cache to the store.
func (s *factStore) decode(pkg string, facts []cachedFact) error {
	for _, cf := range facts {
		if cf.Fact == nil {
			return fmt.Errorf("a fact of %s without a value", pkg)
		}
		t := reflect.TypeOf(cf.Fact)
		if _, ok := s.types[t.String()]; !ok {
			return fmt.Errorf("unknown fact type %s", t)
		}
		s.put(factKey{pkg: pkg, obj: objectpath.Path(cf.Obj), typ: t}, cf.Fact)
	}
	return nil
}

// factAccess implements the fact functions of one pass.
type factAccess struct {
	store *factStore
	paths *pathMemo // nil: encode every time
	pkg   *types.Package
	enc   objectpath.Encoder
	errs  *[]error
}

func (fa *factAccess) objKey(obj types.Object, f analysis.Fact) (factKey, bool) {
	if obj == nil || obj.Pkg() == nil {
		return factKey{}, false
	}
	var mp memoPath
	found := false
	if fa.paths != nil {
		mp, found = fa.paths.get(obj)
	}
	if !found {
		p, err := fa.enc.For(obj)
		mp = memoPath{p, err == nil}
		if fa.paths != nil {
			fa.paths.put(obj, mp)
		}
	}
	if !mp.ok {
		return factKey{}, false
	}
	return factKey{pkg: obj.Pkg().Path(), obj: mp.path, typ: reflect.TypeOf(f)}, true
}

// pathMemo keeps the object paths encoded in a run, for every pass: the
// packages of a run share one universe, so an object imported by many
// packages (a helper of the module, a dependency's function) is encoded
// once, not once per importer (an objectpath.Encoder indexes the whole
// package of an object it has not seen, and there is one per pass).
type pathMemo struct {
	mu sync.RWMutex
	m  map[types.Object]memoPath
}

type memoPath struct {
	path objectpath.Path
	ok   bool // false: the object has no path (a local, a result)
}

func (m *pathMemo) get(obj types.Object) (memoPath, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, ok := m.m[obj]
	return p, ok
}

func (m *pathMemo) put(obj types.Object, p memoPath) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[types.Object]memoPath{}
	}
	m.m[obj] = p
}

func (fa *factAccess) importObject(obj types.Object, f analysis.Fact) bool {
	if obj == nil || obj.Pkg() == nil || !fa.store.has(obj.Pkg().Path()) {
		return false
	}
	k, ok := fa.objKey(obj, f)
	if !ok {
		return false
	}
	return fa.copy(k, f)
}

func (fa *factAccess) exportObject(obj types.Object, f analysis.Fact) {
	if obj.Pkg() != fa.pkg {
		*fa.errs = append(*fa.errs, fmt.Errorf("fact %T exported for %s, which is not in package %s", f, obj, fa.pkg.Path()))
		return
	}
	if k, ok := fa.objKey(obj, f); ok {
		fa.store.put(k, f)
	}
}

func (fa *factAccess) importPackage(pkg *types.Package, f analysis.Fact) bool {
	return pkg != nil && fa.copy(factKey{pkg: pkg.Path(), typ: reflect.TypeOf(f)}, f)
}

func (fa *factAccess) exportPackage(f analysis.Fact) {
	fa.store.put(factKey{pkg: fa.pkg.Path(), typ: reflect.TypeOf(f)}, f)
}

// copy sets *f to the stored fact for k.
func (fa *factAccess) copy(k factKey, f analysis.Fact) bool {
	stored, ok := fa.store.get(k)
	if !ok {
		return false
	}
	reflect.ValueOf(f).Elem().Set(reflect.ValueOf(stored).Elem())
	return true
}

// reachable returns the package and every package it imports, transitively.
func reachable(pkg *types.Package) []*types.Package {
	seen := map[*types.Package]bool{}
	var out []*types.Package
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(pkg)
	return out
}

func (fa *factAccess) allObjectFacts() []analysis.ObjectFact {
	var out []analysis.ObjectFact
	for _, p := range reachable(fa.pkg) {
		for _, k := range fa.store.keys(p.Path()) {
			if k.obj == "" {
				continue
			}
			obj, err := objectpath.Object(p, k.obj)
			if err != nil {
				continue
			}
			f, _ := fa.store.get(k)
			out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
		}
	}
	return out
}

func (fa *factAccess) allPackageFacts() []analysis.PackageFact {
	var out []analysis.PackageFact
	for _, p := range reachable(fa.pkg) {
		for _, k := range fa.store.keys(p.Path()) {
			if k.obj == "" {
				f, _ := fa.store.get(k)
				out = append(out, analysis.PackageFact{Package: p, Fact: f})
			}
		}
	}
	return out
}
