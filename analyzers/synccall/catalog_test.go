package synccall

import (
	"go/types"
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

// TestCatalogGroups: the Go and Wait methods of every goroutine group of
// the catalog are read as a group's, pointer receivers too; a method of
// the same name on another type is not.
func TestCatalogGroups(t *testing.T) {
	sig := func(recv types.Type) *types.Signature {
		return types.NewSignatureType(types.NewVar(0, nil, "g", recv), nil, nil, nil, nil, false)
	}
	for _, g := range catalog.Groups() {
		pkg := types.NewPackage(g.Pkg, "p")
		named := types.NewNamed(types.NewTypeName(0, pkg, g.Recv, nil), types.NewStruct(nil, nil), nil)
		for _, recv := range []types.Type{named, types.NewPointer(named)} {
			goFn := types.NewFunc(0, pkg, "Go", sig(recv))
			if !isGroup(goFn) || !isGroupGo(goFn) {
				t.Errorf("%s.%s.Go (receiver %s): not a group's Go", g.Pkg, g.Recv, recv)
			}
			if wait := types.NewFunc(0, pkg, "Wait", sig(recv)); !isGroup(wait) || isGroupGo(wait) {
				t.Errorf("%s.%s.Wait (receiver %s): not a group's Wait", g.Pkg, g.Recv, recv)
			}
		}
	}
	other := types.NewPackage("example.com/pool", "pool")
	named := types.NewNamed(types.NewTypeName(0, other, "Group", nil), types.NewStruct(nil, nil), nil)
	if fn := types.NewFunc(0, other, "Go", sig(named)); isGroup(fn) {
		t.Error("example.com/pool.Group.Go read as a goroutine group's")
	}
}
