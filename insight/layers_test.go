package insight

import (
	"fmt"
	"reflect"
	"testing"
)

func TestProposeLayers(t *testing.T) {
	mods := func(names ...string) []ProposedModule {
		var out []ProposedModule
		for _, n := range names {
			out = append(out, ProposedModule{Name: n})
		}
		return out
	}
	deps := func(edges ...string) map[string]map[string]bool {
		d := map[string]map[string]bool{}
		for _, e := range edges {
			var from, to string
			if _, err := fmt.Sscanf(e, "%s %s", &from, &to); err != nil {
				t.Fatalf("edge %q: %v", e, err)
			}
			addTo(d, from, to)
		}
		return d
	}
	layersOf := func(ms []ProposedModule) map[string]string {
		out := map[string]string{}
		for _, m := range ms {
			out[m.Name] = m.Layer
		}
		return out
	}
	// cmd → api → {billing, orders} → db; orders → billing.
	ms := mods("api", "billing", "cmd", "db", "orders")
	got, _ := proposeLayers(ms, deps("cmd api", "api billing", "api orders", "orders billing", "billing db", "orders db"))
	if want := []string{"app", "service", "domain", "core", "base"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("layers %v, want %v", got, want)
	}
	if want := map[string]string{"cmd": "app", "api": "service", "orders": "domain", "billing": "core", "db": "base"}; !reflect.DeepEqual(layersOf(ms), want) {
		t.Errorf("modules' layers %v, want %v", layersOf(ms), want)
	}

	// Seven levels fold into five layers; every import still goes down or
	// stays within a layer.
	ms = mods("l0", "l1", "l2", "l3", "l4", "l5", "l6")
	d := deps("l6 l5", "l5 l4", "l4 l3", "l3 l2", "l2 l1", "l1 l0")
	if got, _ := proposeLayers(ms, d); len(got) != 5 {
		t.Fatalf("7 levels: %d layers %v, want 5", len(got), got)
	}
	idx := map[string]int{}
	for i, n := range layerNames[5] {
		idx[n] = i
	}
	l := layersOf(ms)
	for from, tos := range d {
		for to := range tos {
			if idx[l[to]] < idx[l[from]] {
				t.Errorf("%s (%s) imports %s (%s), a higher layer", from, l[from], to, l[to])
			}
		}
	}

	// A cycle (test imports included) or a flat graph: no layers. The
	// cycle is given, to say why: d imports into it but is not on it.
	ms = mods("a", "b", "c", "d")
	if got, cycle := proposeLayers(ms, deps("d a", "a b", "b c", "c a")); got != nil || ms[0].Layer != "" ||
		!reflect.DeepEqual(cycle, []string{"a", "b", "c", "a"}) {
		t.Errorf("cycle: layers %v, a's layer %q, cycle %v", got, ms[0].Layer, cycle)
	}
	if got, cycle := proposeLayers(mods("a", "b", "c"), deps()); got != nil || cycle != nil {
		t.Errorf("no imports: layers %v, cycle %v", got, cycle)
	}
	if got, cycle := proposeLayers(mods("a", "b"), deps("a b")); got != nil || cycle != nil {
		t.Errorf("two modules: layers %v, cycle %v", got, cycle)
	}
}
