// Package ledger records payments.
package ledger

import "example.com/market/internal/platform/db"

// Record marks the order paid and writes an invoice: billing writes table
// orders too, which blocks splitting billing from orders.
func Record(id string) error {
	if _, err := db.Conn.Exec("UPDATE orders SET paid = true WHERE id = $1", id); err != nil {
		return err
	}
	_, err := db.Conn.Exec("INSERT INTO invoices (order_id) VALUES ($1)", id)
	return err
}
