package rules

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const validKeys = "valid keys: version, modules, events, blocking, sync_call_kinds, forbidden_imports, exclude, shared_tables, layers, closed, rules"

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the lines of the error, without the "f.yaml:" prefix
	}{
		{"empty", "", []string{`1:1: empty config: it needs at least "version: 1" and some modules`}},
		{"comments only", "  \n# nothing\n", []string{`1:1: empty config: it needs at least "version: 1" and some modules`}},
		{"null document", "~\n", []string{`1:1: empty config: it needs at least "version: 1" and some modules`}},
		{"not a mapping", "- a\n", []string{`1:1: expected a mapping (version, modules, ...), got a list`}},
		{"syntax: unclosed flow", "version: 1\nmodules:\n  a:\n    packages: [./a/...\n",
			[]string{`4:1: invalid YAML: did not find expected ',' or ']'`}},
		{"syntax: tab", "version: 1\n\tmodules: x\n", []string{`2:1: invalid YAML: found a tab character that violates indentation`}},
		{"syntax: mapping value", "version: 1\nmodules: a: b\n", []string{`2:1: invalid YAML: mapping values are not allowed in this context`}},
		// yaml.v3 reports parser errors at the start of the enclosing block.
		{"syntax: bad indentation", "version: 1\nmodules:\n  a:\n    packages: [./a]\n   depends_on: []\n",
			[]string{`3:1: invalid YAML: did not find expected key`}},
		{"syntax: unknown anchor", "version: 1\nexclude: *nope\n", []string{`2:10: invalid YAML: unknown anchor 'nope' referenced`}},
		{"two documents", "version: 1\n---\nversion: 1\n",
			[]string{`2:1: a config holds a single YAML document; remove the "---" and what follows`}},
		{"missing version", "modules: {}\n", []string{`1:1: missing "version: 1"`}},
		{"unsupported version", "version: 2\n", []string{`1:10: unsupported version 2; supported: 1`}},
		{"version string", "version: \"1\"\n", []string{`1:10: version: expected an integer, got a string`}},
		{"version list", "version: [1]\n", []string{`1:10: version: expected an integer, got a list`}},
		{"unknown top-level keys", "version: 1\nfoo: 1\nmodles: {}\n", []string{
			`2:1: unknown key "foo"; ` + validKeys,
			`3:1: unknown key "modles" (did you mean "modules"?); ` + validKeys,
		}},
		{"duplicate top-level key", "version: 1\nexclude: []\nexclude: [./x]\n",
			[]string{`3:1: duplicate key "exclude" (first at line 2)`}},
		{"duplicate module", "version: 1\nmodules:\n  a: {packages: [./a]}\n  a: {packages: [./b]}\n",
			[]string{`4:3: duplicate key "a" in modules (first at line 3)`}},
		{"duplicate module key", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    packages: [./b]\n",
			[]string{`5:5: duplicate key "packages" in module "a" (first at line 4)`}},
		{"duplicate rule", "version: 1\nrules:\n  cycle: off\n  cycle: warn\n",
			[]string{`4:3: duplicate key "cycle" in rules (first at line 3)`}},
		{"unknown module key", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    dependson: []\n    color: red\n", []string{
			`5:5: unknown key "dependson" in module "a" (did you mean "depends_on"?); valid keys: packages, depends_on, allow_sync, public, shared, forbidden_imports, tables, reads, layer, each, exclude_each`,
			`6:5: unknown key "color" in module "a"; valid keys: packages, depends_on, allow_sync, public, shared, forbidden_imports, tables, reads, layer, each, exclude_each`,
		}},
		{"merge key", "version: 1\n<<: {a: 1}\n", []string{`2:1: merge keys (<<) are not supported`}},
		{"non-string key", "version: 1\n? [a]\n: b\n", []string{`2:3: expected a string key, got a list`}},
		{"packages mapping", "version: 1\nmodules:\n  a:\n    packages: {x: y}\n",
			[]string{`4:15: packages: expected a list of strings, got a mapping`}},
		{"packages string", "version: 1\nmodules:\n  a:\n    packages: ./a/...\n",
			[]string{`4:15: packages: expected a list of strings, got a string`}},
		{"list item mapping", "version: 1\nexclude: [./a, {x: y}, ~]\n", []string{
			`2:16: exclude: expected a string, got a mapping`,
			`2:24: exclude: expected a string, got null`,
		}},
		{"modules list", "version: 1\nmodules: [a, b]\n",
			[]string{`2:10: modules: expected a mapping of module names to modules, got a list`}},
		{"module list", "version: 1\nmodules:\n  f: [x]\n",
			[]string{`3:6: module "f": expected a mapping (packages, depends_on, ...), got a list`}},
		{"module names", "version: 1\nmodules:\n  \"\": {packages: [./a]}\n  \"a b\": {packages: [./b]}\n  é: {packages: [./c]}\n", []string{
			`3:3: empty module name`,
			`4:3: invalid module name "a b": use ASCII letters, digits, '_' and '-'`,
			`5:3: invalid module name "é": use ASCII letters, digits, '_' and '-'`,
		}},
		{"modules without packages", "version: 1\nmodules:\n  c:\n  d: {}\n  e: {packages: []}\n  f: {depends_on: [c]}\n", []string{
			`3:3: module "c" has no packages`,
			`4:3: module "d" has no packages`,
			`5:3: module "e" has no packages`,
			`6:3: module "f" has no packages`,
		}},
		{"shared not bool", "version: 1\nmodules:\n  g: {packages: [./g], shared: yes}\n",
			[]string{`3:32: shared: expected true or false, got a string`}},
		{"public null", "version: 1\nmodules:\n  h:\n    packages: [./h]\n    public:\n",
			[]string{`5:12: public: expected a list of patterns, got null (write "public: []" for no public package, or omit the key to make every package public)`}},
		{"unknown modules", "version: 1\nmodules:\n  billing: {packages: [./b]}\n  checkout: {packages: [./c], depends_on: [billng, zzz], allow_sync: [Billing]}\n", []string{
			`4:44: unknown module "billng" (did you mean "billing"?)`,
			`4:52: unknown module "zzz" (declared: billing, checkout)`,
			`4:71: unknown module "Billing" (did you mean "billing"?)`,
		}},
		{"unknown module, none declared", "version: 1\nmodules:\n  a: {packages: [./a], depends_on: [b]}\n  x: []\n", []string{
			`3:37: unknown module "b" (declared: a, x)`,
			`4:6: module "x": expected a mapping (packages, depends_on, ...), got a list`,
		}},
		{"same pattern in two modules", "version: 1\nmodules:\n  a: {packages: [./x/...]}\n  b: {packages: [./y, ./x/...]}\n",
			[]string{`4:23: pattern "./x/..." is already declared by module "a"`}},
		{"malformed patterns", "version: 1\nmodules:\n  a:\n    packages: [\"\", a//b, x..., a*b, /x, x/, \"a b\", a/./b, ./../x, ./]\n", []string{
			`4:16: empty pattern`,
			`4:20: invalid pattern "a//b": has an empty path element`,
			`4:26: invalid pattern "x...": "..." must be a whole path element`,
			`4:32: invalid pattern "a*b": "*" must be a whole path element`,
			`4:37: invalid pattern "/x": starts with a slash`,
			`4:41: invalid pattern "x/": ends with a slash`,
			`4:45: invalid pattern "a b": contains whitespace`,
			`4:52: invalid pattern "a/./b": "." elements are not allowed (only a leading "./")`,
			`4:59: invalid pattern "./../x": ".." elements are not allowed (only a leading "./")`,
			`4:67: invalid pattern "./": ends with a slash (write "." for the module root or "./..." for all of it)`,
		}},
		{"malformed patterns elsewhere", "version: 1\nevents: [a*]\nexclude: [/x]\nforbidden_imports: [x/]\nmodules:\n  a:\n    packages: [./a]\n    public: [a//b]\n    forbidden_imports: [\"...x\"]\n", []string{
			`2:10: invalid pattern "a*": "*" must be a whole path element`,
			`3:11: invalid pattern "/x": starts with a slash`,
			`4:21: invalid pattern "x/": ends with a slash`,
			`8:14: invalid pattern "a//b": has an empty path element`,
			`9:25: invalid pattern "...x": "..." must be a whole path element`,
		}},
		{"rules", "version: 1\nrules:\n  sync_call: warn\n  cycle: warning\n  dependency: [x]\n  visibility: off\n  unassigned: ~\n", []string{
			`3:3: unknown rule "sync_call" (did you mean "sync-call"?); valid rules: dependency, visibility, cycle, sync-call, forbidden-import, unassigned, data-ownership, unowned-table, layer, unused-dependency, ignore`,
			`4:10: invalid severity "warning" for rule "cycle"; valid: off, warn, error`,
			`5:15: rule "dependency": expected a severity (off, warn, error), got a list`,
			`7:15: rule "unassigned": expected a severity (off, warn, error), got null`,
		}},
		{"rules list", "version: 1\nrules: [cycle]\n",
			[]string{`2:8: rules: expected a mapping of rule IDs to severities, got a list`}},
		{"blocking", "version: 1\nblocking:\n  netwrk: [a.B]\n  network: [a, a.B.C.D, x/*.F, ./x.F, a.F-G, (a.T.M, (*a).M, a/.../b.F]\n  sleep: x\n", []string{
			`3:3: unknown blocking kind "netwrk" (did you mean "network"?); valid kinds: network, database, process, sleep`,
			`4:13: invalid blocking entry "a": missing a function or method name; expected importpath.Func, importpath.Type.Method, importpath.(*Type).Method or (*importpath.Type).Method`,
			`4:16: invalid blocking entry "a.B.C.D": too many '.' after the package path; expected importpath.Func, importpath.Type.Method, importpath.(*Type).Method or (*importpath.Type).Method`,
			`4:25: invalid blocking entry "x/*.F": '*' is allowed only in the function or method name`,
			`4:32: invalid blocking entry "./x.F": the package must be a full import path, not relative`,
			`4:39: invalid blocking entry "a.F-G": invalid function or method name "F-G" (a Go identifier, with '*' as a glob)`,
			`4:46: invalid blocking entry "(a.T.M": missing ").Method"; expected importpath.Func, importpath.Type.Method, importpath.(*Type).Method or (*importpath.Type).Method`,
			`4:54: invalid blocking entry "(*a).M": the receiver must be importpath.Type; expected importpath.Func, importpath.Type.Method, importpath.(*Type).Method or (*importpath.Type).Method`,
			`4:62: invalid blocking entry "a/.../b.F": "..." is not allowed in a blocking entry`,
			`5:10: sleep: expected a list of strings, got a string`,
		}},
		{"blocking list", "version: 1\nblocking: [a.F]\n",
			[]string{`2:11: blocking: expected a mapping of kinds (network, database, process, sleep) to lists, got a list`}},
		{"sync_call_kinds", "version: 1\nsync_call_kinds: [network, db, Sleep]\n", []string{
			`2:28: unknown blocking kind "db"; valid kinds: network, database, process, sleep`,
			`2:32: unknown blocking kind "Sleep" (did you mean "sleep"?); valid kinds: network, database, process, sleep`,
		}},
		{"sync_call_kinds null", "version: 1\nsync_call_kinds:\n",
			[]string{`2:17: sync_call_kinds: expected a list of kinds, got null (write "sync_call_kinds: []" for none, or omit the key for the default)`}},
		{"several at once", "version: 3\nmodules:\n  checkout:\n    packages: [./internal/checkout/..., a*b]\n    depends_on: [billng]\n  billing:\n    packages: []\n    shared: 1\nrules:\n  cycle: loud\nextra: true\n", []string{
			`1:10: unsupported version 3; supported: 1`,
			`4:41: invalid pattern "a*b": "*" must be a whole path element`,
			`5:18: unknown module "billng" (did you mean "billing"?)`,
			`6:3: module "billing" has no packages`,
			`8:13: shared: expected true or false, got an integer`,
			`10:10: invalid severity "loud" for rule "cycle"; valid: off, warn, error`,
			`11:1: unknown key "extra"; ` + validKeys,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.want) == 0 {
				t.Fatal("the case states no expected error: every case must assert one")
			}
			cfg, err := Parse("f.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; want\n%s", strings.Join(tt.want, "\n"))
			}
			if cfg != nil {
				t.Error("a config was returned with the error")
			}
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not an *Errors", err)
			}
			want := make([]string, len(tt.want))
			for i, w := range tt.want {
				want[i] = "f.yaml:" + w
			}
			if got := err.Error(); got != strings.Join(want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
			}
			if len(*errs) != len(tt.want) {
				t.Errorf("%d errors, want %d", len(*errs), len(tt.want))
			}
		})
	}
}

