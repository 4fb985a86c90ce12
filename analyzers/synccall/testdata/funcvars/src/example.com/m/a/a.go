package a

import (
	"example.com/lib/schema"
	_ "example.com/lib/schema/httploader"
)

// Fetch calls through a dependency's package-level function variable: the
// default mode does not follow it (Result.VarCalls says what it runs).
func Fetch(u string) error { return schema.LoadURL(u) }

// Direct calls an element of the dependency's map.
func Direct(u string) error { return schema.Loaders["http"](u) }

// Unrelated calls a variable that holds a function that does not block.
func Unrelated() { schema.Stored() }
