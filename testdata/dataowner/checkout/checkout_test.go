package checkout

import (
	"database/sql"
	"testing"
)

func TestPlace(t *testing.T) {
	var x *sql.DB
	_, _ = x.Exec("DELETE FROM invoices")
}
