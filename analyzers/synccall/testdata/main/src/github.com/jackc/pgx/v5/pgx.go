// Package pgx is a stub of pgx v5.
package pgx

import "context"

type Conn struct{}

func (c *Conn) Exec(ctx context.Context, sql string, args ...any) error { return nil }