func TestParseValid(t *testing.T) {
	src := `version: 1

modules:
  checkout:
    packages: [./internal/checkout/...]
    depends_on: [catalog, billing]   # modules it may import
    allow_sync: [catalog]
    public: [./internal/checkout]
  catalog:
    packages: [./internal/catalog/...]
  billing:
    packages:
      - ./internal/billing/...
  platform:
    packages: [./internal/platform/...]
    shared: true
  legacy:
    packages: [./internal/legacy/...]
    forbidden_imports: [database/sql]
    public: []

events: [./internal/platform/events/...]

blocking:
  network: [github.com/acme/payments.(*Client).Charge, "(*github.com/acme/payments.Client).Refund", net.Conn.Read]
  database: [example.com/shop/internal/platform/db.*, gopkg.in/yaml.v3.Unmarshal, "(gopkg.in/x.v1.T).M*"]

sync_call_kinds: [network, process, sleep, database]

forbidden_imports: [github.com/pkg/errors]

exclude: [./internal/gen/...]

rules:
  dependency: error
  visibility: warn
  cycle: off
`
	cfg := mustParse(t, src)
	var names []string
	for _, m := range cfg.Modules {
		names = append(names, m.Name)
	}
	if want := []string{"checkout", "catalog", "billing", "platform", "legacy"}; !slices.Equal(names, want) {
		t.Errorf("modules %v, want %v (declaration order)", names, want)
	}
	if cfg.File != "archcheck.yaml" || cfg.Version != 1 {
		t.Errorf("File %q Version %d", cfg.File, cfg.Version)
	}
	co := cfg.Modules[0]
	if co.Pos != (Pos{4, 3}) || co.Packages[0].Raw != "./internal/checkout/..." || co.Packages[0].Pos != (Pos{5, 16}) {
		t.Errorf("checkout: pos %v, packages %+v", co.Pos, co.Packages)
	}
	if !slices.Equal(co.DependsOn, []string{"catalog", "billing"}) || !slices.Equal(co.AllowSync, []string{"catalog"}) {
		t.Errorf("checkout: depends_on %v, allow_sync %v", co.DependsOn, co.AllowSync)
	}
	if !co.PublicSet || len(co.Public) != 1 {
		t.Errorf("checkout public: %v %v", co.PublicSet, co.Public)
	}
	if cfg.Modules[1].PublicSet || cfg.Modules[2].Packages[0].Pos != (Pos{13, 9}) {
		t.Error("catalog public must be unset; billing block-list position")
	}
	legacy := cfg.Modules[4]
	if !legacy.PublicSet || legacy.Public == nil || len(legacy.Public) != 0 || len(legacy.ForbiddenImports) != 1 {
		t.Errorf("legacy: %+v", legacy)
	}
	if !cfg.Modules[3].Shared {
		t.Error("platform must be shared")
	}
	wantBlocking := []BlockingSpec{
		{Raw: "github.com/acme/payments.(*Client).Charge", Pos: Pos{25, 13}, Kind: KindNetwork, Pkg: "github.com/acme/payments", Recv: "Client", Pointer: true, Name: "Charge"},
		{Raw: "(*github.com/acme/payments.Client).Refund", Pos: Pos{25, 56}, Kind: KindNetwork, Pkg: "github.com/acme/payments", Recv: "Client", Pointer: true, Name: "Refund"},
		{Raw: "net.Conn.Read", Pos: Pos{25, 101}, Kind: KindNetwork, Pkg: "net", Recv: "Conn", Name: "Read"},
		{Raw: "example.com/shop/internal/platform/db.*", Pos: Pos{26, 14}, Kind: KindDatabase, Pkg: "example.com/shop/internal/platform/db", Name: "*"},
		{Raw: "gopkg.in/yaml.v3.Unmarshal", Pos: Pos{26, 55}, Kind: KindDatabase, Pkg: "gopkg.in/yaml.v3", Name: "Unmarshal"},
		{Raw: "(gopkg.in/x.v1.T).M*", Pos: Pos{26, 83}, Kind: KindDatabase, Pkg: "gopkg.in/x.v1", Recv: "T", Name: "M*"},
	}
	if !reflect.DeepEqual(cfg.Blocking, wantBlocking) {
		t.Errorf("blocking:\n%+v\nwant\n%+v", cfg.Blocking, wantBlocking)
	}
	if !slices.Equal(cfg.SyncCallKinds, []Kind{KindNetwork, KindProcess, KindSleep, KindDatabase}) || !cfg.SyncKindEnabled(KindDatabase) {
		t.Errorf("sync_call_kinds %v", cfg.SyncCallKinds)
	}
	wantSev := map[string]Severity{
		RuleDependency: Error, RuleVisibility: Warn, RuleCycle: Off, RuleSyncCall: Warn,
		RuleForbiddenImport: Error, RuleUnassigned: Warn, RuleIgnore: Warn, RuleDataOwnership: Off, RuleUnownedTable: Warn,
		RuleLayer: Error, RuleUnusedDependency: Warn,
	}
	if !reflect.DeepEqual(cfg.Severities, wantSev) {
		t.Errorf("severities %v, want %v", cfg.Severities, wantSev)
	}
	if len(cfg.Events) != 1 || len(cfg.Exclude) != 1 || len(cfg.ForbiddenImports) != 1 {
		t.Errorf("events %v exclude %v forbidden %v", cfg.Events, cfg.Exclude, cfg.ForbiddenImports)
	}
}

