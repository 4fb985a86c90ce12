// Package wrapped calls a wrapper of another package with its own SQL.
package wrapped

import "a"

func Use() { // want Use:"writes shipments"
	a.Param(nil, "INSERT INTO shipments VALUES (1)")
}
