// Package text is a tiny utility.
package text

import "strings"

// Trim trims spaces.
func Trim(s string) string { return strings.TrimSpace(s) }
