package a // want package:`wrappers a.Param\(1\)`

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
)

const ordersTable = "orders"

type Store struct {
	db  *sql.DB
	x   *sqlx.DB
	pg  *pgx.Conn
	ctx context.Context
}

// Save writes through database/sql with a constant concatenation.
func (s *Store) Save(id string) error { // want Save:"writes orders"
	_, err := s.db.Exec("INSERT INTO "+ordersTable+" (id) VALUES ($1)", id)
	return err
}

// Pay mixes a read and a write, one through a local variable.
func (s *Store) Pay(id string) error { // want Pay:"reads customers, orders; writes invoices"
	q := "SELECT total FROM orders JOIN customers ON customers.id = orders.customer WHERE orders.id = $1"
	_ = s.db.QueryRowContext(s.ctx, q, id)
	_, err := s.db.ExecContext(s.ctx, `INSERT INTO invoices (order_id) VALUES ($1)`, id)
	return err
}

// Dynamic concatenates a variable: the constant parts still count.
func Dynamic(db *sql.DB, where string) { // want Dynamic:"reads products"
	_, _ = db.Query("SELECT * FROM products WHERE " + where)
}

// Sprintf formats the table: the format's constant table still counts.
func Sprintf(db *sql.DB, limit int) { // want Sprintf:"reads stock"
	_, _ = db.Query(fmt.Sprintf("SELECT * FROM stock LIMIT %d", limit))
}

// Pgx uses pgx: Prepare's query is its sql parameter, not its name.
func (s *Store) Pgx() { // want Pgx:"reads carts; writes sessions"
	_, _ = s.pg.Exec(s.ctx, "DELETE FROM sessions WHERE expired")
	_, _ = s.pg.Prepare(s.ctx, "users_by_id", "SELECT * FROM carts")
	var b pgx.Batch
	b.Queue("UPDATE sessions SET seen = now()")
}

// Sqlx uses sqlx, with promoted database/sql methods.
func (s *Store) Sqlx() { // want Sqlx:"reads audit, users; writes events"
	var n int
	_ = s.x.Get(&n, "SELECT count(*) FROM users")
	_ = sqlx.Get(s.x, &n, "SELECT count(*) FROM audit")
	_, _ = s.x.Exec("INSERT INTO events (kind) VALUES ('x')")
}

// Closure: a query in a function literal belongs to the declared function.
func Closure(db *sql.DB) { // want Closure:"writes jobs"
	run := func() { _, _ = db.Exec("UPDATE jobs SET state = 'done'") }
	run()
}

// Negative cases: no fact.

// Param runs a query it is given: its text is unknown here.
func Param(db *sql.DB, query string) {
	_, _ = db.Query(query)
}

// Reassigned builds a query in steps: only single assignments are followed.
func Reassigned(db *sql.DB) {
	q := "SELECT * FROM a"
	q = "SELECT * FROM b"
	_, _ = db.Query(q)
}

type fake struct{}

func (fake) Exec(query string) {}

// NotSQL calls a method named Exec of a type that is not a database's.
func NotSQL() {
	fake{}.Exec("DELETE FROM everything")
	fmt.Println("SELECT * FROM logs")
}

// DynamicTable names the table at run time.
func DynamicTable(db *sql.DB, table string) {
	_, _ = db.Exec("DELETE FROM " + table)
}

// Handle hands the store's connection to other packages.
func (s *Store) Handle() *sql.DB { return s.db }

// Describe calls a method of the universe (error.Error, whose package is
// nil) in a package that imports a SQL library: not a query, no table,
// and no package fact to look up (go vet's checker panicked on a nil
// package here).
func Describe(err error) string { return "store: " + err.Error() }
