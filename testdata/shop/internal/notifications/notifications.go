// Package notifications tells customers what happened.
package notifications

import "example.com/shop/internal/notifications/mailer"

// SendReceipt mails a receipt.
func SendReceipt(id string) { _ = mailer.New().Send(id) }
