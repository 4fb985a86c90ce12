// Package checkout places orders.
package checkout

import (
	"example.com/shop/internal/analytics" // dependency: analytics is not in depends_on
	"example.com/shop/internal/billing"
	"example.com/shop/internal/billing/store" // visibility: billing/store is not public
	"example.com/shop/internal/catalog"
	"example.com/shop/internal/notifications"
	"example.com/shop/internal/platform/events"
)

// PlaceOrder places an order.
func PlaceOrder(id string) error {
	if !catalog.InStock(id) {
		return nil
	}
	billing.Charge(id)
	store.Save(id)
	analytics.Track(id)
	notifications.SendReceipt(id)
	events.Publish("order.placed", id)
	return nil
}
