package sqltables_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers/sqltables"
)

func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), sqltables.Analyzer, "a")
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	r := results[0]
	if len(r.Diagnostics) != 0 {
		t.Errorf("sqltables reported %d diagnostics; it reports none", len(r.Diagnostics))
	}
	res := r.Result.(*sqltables.Result)
	var got []string
	for _, u := range res.Uses {
		verb := "reads"
		if u.Write {
			verb = "writes"
		}
		got = append(got, fmt.Sprintf("%d %s %s %s", r.Pass.Fset.Position(u.Pos).Line, u.Func, verb, u.Table))
	}
	want := []string{
		"23 (*a.Store).Save writes orders",
		"30 (*a.Store).Pay reads customers",
		"30 (*a.Store).Pay reads orders",
		"31 (*a.Store).Pay writes invoices",
		"37 a.Dynamic reads products",
		"42 a.Sprintf reads stock",
		"47 (*a.Store).Pgx writes sessions",
		"48 (*a.Store).Pgx reads carts",
		"50 (*a.Store).Pgx writes sessions",
		"56 (*a.Store).Sqlx reads users",
		"57 (*a.Store).Sqlx reads audit",
		"58 (*a.Store).Sqlx writes events",
		"63 a.Closure writes jobs",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHandedConnection: a package that queries a *sql.DB it gets from
// another package, without importing database/sql, has its tables found; one
// that only passes the connection on has none.
func TestHandedConnection(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), sqltables.Analyzer, "handed", "nosql")
	for _, r := range results {
		n := len(r.Result.(*sqltables.Result).Uses)
		want := map[string]int{"handed": 2, "nosql": 0}[r.Pass.Pkg.Path()]
		if n != want {
			t.Errorf("%s: %d table uses, want %d", r.Pass.Pkg.Path(), n, want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{sqltables.Analyzer}); err != nil {
		t.Fatal(err)
	}
}
