// Command market serves the shop.
package main

import (
	"net/http"

	"example.com/market/internal/analytics"
	"example.com/market/internal/platform/events"
	"example.com/market/internal/web"
)

func main() {
	events.Subscribe("order.placed", analytics.Record) // a function value: not a call
	mux := http.NewServeMux()
	web.Routes(mux)
	_ = http.ListenAndServe(":8080", mux)
}
