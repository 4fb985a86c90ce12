package sqldb

import (
	"database/sql"
	"fmt"
)

const invoices = "invoices"

func Place(db *sql.DB, id int) {
	_, _ = db.Exec("INSERT INTO orders (id) VALUES ($1)", id)                  // own table
	_, _ = db.Exec("INSERT INTO "+invoices+" (order_id) VALUES ($1)", id)      // want `\[data-ownership\] checkout writes table invoices, owned by billing: INSERT INTO invoices \(order_id\) VALUES \(\$1\)`
	_ = db.QueryRow(`SELECT name FROM "public"."customers" WHERE id = $1`, id) // in reads
	_ = db.QueryRow(fmt.Sprintf("SELECT * FROM billing_runs LIMIT %d", id))    // want `checkout reads table billing_runs, owned by billing and not in checkout's reads: SELECT \* FROM billing_runs LIMIT …`
	_, _ = db.Exec("INSERT INTO audit_log (what) VALUES ('placed')")           // shared
	_, _ = db.Exec("UPDATE cart_items SET n = 0")                              // own pattern
	_, _ = db.Exec("CREATE TABLE IF NOT EXISTS invoices (id int)")             // DDL is not checked
	_, _ = db.Exec("DELETE FROM sessions")                                     // owned by no module
	_, _ = db.Exec("INSERT INTO people SELECT * FROM people")                  // want `writes table people, owned by crm` `reads table people, owned by crm`
	//archcheck:ignore data-ownership migrating to billing's API this quarter
	_, _ = db.Exec("DELETE FROM invoices")
}
