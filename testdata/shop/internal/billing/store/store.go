// Package store persists invoices.
package store

import "database/sql" // forbidden-import look-alike: only legacy may not import database/sql

var db *sql.DB

// Save stores an invoice.
func Save(id string) { _ = db }
