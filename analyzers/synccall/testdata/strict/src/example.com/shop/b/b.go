package b

import (
	"context"
	"database/sql"

	"github.com/nats-io/nats.go"
)

func Query(db *sql.DB) { // want Query:`^database: b.Query → \(\*sql.DB\).QueryContext$`
	db.QueryContext(context.Background(), "SELECT 1")
}

// Notify publishes on NATS, which the config's blocking list makes blocking.
func Notify(c *nats.Conn) { // want Notify:`^network: b.Notify → \(\*nats.Conn\).Publish$`
	c.Publish("orders", nil)
}
