// Package reservations holds items for orders.
package reservations

import "example.com/market/internal/inventory/stock/levels"

// Hold holds one item.
func Hold(sku string) { _ = levels.Of(sku) }
