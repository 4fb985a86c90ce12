// Package mailer sends mail over SMTP.
package mailer

import "net/smtp"

// Mailer sends mail.
type Mailer struct{ addr string }

// New returns a Mailer.
func New() *Mailer { return &Mailer{addr: "localhost:25"} }

// Send sends a message.
func (m *Mailer) Send(body string) error { return m.deliver(body) }

func (m *Mailer) deliver(body string) error {
	return smtp.SendMail(m.addr, nil, "shop@example.com", []string{"customer@example.com"}, []byte(body))
}