func TestParseDefaults(t *testing.T) {
	cfg := mustParse(t, "version: 1\n")
	if !slices.Equal(cfg.SyncCallKinds, DefaultSyncCallKinds) {
		t.Errorf("sync_call_kinds %v", cfg.SyncCallKinds)
	}
	if len(cfg.Severities) != len(RuleIDs) {
		t.Errorf("severities %v", cfg.Severities)
	}
	for _, id := range RuleIDs {
		if cfg.Severities[id] != DefaultSeverity[id] {
			t.Errorf("severity of %s = %v", id, cfg.Severities[id])
		}
	}
	// Changing the config must not change the package defaults.
	cfg.SyncCallKinds[0] = KindDatabase
	if DefaultSyncCallKinds[0] != KindNetwork {
		t.Error("config shares DefaultSyncCallKinds")
	}

	cfg = mustParse(t, "version: 1\nsync_call_kinds: []\nmodules:\nevents:\n")
	if cfg.SyncCallKinds == nil || len(cfg.SyncCallKinds) != 0 || cfg.SyncKindEnabled(KindNetwork) {
		t.Errorf("explicit empty sync_call_kinds: %#v", cfg.SyncCallKinds)
	}
}

func TestParseAliases(t *testing.T) {
	cfg := mustParse(t, `version: 1
modules:
  a:
    packages: [./a/...]
    depends_on: &deps [b]
  b:
    packages: [./b/...]
  c:
    packages: [./c/...]
    depends_on: *deps
`)
	if !slices.Equal(cfg.Module("c").DependsOn, []string{"b"}) {
		t.Errorf("alias not followed: %v", cfg.Module("c").DependsOn)
	}
}

