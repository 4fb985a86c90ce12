package billing

import (
	"example.com/shop/internal/gateway"
	"github.com/acme/payments"
)

// Charge calls into module gateway: a sync-call of its own.
func Charge() error { // want Charge:`^network: billing.Charge → gateway.Post → http.Post$`
	return gateway.Post("https://pay") // want `\[sync-call\] billing.Charge calls gateway.Post synchronously; it blocks on net/http.Post \(network: Charge → gateway.Post → http.Post\)`
}

// Card blocks through the config's blocking list.
func Card(c *payments.Client) error { // want Card:`^network: billing.Card → \(\*payments.Client\).Charge$`
	return c.Charge(100)
}
