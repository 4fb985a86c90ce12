// Package pgx is a stub of github.com/jackc/pgx/v5: just the names the
// analyzer matches.
package pgx

import "context"

type Conn struct{}

type Rows interface{ Close() }

type Row interface{ Scan(dest ...any) error }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (int64, error) { return 0, nil }
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error)      { return nil, nil }
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row             { return nil }
func (c *Conn) Prepare(ctx context.Context, name, sql string) (any, error)            { return nil, nil }

type Batch struct{}

func (b *Batch) Queue(query string, arguments ...any) {}
