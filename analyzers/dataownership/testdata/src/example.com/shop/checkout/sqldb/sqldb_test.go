package sqldb

import (
	"database/sql"
	"testing"
)

// Tests may prepare another module's tables.
func TestPlace(t *testing.T) {
	var db *sql.DB
	_, _ = db.Exec("INSERT INTO invoices (id) VALUES (1)")
}
