package rules

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// writeTree makes a module root with the given files (empty contents).
func writeTree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range append([]string{"go.mod"}, files...) {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("package x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func moduleNames(cfg *Config) []string {
	var out []string
	for _, m := range cfg.Modules {
		out = append(out, m.Name)
	}
	return out
}

const templateConfig = `version: 1
layers: [app, domain, platform]
modules:
  app:
    packages: [./cmd/...]
    layer: app
  domain:
    each: ./internal/*
    exclude_each: [./internal/platform]
    packages: [./internal/{name}/...]
    public: [./internal/{name}, ./internal/{name}/api/...]
    layer: domain
  platform:
    packages: [./internal/platform/...]
    layer: platform
    shared: true
  checkout:
    depends_on: [billing]
  reports:
    depends_on: [domain]
`

func TestTemplateExpansion(t *testing.T) {
	root := writeTree(t,
		"cmd/shop/main.go", "internal/billing/b.go", "internal/checkout/c.go", "internal/checkout/api/a.go",
		"internal/reports/sub/r.go", "internal/platform/db/db.go", "internal/docs/README.md",
		"internal/_old/x.go", "internal/testdata/x.go", "internal/nested/go.mod", "internal/nested/n.go")
	cfg := mustParse(t, templateConfig)
	cfg.SetRoot(root)
	cfg.Bind("example.com/shop")
	if _, err := cfg.CheckPackages(nil); err != nil {
		t.Fatal(err)
	}
	if got, want := moduleNames(cfg), []string{"app", "billing", "checkout", "reports", "platform"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("modules %v, want %v", got, want)
	}
	for path, want := range map[string]string{
		"example.com/shop/internal/checkout/api": "checkout", "example.com/shop/internal/reports/sub": "reports",
		"example.com/shop/internal/platform/db": "platform", "example.com/shop/cmd/shop": "app",
	} {
		if m := cfg.ModuleOf(path); m == nil || m.Name != want {
			t.Errorf("ModuleOf(%s) = %v, want %s", path, m, want)
		}
	}
	co := cfg.Module("checkout")
	if co.Template != "domain" || co.Layer != "domain" || !reflect.DeepEqual(co.DependsOn, []string{"billing"}) {
		t.Errorf("checkout: template %q layer %q depends_on %v", co.Template, co.Layer, co.DependsOn)
	}
	if !cfg.IsPublic(co, "example.com/shop/internal/checkout/api/v1") || cfg.IsPublic(co, "example.com/shop/internal/checkout/impl") {
		t.Error("checkout's public patterns are not its own")
	}
	if got := cfg.Module("reports").DependsOn; !reflect.DeepEqual(got, []string{"billing", "checkout"}) {
		t.Errorf("reports depends_on %v: a template's name stands for its modules but the module itself", got)
	}
	if cfg.Module("billing").DependsOnSet {
		t.Error("billing has no depends_on")
	}
	// Rebinding expands again to the same modules.
	cfg.Bind("example.com/shop")
	if got := moduleNames(cfg); len(got) != 5 {
		t.Errorf("rebind: %v", got)
	}
}

func TestTemplateErrors(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/checkout/c.go", "services/billing/s.go", "internal/domain/d.go")
	tests := []struct {
		name, src string
		want      []string // substrings of the error lines, in order
	}{
		{"template and module", "version: 1\nmodules:\n  domain:\n    each: ./internal/*\n    exclude_each: [./internal/domain]\n  billing:\n    packages: [./services/billing/...]\n",
			[]string{`archcheck.yaml:6:3: module "billing" is also expanded by template "domain" (line 3)`}},
		{"module then template", "version: 1\nmodules:\n  billing:\n    packages: [./services/billing/...]\n  domain:\n    each: ./internal/*\n    exclude_each: [./internal/domain]\n",
			[]string{`archcheck.yaml:6:11: template "domain" expands ./internal/billing to module "billing", which module "billing" (line 3) already declares`}},
		{"two templates", "version: 1\nmodules:\n  a:\n    each: ./internal/*\n    exclude_each: [./internal/domain]\n  b:\n    each: ./services/*\n",
			[]string{`archcheck.yaml:7:11: template "b" expands ./services/billing to module "billing", which template "a" (line 3) already declares`}},
		{"two templates, many clashes", "version: 1\nmodules:\n  a:\n    each: ./internal/*\n    exclude_each: [./internal/domain]\n  b:\n    each: ./internal/*\n    exclude_each: [./internal/domain]\n",
			[]string{`archcheck.yaml:7:11: template "b" expands 2 directories to modules that template "a" (line 3) already declares (./internal/billing, ./internal/checkout); add them to the exclude_each of one of the two templates`}},
		{"template name", "version: 1\nmodules:\n  domain:\n    each: ./internal/*\n",
			[]string{`archcheck.yaml:4:11: template "domain" expands ./internal/domain to module "domain", the name of a template`}},
		{"unknown ref", "version: 1\nmodules:\n  d:\n    each: ./internal/*\n    depends_on: [biling]\n",
			[]string{`archcheck.yaml:5:18: unknown module "biling" in depends_on (did you mean "billing"?)`}},
		{"no such expansion", "version: 1\nmodules:\n  d:\n    each: ./internal/*\n  shipping:\n    depends_on: [billing]\n",
			[]string{`archcheck.yaml:5:3: module "shipping" has no packages, and no template expands to it (templates: d)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustParse(t, tt.src)
			cfg.SetRoot(root)
			cfg.Bind("example.com/m")
			_, err := cfg.CheckPackages(nil)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%v\nwant it to contain\n%s", err, w)
				}
			}
		})
	}
}

func TestTemplateParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"each dots", "version: 1\nmodules:\n  d:\n    each: ./internal/...\n", `4:11: each: "./internal/..." has "..."`},
		{"each not star", "version: 1\nmodules:\n  d:\n    each: ./internal/x\n", `4:11: each: "./internal/x" must end in /*`},
		{"each absolute", "version: 1\nmodules:\n  d:\n    each: example.com/x/*\n", `4:11: each: "example.com/x/*" is not a directory pattern`},
		{"each list", "version: 1\nmodules:\n  d:\n    each: [./x/*]\n", `4:11: each: expected a directory pattern such as ./internal/*, got a list`},
		{"name outside template", "version: 1\nmodules:\n  d:\n    packages: [./x/{name}]\n", `4:16: packages: {name} is allowed only in the patterns of a template`},
		{"bad placeholder", "version: 1\nmodules:\n  d:\n    each: ./x/*\n    packages: [\"./x/{dir}\"]\n", `5:16: invalid pattern "./x/{dir}": the only placeholder is {name}`},
		{"exclude_each alone", "version: 1\nmodules:\n  d:\n    packages: [./x]\n    exclude_each: [./y]\n", `5:5: module "d": exclude_each needs each`},
		{"no packages no template", "version: 1\nmodules:\n  d:\n    depends_on: []\n", `3:3: module "d" has no packages`},
		{"packages without {name}", "version: 1\nmodules:\n  d:\n    each: ./x/*\n    packages: [./x/{name}/..., ./shared/...]\n", `5:32: template "d": packages "./shared/..." has no {name}: every module it expands to would hold the same packages`},
		{"tables in a template", "version: 1\nmodules:\n  d:\n    each: ./x/*\n    tables: [orders]\n", `3:3: template "d" declares tables: every module it expands to would own them`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("archcheck.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLayerErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"undeclared layer", "version: 1\nlayers: [app]\nmodules:\n  a:\n    packages: [./a]\n    layer: ap\n  b:\n    packages: [./b]\n    layer: app\n",
			`6:12: module "a": layer "ap" is not declared in layers (did you mean "app"?)`},
		{"no layers", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    layer: app\n",
			`5:12: module "a": layer "app": no layers are declared`},
		{"unused layer", "version: 1\nlayers: [app, db]\nmodules:\n  a:\n    packages: [./a]\n    layer: app\n",
			`2:15: layer "db": no module or template has this layer`},
		{"cycle", "version: 1\nlayers: [app, db, app]\nmodules:\n  a:\n    packages: [./a]\n    layer: app\n  b:\n    packages: [./b]\n    layer: db\n",
			`2:19: layer "app" is listed twice in layers (first at line 2)`},
		{"closed unknown", "version: 1\nlayers: [app]\nclosed: [dom]\nmodules:\n  a:\n    packages: [./a]\n    layer: app\n",
			`3:10: closed layer "dom" is not declared in layers`},
		{"closed twice", "version: 1\nlayers: [app, db]\nclosed: [db, db]\nmodules:\n  a:\n    packages: [./a]\n    layer: app\n  b:\n    packages: [./b]\n    layer: db\n",
			`3:14: layer "db" is listed twice in closed`},
		{"template layer", "version: 1\nlayers: [app]\nmodules:\n  a:\n    each: ./x/*\n    layer: dom\n",
			`6:12: template "a": layer "dom" is not declared in layers`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("archcheck.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLayerViolation(t *testing.T) {
	cfg := mustParse(t, `version: 1
layers: [app, api, domain, platform]
closed: [domain]
modules:
  cmd: {packages: [./cmd/...], layer: app}
  web: {packages: [./web/...], layer: api}
  rpc: {packages: [./rpc/...], layer: api, depends_on: [web, billing]}
  billing: {packages: [./billing/...], layer: domain}
  orders: {packages: [./orders/...], layer: domain}
  db: {packages: [./db/...], layer: platform}
  misc: {packages: [./misc/...]}
`)
	cfg.Bind("m")
	tests := []struct {
		from, to  string
		layer     string // substring of the layer message, "" for none
		mayDepend bool
	}{
		{"web", "billing", "", true},
		{"web", "db", "past the closed layer domain", false},
		{"cmd", "billing", "of the closed layer domain, which only layer api may import", false},
		{"cmd", "web", "", true},
		{"billing", "web", "of the higher layer api", false},
		{"billing", "orders", "", false}, // one layer: only through depends_on
		{"billing", "db", "", true},
		{"rpc", "web", "", true},     // depends_on allows a sibling
		{"rpc", "billing", "", true}, // and narrows the layers below
		{"rpc", "orders", "", false},
		{"web", "misc", "", false}, // no layer: not below
		{"misc", "web", "", false},
	}
	for _, tt := range tests {
		a, b := cfg.Module(tt.from), cfg.Module(tt.to)
		msg := cfg.LayerViolation(a, b, "m/"+tt.to)
		if tt.layer == "" && msg != "" || tt.layer != "" && !strings.Contains(msg, tt.layer) {
			t.Errorf("%s → %s: layer message %q, want %q", tt.from, tt.to, msg, tt.layer)
		}
		if tt.layer == "" {
			if got := cfg.MayDepend(a, b); got != tt.mayDepend {
				t.Errorf("%s → %s: MayDepend %v, want %v", tt.from, tt.to, got, tt.mayDepend)
			}
		}
	}
}

// TestTemplateUnmatched: a template's pattern warns only when it matches
// no package for any of its modules.
func TestTemplateUnmatched(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/checkout/api/a.go")
	cfg := mustParse(t, "version: 1\nmodules:\n  d:\n    each: ./internal/*\n    public: [./internal/{name}/api/..., ./internal/{name}/v2]\n")
	cfg.SetRoot(root)
	cfg.Bind("example.com/m")
	warns, err := cfg.CheckPackages([]string{"example.com/m/internal/billing", "example.com/m/internal/checkout/api"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`archcheck.yaml:5:41: pattern "./internal/{name}/v2" of template "d" matches no package of its modules`}
	if !reflect.DeepEqual(warns, want) {
		t.Errorf("warnings %q, want %q", warns, want)
	}
}

// TestTemplateUnusedPublic: a template's public pattern is one entry,
// reported once as written, and only when no module of the template uses
// it.
func TestTemplateUnusedPublic(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/billing/api/a.go", "internal/checkout/c.go", "internal/checkout/api/a.go")
	cfg := mustParse(t, "version: 1\nmodules:\n  d:\n    each: ./internal/*\n    public: [./internal/{name}/api, ./internal/{name}]\n")
	cfg.SetRoot(root)
	cfg.Bind("example.com/m")
	u := Usage{Imported: map[string]bool{"example.com/m/internal/billing/api": true}}
	var got []string
	for _, x := range cfg.UnusedEntries(u) {
		got = append(got, x.Message)
	}
	want := []string{"template d lists ./internal/{name} in public, but no other module imports a package it matches"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unused %q, want %q", got, want)
	}
}

// TestTemplateMerge: a key-adding entry's keys replace the template's for
// its module only.
func TestTemplateMerge(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/checkout/c.go", "internal/platform/p.go")
	cfg := mustParse(t, `version: 1
layers: [top, bottom]
modules:
  d:
    each: ./internal/*
    public: [./internal/{name}]
    depends_on: [d]
    allow_sync: [d]
    forbidden_imports: [net/http]
    layer: top
  platform:
    shared: true
    public: []
    layer: bottom
    depends_on: []
    allow_sync: []
    forbidden_imports: []
`)
	cfg.SetRoot(root)
	cfg.Bind("example.com/m")
	if _, err := cfg.CheckPackages(nil); err != nil {
		t.Fatal(err)
	}
	p, b := cfg.Module("platform"), cfg.Module("billing")
	if !p.Shared || p.Layer != "bottom" || len(p.Public) != 0 || !p.PublicSet || len(p.DependsOn) != 0 || !p.DependsOnSet || len(p.AllowSync) != 0 || len(p.ForbiddenImports) != 0 {
		t.Errorf("platform: %+v", p)
	}
	if b.Shared || b.Layer != "top" || !reflect.DeepEqual(b.DependsOn, []string{"checkout", "platform"}) || !reflect.DeepEqual(b.AllowSync, []string{"checkout", "platform"}) || len(b.ForbiddenImports) != 1 {
		t.Errorf("billing: %+v", b)
	}
	if entry, has := cfg.EntryHas("platform", "depends_on"); !entry || !has {
		t.Error("platform has an entry with depends_on")
	}
	if entry, _ := cfg.EntryHas("billing", "depends_on"); entry {
		t.Error("billing has no entry of its own")
	}
}

func TestUnusedEntries(t *testing.T) {
	cfg := mustParse(t, `version: 1
modules:
  a:
    packages: [./a/...]
    depends_on: [b, c]
    allow_sync: [b, c]
    reads: [orders, items_*]
  b:
    packages: [./b/...]
  c:
    packages: [./c/...]
`)
	cfg.Bind("example.com/m")
	u := Usage{
		Imports: map[[2]string]bool{{"a", "b"}: true},
		Sync:    map[[2]string]bool{{"a", "c"}: true}, SyncBlocking: true,
		Reads: map[string][]string{"a": {"items_new"}},
	}
	var got []string
	for _, x := range cfg.UnusedEntries(u) {
		got = append(got, fmt.Sprintf("%d:%d %s %s %s", x.Pos.Line, x.Pos.Col, x.Field, x.To, x.Message))
	}
	want := []string{
		"5:21 depends_on c a lists c in depends_on, but no package of a imports c",
		"6:18 allow_sync b a lists b in allow_sync, but no package of a makes a blocking call into b",
		"7:13 reads  a lists orders in reads, but no package of a reads a table it matches",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unused:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without sync-call or tables, allow_sync and reads are not checked.
	u.Sync, u.Reads = nil, nil
	if n := len(cfg.UnusedEntries(u)); n != 1 {
		t.Errorf("%d unused without sync and tables, want 1", n)
	}
}

// TestTemplateListsItself: in a template, its own name in depends_on stands
// for the template's other modules (each may import its siblings), which is
// not the "lists itself" of a module naming itself.
func TestTemplateListsItself(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/checkout/c.go", "internal/platform/db/db.go")
	cfg := mustParse(t, `version: 1
modules:
  domain:
    each: ./internal/*
    exclude_each: [./internal/platform]
    depends_on: [domain, platform]
  platform:
    packages: [./internal/platform/...]
  checkout:
    depends_on: [checkout, billing]
`)
	cfg.SetRoot(root)
	cfg.Bind("example.com/shop")
	warnings, err := cfg.CheckPackages([]string{"example.com/shop/internal/billing", "example.com/shop/internal/checkout", "example.com/shop/internal/platform/db"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`archcheck.yaml:10:18: module "checkout" lists itself in depends_on (a module may always use itself)`}
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	if got := cfg.Module("billing").DependsOn; !reflect.DeepEqual(got, []string{"checkout", "platform"}) {
		t.Errorf("billing depends_on %v, want its sibling and platform", got)
	}
}

// TestUnusedTemplateEntry: a template's entry naming the template is one
// entry for all its modules, and its message lists their siblings sorted
// (each module's list lacks itself, so merged in module order it was not).
func TestUnusedTemplateEntry(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/checkout/c.go", "internal/shipping/s.go")
	cfg := mustParse(t, `version: 1
modules:
  domains:
    each: ./internal/*
    depends_on: [domains]
`)
	cfg.SetRoot(root)
	cfg.Bind("example.com/m")
	var got []string
	for _, x := range cfg.UnusedEntries(Usage{Imports: map[[2]string]bool{}}) {
		got = append(got, fmt.Sprintf("%d:%d %s %q %s", x.Pos.Line, x.Pos.Col, x.Module, x.To, x.Message))
	}
	want := []string{`5:18 domains "" template domains lists domains in depends_on, but none of its modules imports any module of domains (billing, checkout, shipping)`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unused:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTemplateExcludeEachUnmatched: an exclude_each entry that matches no
// directory of each (stale or mistyped) is a warning at the entry.
func TestTemplateExcludeEachUnmatched(t *testing.T) {
	root := writeTree(t, "internal/billing/b.go", "internal/platform/p.go")
	cfg := mustParse(t, `version: 1
modules:
  domain:
    each: ./internal/*
    exclude_each: [./internal/platform, ./internal/payments]
`)
	cfg.SetRoot(root)
	cfg.Bind("example.com/m")
	warnings, err := cfg.CheckPackages([]string{"example.com/m/internal/billing", "example.com/m/internal/platform"})
	var errs *Errors
	if err != nil && !errors.As(err, &errs) {
		t.Fatal(err)
	}
	want := `archcheck.yaml:5:41: template "domain": exclude_each "./internal/payments" matches no directory of each "./internal/*"`
	if !slices.Contains(warnings, want) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(warnings, "\n"), want)
	}
	for _, w := range warnings {
		if strings.Contains(w, `"./internal/platform"`) {
			t.Errorf("the matching exclusion warned: %s", w)
		}
	}
}
