package dataownership_test

import (
	"fmt"
	"os"            //archcheck:ignore forbidden-import the test reads its fixture config; the analyzer stays hermetic
	"path/filepath" //archcheck:ignore forbidden-import the test reads its fixture config; the analyzer stays hermetic
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers"
	"github.com/archcheck/archcheck/analyzers/dataownership"
	"github.com/archcheck/archcheck/rules"
)

func newConfig(t *testing.T, extra string) *rules.Config {
	t.Helper()
	path := filepath.Join(analysistest.TestData(), "archcheck.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(path, append(data, extra...))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/shop")
	return cfg
}

// TestLibraries runs the rule on one package per library (database/sql,
// sqlx, pgx v4 and v5, pgxpool, gorm, pop, squirrel, goqu, sqlc-shaped
// code), each with allowed accesses (own tables and patterns, reads,
// shared tables, DDL, unowned tables, test files, a suppressed one) and
// forbidden ones; a shared helper's caller is the module that accesses.
func TestLibraries(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), dataownership.New(newConfig(t, "")),
		"example.com/shop/checkout/sqldb", "example.com/shop/checkout/sqlxdb", "example.com/shop/checkout/pgx4",
		"example.com/shop/checkout/pgx5", "example.com/shop/checkout/pool", "example.com/shop/checkout/gormdb",
		"example.com/shop/checkout/popdb", "example.com/shop/checkout/builders", "example.com/shop/checkout/sqlcgen",
		"example.com/shop/checkout/wrapped", "example.com/shop/billing", "example.com/shop/platform/db")
}

// TestOff: with the rule off nothing is reported, and the uses are still
// the result (for unowned-table and the graph).
func TestOff(t *testing.T) {
	a := dataownership.New(newConfig(t, "rules:\n  data-ownership: off\n"))
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "off"), a, "example.com/shop/checkout/sqldb")
	for _, r := range results {
		res := r.Result.(*dataownership.Result)
		if len(r.Diagnostics) != 0 || len(res.Findings) != 0 || len(res.Uses) == 0 || res.Module != "checkout" {
			t.Errorf("off: %d diagnostics, %d findings, %d uses, module %q", len(r.Diagnostics), len(res.Findings), len(res.Uses), res.Module)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{dataownership.New(newConfig(t, ""))}); err != nil {
		t.Fatal(err)
	}
}

// TestCombined runs the rule as the golangci-lint plugin and nogo do: the
// one analyzer of every per-package rule, with its Requires (sqltables)
// and facts (wrappers across packages). The diagnostics are the same; the
// sync-call facts the combined analyzer also exports are not this test's.
func TestCombined(t *testing.T) {
	analysistest.Run(noFacts{t}, analysistest.TestData(), analyzers.Combined(newConfig(t, "")),
		"example.com/shop/checkout/sqldb", "example.com/shop/checkout/wrapped", "example.com/shop/billing")
}

// noFacts passes analysistest's errors on, but for unexpected facts.
type noFacts struct{ t *testing.T }

func (n noFacts) Errorf(format string, args ...any) {
	n.t.Helper()
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "unexpected fact") {
		n.t.Error(msg)
	}
}
