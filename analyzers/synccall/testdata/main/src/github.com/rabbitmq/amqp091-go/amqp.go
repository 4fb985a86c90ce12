// Package amqp091 is a stub of amqp091-go.
package amqp091

import (
	"context"
	"time"
)

type Publishing struct{}

type Channel struct{}

func (ch *Channel) PublishWithContext(ctx context.Context, exchange, key string, msg Publishing) error {
	time.Sleep(1)
	return nil
}
