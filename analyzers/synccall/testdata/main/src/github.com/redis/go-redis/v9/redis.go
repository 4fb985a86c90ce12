// Package redis is a stub of go-redis v9: commands are methods of an
// embedded function type.
package redis

import "context"

type StringCmd struct{}

type cmdable func(ctx context.Context, args ...any) error

func (c cmdable) Get(ctx context.Context, key string) *StringCmd { return nil }

type Client struct {
	cmdable
}
