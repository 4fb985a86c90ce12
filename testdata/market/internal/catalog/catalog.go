// Package catalog knows the products.
package catalog

import (
	"context"

	"example.com/market/internal/platform/db"
)

// Available reports whether a product can be sold.
func Available(ctx context.Context, id string) bool {
	rows, err := db.Conn.QueryContext(ctx, "SELECT id FROM products WHERE id = $1 AND active", id)
	if err != nil {
		return false
	}
	defer rows.Close()
	return rows.Next()
}
