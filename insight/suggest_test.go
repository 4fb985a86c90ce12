package insight

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/graph/graphtest"
	"github.com/archcheck/archcheck/rules"
)

// build makes a graph from a config and "pkg -> imp imp" lines, packages
// relative to example.com/m; no source files.
func build(t *testing.T, yaml string, lines ...string) *graph.Graph {
	t.Helper()
	return graphtest.Build(t, yaml, lines...)
}

// call makes a cross-module call; kind "" is a non-blocking call, "publish"
// a publish.
func call(g *graph.Graph, caller, callee string, kind rules.Kind, chainRest ...string) graph.Call {
	const mod = "example.com/m/"
	c := graph.Call{Caller: mod + caller, Callee: mod + callee, FromPkg: graph.FuncPackage(mod + caller), ToPkg: graph.FuncPackage(mod + callee)}
	c.FromModule, c.ToModule = g.Module[c.FromPkg], g.Module[c.ToPkg]
	switch kind {
	case "":
	case "publish":
		c.Publish = true
	default:
		chain := []string{c.Caller, c.Callee}
		for _, r := range chainRest {
			if strings.Contains(r, "/") || !strings.Contains(r, ".") {
				chain = append(chain, r)
			} else {
				chain = append(chain, mod+r)
			}
		}
		c.Kinds = []rules.Kind{kind}
		c.Chains = map[rules.Kind][]string{kind: chain}
	}
	return c
}

const shopYAML = `version: 1
modules:
  app:
    packages: [./cmd/...]
  checkout:
    packages: [./checkout/...]
  catalog:
    packages: [./catalog/...]
  billing:
    packages: [./billing/...]
  analytics:
    packages: [./analytics/...]
  platform:
    packages: [./platform/...]
    shared: true
`

func shopGraph(t *testing.T) *graph.Graph {
	g := build(t, shopYAML,
		"cmd/shop -> checkout analytics",
		"checkout -> catalog billing platform/events",
		"catalog -> checkout",
		"billing -> billing/store platform/db",
		"billing/store -> platform/db",
		"analytics -> platform/events",
		"platform/events ->",
		"platform/db ->",
	)
	b := graph.NewBuilder(g, nil)
	b.AddCalls([]graph.Call{
		call(g, "checkout.Place", "catalog.InStock", ""),
		call(g, "checkout.Place", "billing.Charge", rules.KindNetwork, "billing.pay", "net/http.Post"),
		call(g, "checkout.refund", "billing.Charge", rules.KindNetwork, "billing.pay", "net/http.Post"),
		call(g, "catalog.Recommend", "checkout.History", ""),
		call(g, "checkout.Place", "platform/events.Publish", "publish"),
	})
	return b.Finish(nil)
}

func TestMetrics(t *testing.T) {
	g := shopGraph(t)
	tables := []graph.TableUse{
		{Package: "example.com/m/checkout", Table: "orders", Write: true},
		{Package: "example.com/m/billing/store", Table: "orders", Write: true},
		{Package: "example.com/m/billing/store", Table: "invoices", Write: true},
		{Package: "example.com/m/catalog", Table: "invoices"},
		{Package: "example.com/m/analytics", Table: "events", Write: true},
	}
	ms := map[string]*graph.Metrics{}
	for _, m := range graph.ComputeMetrics(g, tables) {
		ms[m.Module] = m
		if math.IsNaN(m.Instability) || math.IsNaN(m.Cohesion) || math.IsNaN(m.Abstractness) {
			t.Errorf("%s: NaN in %+v", m.Module, m)
		}
	}
	b := ms["billing"]
	if b.Afferent != 1 || b.Efferent != 0 || b.Instability != 0 || b.InboundCalls != 2 || b.InboundBlockingCalls != 2 ||
		b.CallerFuncs != 2 || !reflect.DeepEqual(b.APIUsed, []string{"example.com/m/billing.Charge"}) ||
		!reflect.DeepEqual(b.UsesShared, []string{"platform"}) || !reflect.DeepEqual(b.BlockingIO, []rules.Kind{rules.KindNetwork}) {
		t.Errorf("billing: %+v", b)
	}
	if b.InternalEdges != 1 || b.ExternalEdges != 1 {
		t.Errorf("billing edges: internal %d external %d, want 1, 1", b.InternalEdges, b.ExternalEdges)
	}
	wantShared := []graph.SharedTable{
		{Table: "invoices", Write: true, Others: []string{"catalog"}},
		{Table: "orders", Write: true, Others: []string{"checkout"}, OthersWrite: []string{"checkout"}},
	}
	if !reflect.DeepEqual(b.SharedTables, wantShared) {
		t.Errorf("billing shared tables: %+v, want %+v", b.SharedTables, wantShared)
	}
	c := ms["checkout"]
	if !c.InCycle || !reflect.DeepEqual(c.CycleWith, []string{"catalog"}) || c.Efferent != 2 || c.Publishes != 1 ||
		c.OutboundCalls != 3 || c.OutboundBlockingCalls != 2 {
		t.Errorf("checkout: %+v", c)
	}
	if p := ms["platform"]; p.Afferent != 3 || p.Efferent != 0 || !p.Shared {
		t.Errorf("platform: Ca %d Ce %d shared %v, want 3, 0, true", p.Afferent, p.Efferent, p.Shared)
	}
	if a := ms["app"]; !a.Program || a.Instability != 1 {
		t.Errorf("app: program %v instability %v", a.Program, a.Instability)
	}
}

