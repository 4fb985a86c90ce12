package sqlxdb

import "github.com/jmoiron/sqlx"

func Run(x *sqlx.DB) {
	var n int
	_ = x.Get(&n, "SELECT count(*) FROM orders")
	_ = x.Get(&n, "SELECT count(*) FROM invoices")              // want `checkout reads table invoices, owned by billing and not in checkout's reads`
	_, _ = x.NamedExec("UPDATE billing_totals SET n = :n", nil) // want `checkout writes table billing_totals, owned by billing`
}
