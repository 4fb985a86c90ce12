package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

const shopConfig = `version: 1
modules:
  checkout:
    packages: [./internal/checkout/...]
    depends_on: [catalog, billing]
    allow_sync: [catalog]
    public: [./internal/checkout]
  catalog:
    packages: [./internal/catalog/...]
    public: []
  billing:
    packages: [./internal/billing/..., ./internal/checkout/payment/...]
  special:
    packages: [./internal/*/special]
  exact:
    packages: [./internal/checkout/payment/exact]
  platform:
    packages: [./internal/platform/...]
    shared: true
  legacy:
    packages: [./internal/legacy/...]
    forbidden_imports: [database/sql]
events: [./internal/platform/events/...]
forbidden_imports: [github.com/pkg/errors, ./internal/legacy/secret/...]
exclude: [./internal/gen/...]
`

func mustParse(t testing.TB, src string) *Config {
	t.Helper()
	cfg, err := Parse("archcheck.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return cfg
}

func moduleName(m *Module) string {
	if m == nil {
		return "<nil>"
	}
	return m.Name
}

func TestModuleOf(t *testing.T) {
	cfg := mustParse(t, shopConfig)
	const mod = "example.com/shop"
	if got := cfg.ModuleOf(mod + "/internal/checkout"); got != nil {
		t.Errorf("before Bind: ModuleOf = %s, want nil", got.Name)
	}
	cfg.Bind(mod)
	tests := []struct{ path, want string }{
		{"internal/checkout", "checkout"},
		{"internal/checkout/cart", "checkout"},
		{"internal/checkoutx", "<nil>"},
		{"internal/checkout/payment", "billing"},         // more literal elements
		{"internal/checkout/payment/stripe", "billing"},  // more literal elements
		{"internal/checkout/payment/exact", "exact"},     // more literal elements
		{"internal/checkout/special", "special"},         // 3 literals + exact rank... see below
		{"internal/catalog/special", "special"},          // 3 literals, `*` beats `...`
		{"internal/catalog/special/deeper", "catalog"},   // `*` matches one element only
		{"internal/gen/proto", "<nil>"},                  // excluded
		{"internal/platform/events", "platform"},         // events still belong to a module
		{"cmd/server", "<nil>"},                          // unassigned
		{"", "<nil>"},                                    // nonsense
		{"../internal/checkout", "<nil>"},                // nonsense
		{"internal/checkout/payment/exact/x", "billing"}, // exact does not extend
	}
	for _, tt := range tests {
		path := mod + "/" + tt.path
		if tt.path == "" {
			path = ""
		}
		if got := moduleName(cfg.ModuleOf(path)); got != tt.want {
			t.Errorf("ModuleOf(%q) = %s, want %s", path, got, tt.want)
		}
		// The cached answer is the same.
		if got := moduleName(cfg.ModuleOf(path)); got != tt.want {
			t.Errorf("cached ModuleOf(%q) = %s, want %s", path, got, tt.want)
		}
	}
}

func TestModuleOfStd(t *testing.T) {
	cfg := mustParse(t, `version: 1
modules:
  net:
    packages: [./net/...]
  http:
    packages: [./net/http/...]
  text:
    packages: [./strings, ./text/..., ./unicode/*]
  rest:
    packages: [./...]
exclude: [./internal/...]
`)
	cfg.Bind("std")
	tests := []struct{ path, want string }{
		{"net", "net"},
		{"net/netip", "net"},
		{"net/http", "http"},
		{"net/http/httptest", "http"},
		{"strings", "text"},
		{"text/template", "text"},
		{"unicode/utf8", "text"},
		{"unicode", "rest"},
		{"os", "rest"},
		{"internal/abi", "<nil>"},
		{"example.com/net", "rest"}, // ./... under std is every path; InMainModule tells std apart
	}
	for _, tt := range tests {
		if got := moduleName(cfg.ModuleOf(tt.path)); got != tt.want {
			t.Errorf("ModuleOf(%q) = %s, want %s", tt.path, got, tt.want)
		}
	}
}

func TestModuleOfConcurrent(t *testing.T) {
	cfg := mustParse(t, shopConfig)
	cfg.Bind("example.com/shop")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				path := fmt.Sprintf("example.com/shop/internal/checkout/p%d", (i*7+g)%50)
				if m := cfg.ModuleOf(path); m == nil || m.Name != "checkout" {
					t.Errorf("ModuleOf(%q) = %s", path, moduleName(m))
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestRebindResetsCache(t *testing.T) {
	cfg := mustParse(t, shopConfig)
	cfg.Bind("example.com/shop")
	if m := cfg.ModuleOf("example.com/shop/internal/catalog"); moduleName(m) != "catalog" {
		t.Fatalf("got %s", moduleName(m))
	}
	cfg.Bind("example.com/other")
	if m := cfg.ModuleOf("example.com/shop/internal/catalog"); m != nil {
		t.Errorf("after rebinding: got %s, want nil", m.Name)
	}
	if m := cfg.ModuleOf("example.com/other/internal/catalog"); moduleName(m) != "catalog" {
		t.Errorf("after rebinding: got %s, want catalog", moduleName(m))
	}
}

func TestInMainModule(t *testing.T) {
	tests := []struct {
		module, path string
		want         bool
	}{
		{"example.com/shop", "example.com/shop", true},
		{"example.com/shop", "example.com/shop/x", true},
		{"example.com/shop", "example.com/shopping", false},
		{"example.com/shop", "example.com", false},
		{"example.com/shop", "fmt", false},
		{"std", "fmt", true},
		{"std", "net/http", true},
		{"std", "vendor/golang.org/x/net/dns/dnsmessage", true},
		{"std", "cmd/go", false},
		{"std", "cmd", false},
		{"std", "C", false},
		{"std", "", false},
		{"std", "example.com/x", false},
		{"", "example.com/x", false},
	}
	for _, tt := range tests {
		cfg := &Config{}
		cfg.Bind(tt.module)
		if got := cfg.InMainModule(tt.path); got != tt.want {
			t.Errorf("module %q: InMainModule(%q) = %v, want %v", tt.module, tt.path, got, tt.want)
		}
	}
}

func TestAccessors(t *testing.T) {
	cfg := mustParse(t, shopConfig)
	cfg.Bind("example.com/shop")
	checkout, catalog, billing, legacy := cfg.Module("checkout"), cfg.Module("catalog"), cfg.Module("billing"), cfg.Module("legacy")
	if checkout == nil || catalog == nil || billing == nil || legacy == nil || cfg.Module("nope") != nil {
		t.Fatal("Module lookup broken")
	}
	if !cfg.IsPublic(checkout, "example.com/shop/internal/checkout") || cfg.IsPublic(checkout, "example.com/shop/internal/checkout/cart") {
		t.Error("checkout public list not applied")
	}
	if cfg.IsPublic(catalog, "example.com/shop/internal/catalog") {
		t.Error("public: [] must make nothing public")
	}
	if !cfg.IsPublic(billing, "example.com/shop/internal/billing/x") || !cfg.IsPublic(nil, "x") {
		t.Error("omitted public must make everything public")
	}
	if p, ok := cfg.ForbiddenImport(legacy, "database/sql"); !ok || p.Raw != "database/sql" {
		t.Errorf("ForbiddenImport(legacy, database/sql) = %v, %v", p, ok)
	}
	if _, ok := cfg.ForbiddenImport(checkout, "database/sql"); ok {
		t.Error("database/sql is forbidden only for legacy")
	}
	for _, m := range []*Module{nil, checkout, legacy} {
		if p, ok := cfg.ForbiddenImport(m, "github.com/pkg/errors"); !ok || p.Raw != "github.com/pkg/errors" {
			t.Errorf("top-level forbidden import not applied for %s", moduleName(m))
		}
		if p, ok := cfg.ForbiddenImport(m, "example.com/shop/internal/legacy/secret/x"); !ok || p.Raw != "./internal/legacy/secret/..." {
			t.Errorf("bound top-level forbidden import not applied for %s", moduleName(m))
		}
	}
	if !checkout.MayDependOn("billing") || checkout.MayDependOn("legacy") {
		t.Error("MayDependOn")
	}
	if !checkout.AllowsSyncTo("catalog") || checkout.AllowsSyncTo("billing") {
		t.Error("AllowsSyncTo")
	}
	if !cfg.Module("platform").Shared || checkout.Shared {
		t.Error("Shared")
	}
	if !cfg.IsEvent("example.com/shop/internal/platform/events/bus") || cfg.IsEvent("example.com/shop/internal/platform") {
		t.Error("IsEvent")
	}
	if !cfg.Excluded("example.com/shop/internal/gen") || cfg.Excluded("example.com/shop/internal/generic") {
		t.Error("Excluded")
	}
	if cfg.Severity(RuleSyncCall) != Warn || cfg.Severity(RuleDependency) != Error || cfg.Severity("nope") != Off {
		t.Error("Severity defaults")
	}
	if !cfg.SyncKindEnabled(KindNetwork) || cfg.SyncKindEnabled(KindDatabase) {
		t.Error("SyncKindEnabled defaults")
	}
	if len(cfg.Hash()) != 64 {
		t.Errorf("Hash() = %q", cfg.Hash())
	}
	if again := mustParse(t, shopConfig); again.Hash() != cfg.Hash() {
		t.Error("Hash is not a function of the bytes")
	}
	if other := mustParse(t, shopConfig+"\n"); other.Hash() == cfg.Hash() {
		t.Error("Hash ignores the bytes")
	}
	var hand Config
	if !hand.SyncKindEnabled(KindSleep) || hand.SyncKindEnabled(KindDatabase) || hand.Severity(RuleCycle) != Error {
		t.Error("a hand-made Config must use the defaults")
	}
}

func TestCheckPackages(t *testing.T) {
	cfg := mustParse(t, `version: 1
modules:
  a:
    packages: [./a/..., ./unused/...]
    public: [./a/api, ./a/nothing]
  b:
    packages: [./x/*, ./.../w/...]
    depends_on: [b]
  c:
    packages: [./*/y]
  d:
    packages: [./a/q/..., ./a/q/...]
  e:
    packages: [./e/...]
events: [./e/events/..., ./nowhere/...]
exclude: [./gen/..., ./nogen/...]
`)
	cfg.Bind("example.com/m")
	pkgs := []string{"a", "a/api", "a/sub/deep", "x", "x/y", "a/z", "a/w", "a/w/v", "a/q", "gen", "e/events"}
	for i, p := range pkgs {
		pkgs[i] = "example.com/m/" + p
	}
	warnings, err := cfg.CheckPackages(pkgs)
	wantWarnings := []string{
		`archcheck.yaml:4:25: pattern "./unused/..." matches no package`,
		`archcheck.yaml:5:23: pattern "./a/nothing" matches no package`,
		`archcheck.yaml:8:18: module "b" lists itself in depends_on (a module may always use itself)`,
		`archcheck.yaml:12:27: pattern "./a/q/..." is listed twice in module "d"`,
		`archcheck.yaml:15:26: pattern "./nowhere/..." matches no package`,
		`archcheck.yaml:16:22: pattern "./nogen/..." matches no package`,
	}
	if !slices.Equal(warnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	wantErr := `archcheck.yaml:7:23: package example.com/m/a/w matches modules a (./a/...) and b (./.../w/...) with equal specificity (and 1 more package)
archcheck.yaml:10:16: package example.com/m/x/y matches modules b (./x/*) and c (./*/y) with equal specificity`
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("CheckPackages error %v is not an *Errors", err)
	}
	if err.Error() != wantErr {
		t.Errorf("CheckPackages error:\n%s\nwant:\n%s", err, wantErr)
	}

	// The events package in e/events belongs to e; with e gone it is an error.
	cfg = mustParse(t, `version: 1
modules:
  a:
    packages: [./a/...]
events: [./e/events/...]
`)
	cfg.Bind("example.com/m")
	_, err = cfg.CheckPackages([]string{"example.com/m/a", "example.com/m/e/events"})
	want := `archcheck.yaml:5:10: events package example.com/m/e/events belongs to no module (events packages must belong to one, usually a shared module)`
	if err == nil || err.Error() != want {
		t.Errorf("CheckPackages error:\n%v\nwant:\n%s", err, want)
	}
}

// BenchmarkModuleOf assigns 3,000 packages to 20 modules, uncached.
func BenchmarkModuleOf(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("version: 1\nmodules:\n")
	for i := range 20 {
		fmt.Fprintf(&sb, "  m%d:\n    packages: [./internal/m%d/..., ./pkg/m%d/*, ./cmd/m%d]\n", i, i, i, i)
	}
	cfg := mustParse(b, sb.String())
	cfg.Bind("example.com/big")
	paths := make([]string, 3000)
	for i := range paths {
		paths[i] = fmt.Sprintf("example.com/big/internal/m%d/sub%d/x", i%25, i)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range paths {
			cfg.assign(p)
		}
	}
}

func TestHandMadeConfig(t *testing.T) {
	cfg := &Config{
		Modules: []*Module{
			{Name: "a", Packages: []Pattern{{Raw: "./a/..."}}},
			{Name: "b", Packages: []Pattern{{Raw: "example.com/m/b"}, {Raw: "bad//pattern"}}},
		},
		Exclude: []Pattern{{Raw: "./a/gen"}},
	}
	cfg.Bind("example.com/m")
	for path, want := range map[string]string{
		"example.com/m/a/x":   "a",
		"example.com/m/b":     "b",
		"example.com/m/a/gen": "<nil>",
		"bad//pattern":        "<nil>",
	} {
		if got := moduleName(cfg.ModuleOf(path)); got != want {
			t.Errorf("ModuleOf(%q) = %s, want %s", path, got, want)
		}
	}
	var nilErrs *Errors
	if nilErrs.Lines() != nil || nilErrs.Unwrap() != nil {
		t.Error("a nil *Errors must be empty")
	}
}
