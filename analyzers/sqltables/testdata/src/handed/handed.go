// Package handed queries a connection it is handed, without importing
// database/sql itself: the query call still counts.
package handed

import "a"

func Archive(s *a.Store) { // want Archive:"reads done; writes archive"
	_, _ = s.Handle().Exec("INSERT INTO archive SELECT * FROM done")
}
