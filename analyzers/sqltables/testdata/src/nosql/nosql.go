// Package nosql reaches database/sql through its imports but runs no query:
// no fact.
package nosql

import "a"

func Keep(s *a.Store) *a.Store {
	_ = s.Handle()
	return s
}
