package notifications

import (
	"example.com/sdk"
	"example.com/shop/internal/notifications/mailer"
)

func SendReceipt(to string) error { // want SendReceipt:`network`
	return new(mailer.Mailer).Send(to)
}

// Webhook blocks only through a dependency's body.
func Webhook(url string) error { // want Webhook:`^network: notifications.Webhook → sdk.Post → http.Post$`
	return sdk.Post(url)
}
