// Package sdk is a dependency: its facts use only the built-in lists.
package sdk

import (
	"net/http"

	"github.com/acme/payments"
)

// Fetch calls a function only the config's blocking list names: no fact.
func Fetch(c *payments.Client) error { return c.Charge(1) }

// Get blocks through net/http.
func Get(url string) error {
	_, err := http.Get(url)
	return err
}
