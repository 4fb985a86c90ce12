// Package db runs the SQL its callers give it.
package db

import "database/sql"

func Exec(db *sql.DB, query string) error {
	_, err := db.Exec(query)
	return err
}
