package mailer

import "net/smtp"

type Mailer struct{ addr string }

func (m *Mailer) Send(to string) error { // want Send:`network: \(\*mailer.Mailer\).Send → \(\*mailer.Mailer\).deliver → smtp.SendMail`
	return m.deliver(to)
}

func (m *Mailer) deliver(to string) error { // want deliver:`network: \(\*mailer.Mailer\).deliver → smtp.SendMail`
	return smtp.SendMail(m.addr, nil, "shop", []string{to}, nil)
}

// Addr does not block.
func (m *Mailer) Addr() string { return m.addr }
