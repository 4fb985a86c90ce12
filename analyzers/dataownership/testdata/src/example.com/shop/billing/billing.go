package billing

import (
	"database/sql"

	"example.com/shop/platform/db"
)

func Charge(x *sql.DB) {
	_ = db.Exec(x, "INSERT INTO invoices VALUES (1)")
	_, _ = x.Exec("UPDATE billing_runs SET done = true")
	_ = x.QueryRow("SELECT * FROM orders") // want `billing reads table orders, owned by checkout and not in billing's reads`
}