func TestInstabilityWithoutEdgesIsZero(t *testing.T) {
	g := build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n", "a ->")
	m := graph.ComputeMetrics(g, nil)[0]
	if m.Instability != 0 || m.Distance != 1 || m.Cohesion != 1 {
		t.Errorf("lone module: I %v D %v cohesion %v, want 0, 1, 1", m.Instability, m.Distance, m.Cohesion)
	}
}

func TestSuggestRanking(t *testing.T) {
	cands := Suggest(shopGraph(t), []graph.TableUse{
		{Package: "example.com/m/checkout", Table: "orders", Write: true},
		{Package: "example.com/m/billing/store", Table: "orders", Write: true},
	})
	var order []string
	for i, c := range cands {
		order = append(order, c.Module)
		if c.Rank != i+1 {
			t.Errorf("%s has rank %d at %d", c.Module, c.Rank, i+1)
		}
		if n := len(c.Reasons); n < 2 || n > 5 {
			t.Errorf("%s: %d reasons, want 2-5: %q", c.Module, n, c.Reasons)
		}
		if c.Score < 0 || c.Score > 1 {
			t.Errorf("%s: score %v out of [0, 1]", c.Module, c.Score)
		}
	}
	// analytics: a leaf reached only through events; checkout and catalog
	// are in a cycle; app and platform are scaled down.
	if order[0] != "analytics" {
		t.Errorf("ranking %v: analytics should be first", order)
	}
	// Domains first: the cycle members rank last among them; then the
	// program and the shared module.
	if want := []string{"analytics", "billing", "catalog", "checkout", "app", "platform"}; !reflect.DeepEqual(order, want) {
		t.Errorf("ranking %v, want %v", order, want)
	}
	byName := map[string]Candidate{}
	for _, c := range cands {
		byName[c.Module] = c
	}
	for mod, want := range map[string]string{
		"billing":   "writes table orders, which checkout also writes",
		"catalog":   "in a cycle with checkout",
		"analytics": "only app imports it",
		"platform":  "shared module",
	} {
		if !containsPrefix(byName[mod].Reasons, want) {
			t.Errorf("%s reasons %q lack %q", mod, byName[mod].Reasons, want)
		}
	}
	if r := byName["billing"].Reasons; !containsPrefix(r, "only checkout calls it, through 1 function") {
		t.Errorf("billing reasons %q", r)
	}
}

