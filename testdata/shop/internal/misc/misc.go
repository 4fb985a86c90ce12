// Package misc belongs to no module: unassigned.
package misc

// Helper helps.
func Helper() {}
