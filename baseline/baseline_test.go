package baseline

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

func dep(pkg, imp, file string, line int) rules.Finding {
	return rules.Finding{Rule: rules.RuleDependency, Severity: rules.Error, FromModule: "checkout", ToModule: "analytics",
		Package: pkg, File: file, Line: line, Column: 2, Import: imp, Symbol: imp, Message: "checkout imports analytics"}
}

func sync(caller, callee string, line int) rules.Finding {
	return rules.Finding{Rule: rules.RuleSyncCall, Severity: rules.Warn, FromModule: "checkout", ToModule: "notifications",
		Package: "example.com/shop/internal/checkout", File: "internal/checkout/order.go", Line: line, Column: 9,
		Kind: rules.KindNetwork, Symbol: caller + "->" + callee, Message: "blocking call"}
}

const pkg = "example.com/shop/internal/checkout"

func TestRoundTrip(t *testing.T) {
	fs := []rules.Finding{
		dep(pkg, "example.com/shop/internal/analytics", "internal/checkout/a.go", 5),
		dep(pkg, "example.com/shop/internal/analytics", "internal/checkout/b.go", 3),
		sync(pkg+".PlaceOrder", "example.com/shop/internal/notifications.Send", 42),
		{Rule: rules.RuleUnassigned, Severity: rules.Warn, Package: "example.com/shop/internal/misc", Symbol: "example.com/shop/internal/misc"},
	}
	b := FromFindings("v1.2.3", fs)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": "v1.2.3",
  "schema": 1,
  "entries": [
    {
      "rule": "dependency",
      "from_module": "checkout",
      "to_module": "analytics",
      "package": "example.com/shop/internal/checkout",
      "symbol": "example.com/shop/internal/analytics",
      "count": 2
    },
    {
      "rule": "sync-call",
      "from_module": "checkout",
      "to_module": "notifications",
      "package": "example.com/shop/internal/checkout",
      "symbol": "example.com/shop/internal/checkout.PlaceOrder->example.com/shop/internal/notifications.Send",
      "count": 1
    },
    {
      "rule": "unassigned",
      "package": "example.com/shop/internal/misc",
      "symbol": "example.com/shop/internal/misc",
      "count": 1
    }
  ]
}
`
	if got := buf.String(); got != want {
		t.Errorf("Write:\n%s\nwant:\n%s", got, want)
	}
	back, err := Read(strings.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if back.Total() != 4 || len(back.Entries) != 3 {
		t.Errorf("Read: %d entries, total %d; want 3, 4", len(back.Entries), back.Total())
	}
	if r := back.Match(fs, nil); len(r.New) != 0 || r.Baselined != 4 || len(r.Stale)+len(r.Over) != 0 {
		t.Errorf("Match of the same findings: %+v", r)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", ``, "unexpected end of file"},
		{"syntax", "{\n  \"schema\": 1,\n  \"entries\": [}\n", "invalid JSON at 3:15"},
		{"truncated", `{"schema": 1, "entries": [`, "unexpected end of file"},
		{"no schema", `{"version": "v1", "entries": []}`, `no "schema" field`},
		{"other schema", `{"schema": 2, "entries": []}`, "baseline schema 2 is not supported (this archcheck reads schema 1)"},
		{"not an object", `[1, 2]`, "invalid baseline at 1:1: the baseline must be an object, not array"},
		{"wrong type", "{\"schema\": 1, \"entries\": [{\"rule\": \"cycle\", \"package\": \"p\", \"count\": \"2\"}]}", `"entries.count" must be an integer, not string`},
		{"entries not an array", `{"schema": 1, "entries": {"a": 1}}`, `"entries" must be an array, not object`},
		{"trailing", `{"schema": 1, "entries": []} {}`, "data after the baseline object"},
		{"unknown rule", `{"schema": 1, "entries": [{"rule": "depend", "package": "p", "symbol": "s", "count": 1}]}`, `entry 1: unknown rule "depend" (valid: dependency,`},
		{"no rule", `{"schema": 1, "entries": [{"package": "p", "count": 1}]}`, "entry 1: no rule"},
		{"zero count", `{"schema": 1, "entries": [{"rule": "cycle", "package": "p", "symbol": "a,b", "count": 0}]}`, "entry 1: count 0 (must be at least 1)"},
		{"duplicate", `{"schema": 1, "entries": [{"rule": "cycle", "package": "p", "count": 1}, {"rule": "cycle", "package": "p", "count": 3}]}`, "entry 2: duplicate of entry 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Read(%q) = %v, want an error containing %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestReadIgnoresUnknownFields(t *testing.T) {
	b, err := Read(strings.NewReader(`{"schema": 1, "version": "v9", "generated_by": "x", "entries": [{"rule": "cycle", "package": "p", "symbol": "a,b", "count": 1, "note": "later"}]}`))
	if err != nil || len(b.Entries) != 1 {
		t.Fatalf("Read = %+v, %v", b, err)
	}
}

// Keys never contain positions: a finding that moves is still the same.
func TestMatchIgnoresPositions(t *testing.T) {
	imp := "example.com/shop/internal/analytics"
	b := FromFindings("v", []rules.Finding{dep(pkg, imp, "internal/checkout/a.go", 5)})
	r := b.Match([]rules.Finding{dep(pkg, imp, "internal/checkout/a.go", 50)}, nil)
	if len(r.New) != 0 || r.Baselined != 1 || len(r.Stale) != 0 {
		t.Errorf("moved finding: %+v", r)
	}
}

func TestMatchCountsNewOverAndStale(t *testing.T) {
	imp := "example.com/shop/internal/analytics"
	old := []rules.Finding{
		dep(pkg, imp, "internal/checkout/a.go", 5),
		sync(pkg+".PlaceOrder", "n.Send", 10),
	}
	b := FromFindings("v", old)
	now := []rules.Finding{
		dep(pkg, imp, "internal/checkout/a.go", 5),
		dep(pkg, imp, "internal/checkout/b.go", 7),            // a second identical violation
		dep(pkg+"/history", imp, "internal/checkout/h.go", 3), // a new key
	}
	r := b.Match(now, nil)
	if len(r.New) != 2 || r.New[0].File != "internal/checkout/b.go" || r.New[1].File != "internal/checkout/h.go" {
		t.Errorf("New = %+v", r.New)
	}
	if r.Baselined != 1 {
		t.Errorf("Baselined = %d, want 1", r.Baselined)
	}
	if len(r.Over) != 1 || r.Over[0].Allowed != 1 || r.Over[0].Found != 2 || len(r.Over[0].Findings) != 2 {
		t.Errorf("Over = %+v", r.Over)
	}
	if len(r.Stale) != 1 || r.Stale[0].Rule != rules.RuleSyncCall || r.Stale[0].Found != 0 {
		t.Errorf("Stale = %+v", r.Stale)
	}
	// Out of scope (sync-call did not run): not stale.
	noSync := func(k Key) bool { return k.Rule != rules.RuleSyncCall }
	if r := b.Match(now, noSync); len(r.Stale) != 0 {
		t.Errorf("Stale out of scope = %+v", r.Stale)
	}
	// Match on a nil baseline: everything is new.
	var none *File
	if r := none.Match(now, nil); len(r.New) != 3 || r.Baselined != 0 {
		t.Errorf("nil baseline: %+v", r)
	}
}

func TestUpdateOnlyShrinksUnlessAccepting(t *testing.T) {
	imp := "example.com/shop/internal/analytics"
	b := FromFindings("v1", []rules.Finding{
		dep(pkg, imp, "a.go", 1), dep(pkg, imp, "b.go", 1), dep(pkg, imp, "c.go", 1),
		sync("x.F", "y.G", 1), sync("x.H", "y.G", 1),
	})
	now := []rules.Finding{
		dep(pkg, imp, "a.go", 1),                     // 3 → 1
		dep(pkg+"/new", imp, "n.go", 1),              // new: not added
		sync("x.F", "y.G", 1), sync("x.F", "y.G", 9), // 1 → 2 would grow: stays 1
	}
	noH := func(k Key) bool { return k.Symbol != "x.H->y.G" } // x.H's package was not loaded
	got := b.Update("v2", now, noH, false)
	want := map[string]int{imp: 1, "x.F->y.G": 1, "x.H->y.G": 1}
	checkCounts(t, got, want)
	if got.Version != "v2" {
		t.Errorf("Version = %q", got.Version)
	}
	grown := b.Update("v2", now, noH, true)
	checkCounts(t, grown, map[string]int{imp: 1, "x.F->y.G": 2, "x.H->y.G": 1})
	if len(grown.Entries) != 4 {
		t.Errorf("accepting added %d entries, want 4 in all: %+v", len(grown.Entries), grown.Entries)
	}
	if r := got.Match(now, noH); len(r.Stale) != 0 {
		t.Errorf("after Update, stale = %+v", r.Stale)
	}
}

func checkCounts(t *testing.T, b *File, want map[string]int) {
	t.Helper()
	for _, e := range b.Entries {
		if e.Package != pkg && e.Package != "example.com/shop/internal/checkout" {
			continue
		}
		if n, ok := want[e.Symbol]; ok && n != e.Count {
			t.Errorf("%s: count %d, want %d", e.Key, e.Count, n)
		}
	}
}

func TestKeyString(t *testing.T) {
	k := KeyOf(dep(pkg, "example.com/shop/internal/analytics", "a.go", 1))
	if got, want := k.String(), "[dependency] checkout → analytics in example.com/shop/internal/checkout: example.com/shop/internal/analytics"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	u := Key{Rule: "unassigned", Package: "p", Symbol: "p"}
	if got, want := u.String(), "[unassigned] in p"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// BenchmarkMatch matches 10,000 findings (2,000 keys) against their baseline.
func BenchmarkMatch(b *testing.B) {
	fs := make([]rules.Finding, 10000)
	for i := range fs {
		fs[i] = dep(fmt.Sprintf("example.com/m/p%d", i%2000), "example.com/m/q", "f.go", i)
	}
	base := FromFindings("v", fs)
	b.ResetTimer()
	for b.Loop() {
		if r := base.Match(fs, nil); len(r.New) != 0 {
			b.Fatal("new findings")
		}
	}
}
