// Package sqlx is a stub of github.com/jmoiron/sqlx.
package sqlx

import "database/sql"

type DB struct{ *sql.DB }

func (db *DB) Get(dest any, query string, args ...any) error    { return nil }
func (db *DB) Select(dest any, query string, args ...any) error { return nil }
func (db *DB) NamedExec(query string, arg any) (sql.Result, error) {
	return nil, nil
}

// Get is the package-level helper: sqlx.Get(q, dest, query, args...).
func Get(q any, dest any, query string, args ...any) error { return nil }