func TestLoadAndFind(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(sub); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find with no config: %v, want ErrNotFound", err)
	}
	path := filepath.Join(dir, FileName)
	if err := os.WriteFile(path, []byte("version: 1\nmodules:\n  a: {packages: [./a/...]}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Find(sub)
	if err != nil || got != path {
		t.Fatalf("Find(%s) = %q, %v; want %q", sub, got, err, path)
	}
	cfg, err := Load(got)
	if err != nil || cfg.File != got || len(cfg.Modules) != 1 {
		t.Fatalf("Load: %+v, %v", cfg, err)
	}

	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.HasPrefix(err.Error(), "read config: ") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil || err.Error() != bad+":1:10: unsupported version 2; supported: 1" {
		t.Errorf("Load of a bad file: %v", err)
	}
	// A directory named archcheck.yaml is not a config.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(sub, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(sub); !errors.Is(err, ErrNotFound) {
		t.Errorf("Find with a directory named %s: %v", FileName, err)
	}
}

func TestErrorsFormat(t *testing.T) {
	errs := Errors{
		{File: "b.yaml", Pos: Pos{1, 1}, Msg: "z"},
		{File: "a.yaml", Pos: Pos{10, 2}, Msg: "y"},
		{File: "a.yaml", Pos: Pos{2, 30}, Msg: "x"},
		{File: "a.yaml", Pos: Pos{2, 4}, Msg: "w"},
		{File: "a.yaml", Pos: Pos{2, 4}, Msg: "w"},
	}
	want := "a.yaml:2:4: w\na.yaml:2:30: x\na.yaml:10:2: y\nb.yaml:1:1: z"
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var err error = &errs
	var one *ConfigError
	if !errors.As(err, &one) {
		t.Error("errors.As cannot reach a *ConfigError")
	}
}

func TestClosest(t *testing.T) {
	tests := []struct {
		name string
		want string
	}{
		{"billng", "billing"},
		{"Billing", "billing"},
		{"bill", ""},
		{"xyz", ""},
		{"checkot", "checkout"},
	}
	for _, tt := range tests {
		if got := closest(tt.name, []string{"billing", "checkout", "catalog"}); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