func containsPrefix(xs []string, prefix string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

func TestFuncPackage(t *testing.T) {
	for in, want := range map[string]string{
		"example.com/m/x.F":             "example.com/m/x",
		"(*example.com/m/x.T).M":        "example.com/m/x",
		"(example.com/m/x.T).M":         "example.com/m/x",
		"example.com/m/x.T.M":           "example.com/m/x",
		"net/smtp.SendMail":             "net/smtp",
		"gopkg.in/yaml.v3.Unmarshal":    "gopkg.in/yaml.v3",
		"(*gopkg.in/yaml.v3.Node).Kind": "gopkg.in/yaml.v3",
		"time.Sleep":                    "time",
		"F":                             "",
	} {
		if got := graph.FuncPackage(in); got != want {
			t.Errorf("FuncPackage(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"(*example.com/m/mailer.Mailer).Send":          "(*mailer.Mailer).Send",
		"(*github.com/ory/pop/v6.Connection).RawQuery": "(*pop.Connection).RawQuery",
		"github.com/go-redis/redis/v8.NewClient":       "redis.NewClient",
		"time.Sleep":                                   "time.Sleep",
		"example.com/v2.Run":                           "v2.Run", // a module root named v2 has no better name
	} {
		if got := graph.ShortFunc(in); got != want {
			t.Errorf("ShortFunc(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeakedTypesReason(t *testing.T) {
	for n, want := range map[int]string{1: "1 of its types appears in the exported signatures of a", 2: "2 of its types appear in the exported signatures of a"} {
		m := &graph.Metrics{Coupling: graph.Coupling{Module: "b"}, LeakedTypes: make([]string, n), LeakedInto: []string{"a"}}
		if rs := Reasons(m, Terms{Size: 1}, nil); !containsPrefix(rs, want) {
			t.Errorf("reasons %q lack %q", rs, want)
		}
	}
}

// A cycle of BigCycle modules or more is said once, in the notes, and
// not as each member's first reason.
func TestRankBigCycle(t *testing.T) {
	g := build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n  c:\n    packages: [./c/...]\n  d:\n    packages: [./d/...]\n  e:\n    packages: [./e/...]\n  f:\n    packages: [./f/...]\n  g:\n    packages: [./g/...]\n",
		"a -> b", "b -> c", "c -> d", "d -> a", "e -> a", "f -> g", "g -> f")
	r := Rank(g, nil, nil)
	if len(r.Notes) != 1 || !strings.HasPrefix(r.Notes[0], "4 modules form one import cycle (a, b, c and d)") {
		t.Fatalf("notes %q", r.Notes)
	}
	for _, c := range r.Candidates {
		for _, reason := range c.Reasons {
			if strings.Contains(reason, "cycle") && c.Module != "f" && c.Module != "g" {
				t.Errorf("%s repeats the big cycle: %q", c.Module, c.Reasons)
			}
		}
	}
	// The small cycle stays a reason of its members.
	for _, c := range r.Candidates {
		if c.Module == "f" && !containsPrefix(c.Reasons, "in a cycle with g") {
			t.Errorf("f: %q", c.Reasons)
		}
	}
}

// Size scales the score: a 50-line helper is not a service; and nothing
// is said that holds for every one-package module.
func TestSizeAndSinglePackageReasons(t *testing.T) {
	m := &graph.Metrics{Coupling: graph.Coupling{Module: "helper"}, Packages: 1, Lines: 50, ExternalEdges: 4}
	small, big := terms(m, 500, 1), terms(&graph.Metrics{Coupling: graph.Coupling{Module: "domain"}, Packages: 1, Lines: 5000, ExternalEdges: 4}, 500, 1)
	if small.Size != 0.1 || big.Size != 1 || score(small) >= score(big) {
		t.Errorf("size terms %v, %v; scores %v, %v", small.Size, big.Size, score(small), score(big))
	}
	rs := Reasons(m, small, nil)
	if rs[0] != "small: 1 package, 50 lines, too little to be a service of its own" {
		t.Errorf("reasons %q", rs)
	}
	for _, r := range rs {
		if strings.HasPrefix(r, "loosely knit") {
			t.Errorf("a one-package module cannot be loosely knit: %q", rs)
		}
	}
	if small.Cohesion != 0.5 {
		t.Errorf("one-package cohesion %v, want 0.5", small.Cohesion)
	}
}

// A module nothing depends on but other modules' tests is test support:
// ranked with the shared modules and programs, not first.
func TestTestSupport(t *testing.T) {
	g := build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n  helpers:\n    packages: [./helpers/...]\n",
		"a -> b", "b ->", "helpers -> a")
	for _, p := range g.Packages {
		if strings.HasSuffix(p.ImportPath, "/a") || strings.HasSuffix(p.ImportPath, "/b") {
			p.TestImports = []string{"example.com/m/helpers"}
		}
	}
	r := Rank(g, nil, nil)
	last := r.Candidates[len(r.Candidates)-1]
	if last.Module != "helpers" || !last.Metrics.TestSupport || last.Reasons[0] != "test support: only the tests of a and b import it, so it is no service to extract" {
		t.Errorf("last candidate %s (%+v): %q", last.Module, last.Terms, last.Reasons)
	}
}

// The outbound reason's pronoun agrees with the modules it names: the
// CLI's label said "depends on api; 4 calls into them can block".
func TestOutboundReasonNumber(t *testing.T) {
	for _, c := range []struct {
		m    graph.Metrics
		want string
	}{
		{graph.Metrics{Coupling: graph.Coupling{Module: "label", Imports: []string{"api"}, Efferent: 1, OutboundBlockingCalls: 4}}, "depends on api; 4 calls into it can block"},
		{graph.Metrics{Coupling: graph.Coupling{Module: "gist", Imports: []string{"api", "git"}, Efferent: 2, OutboundBlockingCalls: 1}}, "depends on api and git; 1 call into them can block"},
	} {
		if got := outboundReason(&c.m); got != c.want {
			t.Errorf("outboundReason(%s) = %q, want %q", c.m.Module, got, c.want)
		}
	}
}
