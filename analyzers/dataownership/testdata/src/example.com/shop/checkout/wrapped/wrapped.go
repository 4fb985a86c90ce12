package wrapped

import (
	"database/sql"

	"example.com/shop/platform/db"
)

// The shared helper runs it, but the text is checkout's.
func Run(x *sql.DB) {
	_ = db.Exec(x, "INSERT INTO orders VALUES (1)")
	_ = db.Exec(x, "INSERT INTO invoices VALUES (1)") // want `checkout writes table invoices, owned by billing`
}
