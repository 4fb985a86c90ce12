// Package stock reserves items.
package stock

import (
	"example.com/market/internal/inventory/stock/levels"
	"example.com/market/internal/inventory/stock/reservations"
)

// Reserve reserves an item if any is left.
func Reserve(sku string) bool {
	if levels.Of(sku) == 0 {
		return false
	}
	reservations.Hold(sku)
	return true
}
