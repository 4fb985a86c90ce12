package billing

import "example.com/shop/billing/store" // same module: no finding

// Charge charges.
func Charge() { store.Save() }
