package billing

import (
	"database/sql"

	"example.com/shop/platform/db"
)

func Charge(x *sql.DB, order int) error {
	if err := db.Exec(x, "INSERT INTO invoices (order_id) VALUES (1)"); err != nil {
		return err
	}
	_, err := x.Exec("UPDATE billing_runs SET done = true")
	return err
}
