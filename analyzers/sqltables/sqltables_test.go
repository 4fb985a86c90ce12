package sqltables_test

import (
	"cmp"
	"fmt"
	"slices"
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

// TestLibraries runs the analyzer on the ORMs (gorm, pop), the builders
// (squirrel, goqu), sqlc-shaped code and a wrapper of another package, and
// checks each use (line, table, access, how it was found) and each call it
// could not resolve.
func TestLibraries(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), sqltables.Analyzer, "orm", "models", "sqlc", "wrapped")
	var got []string
	for _, r := range results {
		res := r.Result.(*sqltables.Result)
		for _, u := range res.Uses {
			verb := "reads"
			if u.Write {
				verb = "writes"
			}
			got = append(got, fmt.Sprintf("%s:%d %s %s (%s)", r.Pass.Pkg.Path(), r.Pass.Fset.Position(u.Pos).Line, verb, u.Table, u.Stmt))
		}
		for _, u := range res.Unresolved {
			got = append(got, fmt.Sprintf("%s:%d unresolved: %s", r.Pass.Pkg.Path(), r.Pass.Fset.Position(u.Pos).Line, u.Reason))
		}
	}
	want := []string{
		"orm:20 writes people (gorm Create(*models.Person))",
		"orm:21 reads billing_invoices (gorm First(*models.Invoice))",
		"orm:23 reads carts (gorm Find(*orm.Carts))",
		"orm:25 reads orders (gorm Find(*[]*models.Order))",
		"orm:26 writes audit (gorm Table(audit).Update)",
		"orm:31 unresolved: gorm Create: model of type any",
		"orm:33 unresolved: gorm Count without a model or table",
		"orm:34 unresolved: gorm Update: Dynamic.TableName does not return a constant",
		"orm:38 writes orders (pop Create(*models.Order))",
		"orm:39 reads identities (pop First(*models.Identity))",
		"orm:40 writes billing_invoices (pop Delete(*models.Invoice))",
		"orm:42 reads people (pop All(*[]models.Person))",
		"orm:43 writes orders (DELETE FROM orders WHERE x)",
		"orm:47 reads customers (squirrel Join(customers c ON c.id = o.customer_id))",
		"orm:47 reads orders (squirrel From(orders o))",
		"orm:48 writes events (squirrel Insert(events))",
		"orm:49 writes stock (squirrel Update(stock))",
		"orm:50 reads items (goqu From(items))",
		"orm:51 writes stock (goqu Delete(stock))",
		"orm:55 unresolved: squirrel From: table not constant",
		"orm:56 unresolved: goqu Insert: table not constant",
		"orm:60 writes billing_invoices (DELETE FROM billing_invoices WHERE id = …)",
		"orm:61 writes identities (UPDATE \"identities\" SET x = 1)",
		"orm:62 unresolved: table name not constant: DELETE FROM …",
		"orm:63 reads billing_invoices (DELETE FROM billing_invoices WHERE id IN (SELECT id FROM billing_invoices))",
		"orm:63 writes billing_invoices (DELETE FROM billing_invoices WHERE id IN (SELECT id FROM billing_invoices))",
		"orm:67 writes events (squirrel Insert(events))",
		"sqlc:22 writes orders (-- name: CreateOrder :exec INSERT INTO orders (id) VALUES ($1))",
		"sqlc:31 reads customers (-- name: GetCustomer :one SELECT id FROM \"public\".\"customers\" WHERE id = $1)",
		"wrapped:7 writes shipments (INSERT INTO shipments VALUES (1))",
	}
	slices.SortStableFunc(got, func(a, b string) int { return cmp.Compare(lineOf(a), lineOf(b)) })
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// lineOf is the "pkg:line" of a line of TestLibraries, the package's name
// padded so that the sort is by package, then line.
func lineOf(s string) string {
	pos, _, _ := strings.Cut(s, " ")
	pkg, line, _ := strings.Cut(pos, ":")
	return fmt.Sprintf("%-10s%05s", pkg, line)
}
