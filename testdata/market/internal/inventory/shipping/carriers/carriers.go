// Package carriers lists carriers.
package carriers

// Best picks a carrier.
func Best(to string) string { return "post" }
