package sqldb

import "database/sql"

func Place(db *sql.DB) {
	_, _ = db.Exec("INSERT INTO invoices (order_id) VALUES (1)")
}
