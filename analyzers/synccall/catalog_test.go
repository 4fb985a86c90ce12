package synccall

import (
	"strings"
	"testing"

	"github.com/archcheck/archcheck/catalog"
	"github.com/archcheck/archcheck/rules"
)

// concrete turns a catalog name with globs into one it matches.
func concrete(f catalog.Func) funcName {
	fill := func(s string) string {
		s = strings.ReplaceAll(s, "[A-Z]", "A")
		return strings.ReplaceAll(s, "*", "X")
	}
	return funcName{Pkg: fill(f.Pkg), Recv: f.Recv, Name: fill(f.Name)}
}

// TestCatalogMatched: every blocking operation, event seam and callback
// runner of the catalog is recognised by sync-call's matcher as what the
// catalog says it is (no entry shadowed by another of another kind).
func TestCatalogMatched(t *testing.T) {
	m := newMatcher(nil, newLists(nil), "example.com/self", false)
	for _, op := range catalog.Ops() {
		n := concrete(op.Func)
		if got := m.lookup(n); got.op != op.Kind || got.seam != "" {
			t.Errorf("op %+v: %+v classified as %+v", op, n, got)
		}
	}
	for _, s := range catalog.Seams() {
		n := concrete(s.Func)
		if got := m.lookup(n); got.seam != s.Lib {
			t.Errorf("seam %+v: %+v classified as %+v", s, n, got)
		}
	}
	for _, f := range catalog.Callbacks() {
		if _, ok := m.cbs.find(concrete(f)); !ok {
			t.Errorf("callback runner %+v not recognised", f)
		}
	}
	if got := m.lookup(funcName{Pkg: "example.com/other", Name: "Query"}); got != (target{}) {
		t.Errorf("a function outside the catalog classified as %+v", got)
	}
}

// TestNumKinds: the per-kind arrays are as long as rules.Kinds, whose
// indexes (kindIndex) address them.
func TestNumKinds(t *testing.T) {
	if numKinds != len(rules.Kinds) {
		t.Fatalf("numKinds = %d, len(rules.Kinds) = %d", numKinds, len(rules.Kinds))
	}
	for i, k := range rules.Kinds {
		if kindIndex(k) != i {
			t.Errorf("kindIndex(%s) = %d, want %d", k, kindIndex(k), i)
		}
	}
}
