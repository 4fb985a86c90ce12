package pgx4

import (
	"context"

	"github.com/jackc/pgx/v4"
)

func Run(ctx context.Context, c *pgx.Conn) {
	_, _ = c.Exec(ctx, "UPDATE orders SET paid = true")
	_, _ = c.Exec(ctx, "UPDATE invoices SET paid = true") // want `checkout writes table invoices, owned by billing`
}
