// Package payments is a third-party client that the config's blocking list
// names.
package payments

type Client struct{}

func (c *Client) Charge(cents int) error { return nil }
