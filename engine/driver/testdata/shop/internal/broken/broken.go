// Package broken does not type-check: the driver records it and goes on.
package broken

var x int = "not an int"
