package checkout_test

import (
	"testing"

	"example.com/shop/internal/checkout"
	"example.com/shop/internal/notifications/mailer" // visibility look-alike: notifications declares no public list, so all are public; dependency holds
)

func TestPlaceOrder(t *testing.T) {
	_ = mailer.New()
	if err := checkout.PlaceOrder("1"); err != nil {
		t.Fatal(err)
	}
}
