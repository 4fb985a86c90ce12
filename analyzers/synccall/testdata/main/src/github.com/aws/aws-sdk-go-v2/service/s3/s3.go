// Package s3 is a stub of the AWS S3 client.
package s3

import "context"

type Client struct{}

func (c *Client) PutObject(ctx context.Context, key string) error { return nil }

func (c *Client) options() {}
