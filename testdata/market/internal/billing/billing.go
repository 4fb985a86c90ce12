// Package billing charges customers through a payment gateway.
package billing

import (
	"net/http"
	"strings"

	"example.com/market/internal/billing/ledger"
)

// Charge charges an order and records it.
func Charge(id string) error {
	if err := pay(id); err != nil {
		return err
	}
	return ledger.Record(id)
}

func pay(id string) error {
	resp, err := http.Post("https://payments.example.com/charge", "text/plain", strings.NewReader(id))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
