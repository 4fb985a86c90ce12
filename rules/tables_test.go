package rules

import (
	"regexp"
	"strings"
	"testing"
)

const tablesConfig = `version: 1
modules:
  billing:
    packages: [./billing/...]
    tables: [invoices, billing_*]
    reads: [customers]
  crm:
    packages: [./crm/...]
    tables: [customers, "*_notes"]
  audit:
    packages: [./audit/...]
shared_tables: [audit_log]
`

func TestTablesParse(t *testing.T) {
	cfg, err := Parse("f.yaml", []byte(tablesConfig))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Severity(RuleDataOwnership); got != Error {
		t.Errorf("data-ownership = %v once tables are declared, want error", got)
	}
	owner := func(table string) string {
		if m := cfg.TableOwner(table); m != nil {
			return m.Name
		}
		return ""
	}
	for table, want := range map[string]string{
		"invoices": "billing", "INVOICES": "billing", "billing_runs": "billing", "billing_": "billing",
		"customers": "crm", "crm_notes": "crm", "audit_log": "", "orders": "", "invoices2": "",
		// billing_* (8 literal characters) is more specific than *_notes (6).
		"billing_notes": "billing",
	} {
		if got := owner(table); got != want {
			t.Errorf("owner of %q = %q, want %q", table, got, want)
		}
	}
	if !cfg.SharedTable("audit_log") || cfg.SharedTable("audit") {
		t.Error("SharedTable")
	}
	if b := cfg.Module("billing"); !b.MayRead("customers") || b.MayRead("crm_notes") {
		t.Error("MayRead")
	}
	if !cfg.DeclaresTables() {
		t.Error("DeclaresTables")
	}
}

func TestTablesSeverity(t *testing.T) {
	noTables, err := Parse("f.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if noTables.Severity(RuleDataOwnership) != Off || noTables.DeclaresTables() {
		t.Error("data-ownership is off without tables")
	}
	warn, err := Parse("f.yaml", []byte(tablesConfig+"rules:\n  data-ownership: warn\n"))
	if err != nil {
		t.Fatal(err)
	}
	if warn.Severity(RuleDataOwnership) != Warn {
		t.Error("an explicit severity wins over the tables default")
	}
}

func TestTablesErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"owned twice", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    tables: [orders]\n  b:\n    packages: [./b]\n    tables: [x, orders]\n",
			`f.yaml:8:17: table pattern "orders" is already owned by module "a": a table has one owner (list it in shared_tables, or in "b"'s reads)`},
		{"own read", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    tables: [orders, a_*]\n    reads: [orders, a_x, a_*, other]\n", strings.Join([]string{
			`f.yaml:6:13: reads: "orders" is a table of module "a" itself (a module may always read its own tables)`,
			`f.yaml:6:21: reads: "a_x" is a table of module "a" itself (a module may always read its own tables)`,
			`f.yaml:6:26: reads: "a_*" is a table of module "a" itself (a module may always read its own tables)`}, "\n")},
		{"shared and owned", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    tables: [orders]\nshared_tables: [orders]\n",
			`f.yaml:6:17: shared table "orders" is also owned by module "a": a table is either owned or shared`},
		{"unknown key", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    table: [orders]\n",
			`f.yaml:5:5: unknown key "table" in module "a" (did you mean "tables"?); valid keys: packages, depends_on, allow_sync, public, shared, forbidden_imports, tables, reads, layer, each, exclude_each`},
		{"schema", "version: 1\nshared_tables: [public.audit]\n",
			`f.yaml:2:17: shared_tables: table pattern "public.audit" names a schema: tables are named without their schema (write "audit")`},
		{"bad characters", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    tables: [\"a b\", \"\"]\n", strings.Join([]string{
			`f.yaml:5:14: tables: invalid table pattern "a b": use a table name, with * for any run of characters`,
			`f.yaml:5:21: tables: empty table pattern`}, "\n")},
		{"not a list", "version: 1\nmodules:\n  a:\n    packages: [./a]\n    reads: orders\n",
			`f.yaml:5:12: reads: expected a list of strings, got a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	for _, c := range []struct {
		pat, s string
		want   bool
	}{
		{"*", "", true}, {"*", "abc", true}, {"a*", "a", true}, {"a*", "ba", false},
		{"*_log", "audit_log", true}, {"*_log", "audit_logs", false}, {"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false}, {"a**", "a", true}, {"*a*", "bab", true}, {"ab", "ab", true}, {"ab", "abc", false},
	} {
		if got := globMatch(c.pat, c.s); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v", c.pat, c.s, got)
		}
	}
}

// TestSchemaTablePattern checks the schema's table pattern against the
// parser.
func TestSchemaTablePattern(t *testing.T) {
	re := regexp.MustCompile(at(t, loadSchema(t), "$defs", "tablePattern", "pattern").(string))
	for _, p := range []string{"orders", "billing_*", "*", "a$b", "x-y", "", "a.b", "a b", "\"q\"", "é"} {
		_, err := CompileTablePattern(p)
		if got, want := re.MatchString(p), err == nil; got != want {
			t.Errorf("table pattern %q: schema accepts %v, parser %v", p, got, want)
		}
	}
}
