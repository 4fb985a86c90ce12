// Package billing charges customers.
package billing

import "example.com/shop/internal/billing/store"

// Charge charges an order.
func Charge(id string) { store.Save(id) }
