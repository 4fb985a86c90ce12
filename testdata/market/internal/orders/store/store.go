// Package store persists orders.
package store

import (
	"context"

	"example.com/market/internal/platform/db"
)

const table = "orders"

// Save inserts an order.
func Save(ctx context.Context, id string) error {
	_, err := db.Conn.ExecContext(ctx, "INSERT INTO "+table+" (id) VALUES ($1)", id)
	return err
}

// Count counts a customer's orders.
func Count(ctx context.Context, customer string) int {
	var n int
	_ = db.Conn.QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE customer = $1", customer).Scan(&n)
	return n
}
