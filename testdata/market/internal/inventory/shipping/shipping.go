// Package shipping quotes shipping; it never touches stock.
package shipping

import (
	"example.com/market/internal/inventory/shipping/carriers"
	"example.com/market/internal/inventory/shipping/rates"
)

// Quote quotes shipping to a destination.
func Quote(to string) string { return carriers.Best(to) + " " + rates.For(to) }
