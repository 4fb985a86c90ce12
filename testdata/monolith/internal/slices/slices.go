// Package slices is a tiny utility.
package slices

// Last returns the last element, or "".
func Last(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[len(xs)-1]
}
