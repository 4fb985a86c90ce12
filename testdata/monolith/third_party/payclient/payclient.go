// Package payclient stands for a third-party payment API client: a
// dependency of the monolith, not part of it.
package payclient

import (
	"net/http"
	"strings"
)

// Client talks to the payment provider.
type Client struct{ BaseURL string }

// Charge charges an amount over HTTP.
func (c *Client) Charge(account string, cents int) error {
	resp, err := http.Post(c.BaseURL+"/charges", "text/plain", strings.NewReader(account))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
