// Package web serves HTTP.
package web

import (
	"net/http"

	"example.com/market/internal/inventory/shipping"
	"example.com/market/internal/orders"
)

// Routes registers the handlers.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("/checkout", handleCheckout)
	mux.HandleFunc("/quote", quote)
}

func handleCheckout(w http.ResponseWriter, r *http.Request) {
	if err := orders.Place(r.Context(), r.FormValue("id")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func quote(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte(shipping.Quote(r.FormValue("to"))))
}
