package insight

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// marketGraph loads testdata/market (sources are read for the entry
// points) and adds hand-built calls and sites, so the test does not depend
// on the sync-call analyzer.
func marketGraph(t *testing.T) *graph.Graph {
	t.Helper()
	dir := filepath.Join("..", "testdata", "market")
	pkgs, main, errs, err := load.List(context.Background(), load.Options{Dir: dir})
	if err != nil || len(errs) > 0 {
		t.Fatalf("list: %v %v", err, errs)
	}
	cfg, err := rules.Load(filepath.Join(dir, "archcheck.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind(main.Path)
	g := graph.Build(main, cfg, pkgs)
	const m = "example.com/market/internal/"
	mk := func(caller, callee string, kind rules.Kind, chain ...string) graph.Call {
		c := graph.Call{Caller: m + caller, Callee: m + callee, FromPkg: graph.FuncPackage(m + caller), ToPkg: graph.FuncPackage(m + callee), File: "x.go", Line: 1}
		c.FromModule, c.ToModule = g.Module[c.FromPkg], g.Module[c.ToPkg]
		if kind != "" {
			c.Kinds = []rules.Kind{kind}
			c.Chains = map[rules.Kind][]string{kind: chain}
		}
		return c
	}
	charge := []string{m + "orders.charge", m + "billing.Charge", m + "billing.pay", "net/http.Post"}
	place := []string{m + "web.handleCheckout", m + "orders.Place", m + "orders.charge", m + "billing.Charge", m + "billing.pay", "net/http.Post"}
	record := []string{m + "orders.charge", m + "billing.Charge", m + "billing/ledger.Record", "(*database/sql.DB).Exec"}
	c := mk("orders.charge", "billing.Charge", rules.KindNetwork, charge...)
	c.Kinds = append(c.Kinds, rules.KindDatabase)
	c.Chains[rules.KindDatabase] = record
	calls := []graph.Call{
		c,
		mk("web.handleCheckout", "orders.Place", rules.KindNetwork, place...),
		mk("orders.Place", "catalog.Available", rules.KindDatabase, m+"orders.Place", m+"catalog.Available", "(*database/sql.DB).QueryContext"),
		mk("web.quote", "inventory/shipping.Quote", ""),
	}
	b := graph.NewBuilder(g, nil)
	b.AddCalls(calls)
	// The sites: the blocking calls above and orders.Place's call of
	// charge inside its package.
	b.AddSites(slices.DeleteFunc(slices.Clone(calls), func(c graph.Call) bool { return !c.Blocking() }))
	b.AddSites([]graph.Call{{Caller: m + "orders.Place", Callee: m + "orders.charge", FromPkg: m + "orders", ToPkg: m + "orders",
		FromModule: "orders", ToModule: "orders", Kinds: []rules.Kind{rules.KindNetwork}, File: "internal/orders/orders.go", Line: 24}})
	return b.Finish(nil)
}

func TestImpact(t *testing.T) {
	g := marketGraph(t)
	im, err := ComputeImpact(g, "billing")
	if err != nil {
		t.Fatal(err)
	}
	const m = "example.com/market/internal/"
	if want := []string{"(*database/sql.DB).Exec", "net/http.Post"}; !reflect.DeepEqual(im.Operations, want) {
		t.Errorf("operations %v, want %v", im.Operations, want)
	}
	type row struct{ via, entry string }
	got := map[string]row{}
	for _, b := range im.Blocked {
		got[b.Func] = row{b.Via, b.Entry}
		if b.Chain[0] != b.Func || b.Chain[len(b.Chain)-1] != "net/http.Post" {
			t.Errorf("%s: chain %v", b.Func, b.Chain)
		}
		if !reflect.DeepEqual(b.Kinds, []rules.Kind{rules.KindNetwork, rules.KindDatabase}) {
			t.Errorf("%s: kinds %v", b.Func, b.Kinds)
		}
	}
	want := map[string]row{
		m + "orders.charge":      {"", ""},                             // direct, unexported
		m + "orders.Place":       {m + "orders.charge", EntryExported}, // a typed site inside its package
		m + "web.handleCheckout": {m + "orders.Place", EntryHTTP},      // a recorded call; registered with a mux
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocked:\n%v\nwant:\n%v", got, want)
	}
	// Grouped by module in declaration order (web, orders, ...), each
	// with the edge's blocking call sites.
	if want := []ImpactModule{{Module: "web", Functions: 1, EntryPoints: 1}, {Module: "orders", BlockingCalls: 1, Functions: 2, EntryPoints: 1}}; !reflect.DeepEqual(im.Modules, want) {
		t.Errorf("modules %+v, want %+v", im.Modules, want)
	}
	for _, b := range im.Blocked {
		// The climb inside orders found Place through its site: the
		// call of charge in orders.go.
		if b.Func == m+"orders.Place" && (b.File != "internal/orders/orders.go" || b.Line != 24) {
			t.Errorf("Place located at %s:%d", b.File, b.Line)
		}
		// charge is reached from both entry points.
		if b.Func == m+"orders.charge" && !reflect.DeepEqual(b.EntryPoints, []string{m + "orders.Place", m + "web.handleCheckout"}) {
			t.Errorf("charge's entry points: %v", b.EntryPoints)
		}
	}
	if n := len(im.Entries()); n != 2 {
		t.Errorf("%d entry points, want 2", n)
	}
}

func TestImpactNegative(t *testing.T) {
	g := marketGraph(t)
	// catalog's I/O is reached only from orders.Place; inventory has no
	// blocking I/O at all; an unknown module is an error.
	im, err := ComputeImpact(g, "inventory")
	if err != nil || len(im.Blocked) != 0 {
		t.Errorf("inventory: %+v, %v; want nothing blocked", im, err)
	}
	im, err = ComputeImpact(g, "catalog")
	if err != nil || len(im.Blocked) != 2 || im.Blocked[1].Func != "example.com/market/internal/orders.Place" || im.Blocked[1].Depth != 0 {
		t.Errorf("catalog: %+v, %v", im, err)
	}
	if _, err := ComputeImpact(g, "nope"); err == nil {
		t.Error("unknown module: no error")
	}
}

func TestExportedLocal(t *testing.T) {
	for in, want := range map[string]bool{"F": true, "f": false, "T.M": true, "t.M": false, "T.m": false, "(*T).M": true, "(*t).M": false} {
		if got := exportedLocal(in); got != want {
			t.Errorf("exportedLocal(%q) = %v", in, got)
		}
	}
}

func TestIsLiteral(t *testing.T) {
	for in, want := range map[string]bool{
		"example.com/m/cmd.NewCmdView.func1": true, "example.com/m/cmd.NewCmdView.func1.2": true,
		"(*example.com/m/cmd.T).Run.func3": true, "example.com/m/cmd.NewCmdView": false,
		"example.com/m/cmd.funcs": false, "example.com/m/cmd.T.func": false,
	} {
		if got := isLiteral(in); got != want {
			t.Errorf("isLiteral(%q) = %v", in, got)
		}
	}
}

// A stored literal that nothing calls (cobra's RunE) is where the chain
// starts: an entry point of kind callback.
func TestImpactCallbackEntry(t *testing.T) {
	g := marketGraph(t)
	const m = "example.com/market/internal/"
	b := graph.NewBuilder(g, nil)
	b.AddSites([]graph.Call{{Caller: m + "web.routes.func1", Callee: m + "web.handleCheckout", FromPkg: m + "web", ToPkg: m + "web",
		FromModule: "web", ToModule: "web", Kinds: []rules.Kind{rules.KindNetwork}, File: "internal/web/web.go", Line: 30}})
	g = b.Finish(nil)
	im, err := ComputeImpact(g, "billing")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range im.Blocked {
		if b.Func == m+"web.routes.func1" {
			if b.Entry != EntryCallback || b.Via != m+"web.handleCheckout" {
				t.Errorf("literal: %+v", b)
			}
			return
		}
	}
	t.Errorf("the literal calling the handler is not blocked: %+v", im.Blocked)
}

// TestImpactTypedOnly: the climb follows typed call sites only. With the
// calls between modules and no sites, orders.Place is not a caller,
// although its body calls a function named charge (matching by name, the
// old fallback without sites, joined unrelated methods of the same name).
func TestImpactTypedOnly(t *testing.T) {
	full := marketGraph(t)
	b := graph.NewBuilder(graph.Build(full.Main, full.Config, full.Packages), nil)
	b.AddCalls(full.Calls)
	im, err := ComputeImpact(b.Finish(nil), "billing")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, bl := range im.Blocked {
		got = append(got, bl.Func)
	}
	if want := []string{"example.com/market/internal/orders.charge"}; !reflect.DeepEqual(got, want) || im.Resolution != "typed" {
		t.Errorf("blocked %v (%s), want %v", got, im.Resolution, want)
	}
}
