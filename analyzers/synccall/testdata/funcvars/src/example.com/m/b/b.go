package b

import "example.com/m/a"

// Use calls a function that blocks only through a function variable: no
// finding in the default mode.
func Use() error { return a.Fetch("http://x") }
