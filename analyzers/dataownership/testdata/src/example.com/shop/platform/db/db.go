// Package db is a shared helper that runs the SQL it is given: the access
// belongs to its callers.
package db

import "database/sql"

func Exec(db *sql.DB, query string, args ...any) error {
	_, err := db.Exec(query, args...)
	return err
}
