package reporting

import "database/sql"

func Revenue(x *sql.DB) {
	_ = x.QueryRow(`WITH paid AS (SELECT * FROM invoices WHERE paid)
		SELECT sum(o.total) FROM orders o JOIN paid ON paid.order_id = o.id`)
	_ = x.QueryRow("SELECT count(*) FROM customers")
	_, _ = x.Exec("CREATE TABLE IF NOT EXISTS invoices_cache (id int)")
}
