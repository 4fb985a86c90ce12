package checkout

import (
	"database/sql"

	"example.com/shop/platform/db"
)

const markPaid = `UPDATE "public"."invoices"
	SET paid = true
	WHERE order_id = $1`

func Place(x *sql.DB, id int) error {
	if err := db.Exec(x, "INSERT INTO orders (id) VALUES (1)"); err != nil {
		return err
	}
	if _, err := x.Exec(markPaid, id); err != nil {
		return err
	}
	_ = x.QueryRow("SELECT name FROM customers WHERE id = $1", id)
	_, err := x.Exec("INSERT INTO audit_log (what) VALUES ('placed')")
	return err
}

func Cancel(x *sql.DB, id int) error {
	//archcheck:ignore data-ownership billing's refund API is on its way
	_, err := x.Exec("DELETE FROM invoices WHERE order_id = $1", id)
	return err
}

func Search(x *sql.DB, where string) {
	_, _ = x.Query(query(where))
}

func query(where string) string { return "SELECT * FROM orders WHERE " + where }
