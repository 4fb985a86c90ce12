package checkout

import (
	//archcheck:ignore visibility nothing to suppress here any more
	"example.com/shop/internal/billing"
)

// Refund refunds an order.
func Refund(id string) { billing.Charge("-" + id) }
