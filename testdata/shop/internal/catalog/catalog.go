// Package catalog knows the products.
package catalog

// InStock reports whether a product is in stock.
func InStock(id string) bool { return id != "" }
