package checkout

import (
	"example.com/shop/internal/notifications"
	"example.com/shop/internal/platform/events"
)

func PlaceOrder(to string) error { // want PlaceOrder:`network`
	return notifications.SendReceipt(to) // want `^\[sync-call\] checkout.PlaceOrder calls notifications.SendReceipt synchronously; it blocks on net/smtp.SendMail \(network: PlaceOrder → notifications.SendReceipt → mailer.\(\*Mailer\).Send → \(\*Mailer\).deliver → smtp.SendMail\); publish an event on internal/platform/events instead$`
}

func Hook() { // want Hook:`network`
	notifications.Webhook("https://hook") // want `checkout.Hook calls notifications.Webhook synchronously; it blocks on net/http.Post \(network: Hook → notifications.Webhook → sdk.Post → http.Post\)`
}

func Publish() {
	events.Publish("orders")
}
