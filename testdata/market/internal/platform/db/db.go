// Package db holds the shared database handle.
package db

import "database/sql"

// Conn is the database.
var Conn *sql.DB
