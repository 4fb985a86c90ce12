// Package recommend suggests products from order history.
package recommend

import "example.com/shop/internal/checkout/history" // cycle: checkout → catalog → checkout

// For recommends products for a customer.
func For(customer string) []string { return history.Orders(customer) }
