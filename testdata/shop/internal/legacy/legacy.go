// Package legacy is the old code.
package legacy

import (
	"database/sql" // forbidden-import: legacy may not import database/sql
	"io/ioutil"    // forbidden-import: io/ioutil is forbidden everywhere

	"example.com/shop/internal/platform/db" // shared: no dependency finding
)

// Run runs the old code.
func Run() {
	var _ *sql.DB
	_, _ = ioutil.ReadAll(nil)
	_, _ = db.Open()
}
