// Package rates prices shipping.
package rates

import "example.com/market/internal/inventory/shipping/carriers"

// For prices shipping to a destination.
func For(to string) string { return carriers.Best(to) + ":5" }
