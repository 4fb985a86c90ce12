// Package orders places orders.
package orders

import (
	"context"

	"example.com/market/internal/billing"
	"example.com/market/internal/catalog"
	"example.com/market/internal/inventory/stock"
	"example.com/market/internal/orders/store"
	"example.com/market/internal/platform/events"
)

// Place places an order: checks the catalog, reserves stock, charges and
// tells the others.
func Place(ctx context.Context, id string) error {
	if !catalog.Available(ctx, id) {
		return nil
	}
	stock.Reserve(id)
	if err := store.Save(ctx, id); err != nil {
		return err
	}
	if err := charge(id); err != nil {
		return err
	}
	events.Publish("order.placed", id)
	return nil
}

// charge is unexported: impact climbs from it to Place by name.
func charge(id string) error { return billing.Charge(id) }

// Count counts a customer's orders.
func Count(ctx context.Context, customer string) int { return store.Count(ctx, customer) }
