package pgx5

import (
	"context"

	"github.com/jackc/pgx/v5"
)

func Run(ctx context.Context, c *pgx.Conn) {
	_ = c.QueryRow(ctx, "SELECT * FROM orders JOIN customers ON true")
	_, _ = c.Query(ctx, "SELECT * FROM orders JOIN invoices ON true") // want `checkout reads table invoices, owned by billing`
	var b pgx.Batch
	b.Queue("DELETE FROM billing_runs") // want `checkout writes table billing_runs, owned by billing`
}
