package insight

import (
	"reflect"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

func tablesConfig(t *testing.T, extra string) *rules.Config {
	t.Helper()
	cfg, err := rules.Parse("f.yaml", []byte("version: 1\nmodules:\n  a:\n    packages: [./a/...]\n"+extra+
		"  b:\n    packages: [./b/...]\n  c:\n    packages: [./c/...]\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/m")
	return cfg
}

// TestProposeTables: one writer owns a table, several writers leave it
// unowned and listed, other modules' reads of owned tables are reads, and
// DDL, test files and packages of no module do not count.
func TestProposeTables(t *testing.T) {
	cfg := tablesConfig(t, "")
	uses := []graph.TableUse{
		{Package: "example.com/m/a", Table: "orders", Write: true, File: "a/a.go"},
		{Package: "example.com/m/a", Table: "orders", File: "a/a.go"},
		{Package: "example.com/m/b", Table: "orders", File: "b/b.go"},
		{Package: "example.com/m/b", Table: "invoices", Write: true, File: "b/b.go"},
		{Package: "example.com/m/c", Table: "invoices", Write: true, File: "c/c.go"},
		{Package: "example.com/m/a", Table: "invoices", File: "a/a.go"},
		{Package: "example.com/m/c", Table: "orders", Write: true, File: "c/c_test.go"},
		{Package: "example.com/m/c", Table: "audit", Write: true, DDL: true, File: "c/c.go"},
		{Package: "example.com/m/x", Table: "orders", Write: true, File: "x/x.go"},
	}
	p := ProposeTables(cfg, uses)
	if want := map[string][]string{"a": {"orders"}}; !reflect.DeepEqual(p.Owned, want) {
		t.Errorf("owned %v, want %v", p.Owned, want)
	}
	if want := map[string][]string{"b": {"orders"}}; !reflect.DeepEqual(p.Reads, want) {
		t.Errorf("reads %v, want %v", p.Reads, want)
	}
	if want := []ContestedTable{{"invoices", []string{"b", "c"}}}; !reflect.DeepEqual(p.Contested, want) {
		t.Errorf("contested %v, want %v", p.Contested, want)
	}
}

func TestTableReasonFor(t *testing.T) {
	cfg := tablesConfig(t, "    tables: [orders]\n")
	for _, c := range []struct {
		module string
		st     graph.SharedTable
		want   string
	}{
		{"a", graph.SharedTable{Table: "orders", Write: true, Others: []string{"b"}, OthersWrite: []string{"b"}}, "owns table orders, which b also writes"},
		{"a", graph.SharedTable{Table: "orders", Write: true, Others: []string{"b", "c"}}, "owns table orders, which b and c read"},
		{"b", graph.SharedTable{Table: "orders", Write: true, Others: []string{"a"}, OthersWrite: []string{"a"}}, "writes table orders, owned by a"},
		{"b", graph.SharedTable{Table: "orders", Others: []string{"a"}, OthersWrite: []string{"a"}}, "reads table orders, owned by a"},
		{"b", graph.SharedTable{Table: "carts", Write: true, Others: []string{"c"}, OthersWrite: []string{"c"}}, "writes table carts, which c also writes (owned by no module)"},
	} {
		if got := tableReasonFor(cfg, c.module, c.st); got != c.want {
			t.Errorf("%s %+v: %q, want %q", c.module, c.st, got, c.want)
		}
	}
}
