package mailer

import "net/smtp"

type Mailer struct{ addr string }

func (m *Mailer) Send(to string) error { // want Send:`network`
	return m.deliver(to)
}

func (m *Mailer) deliver(to string) error { // want deliver:`network`
	return smtp.SendMail(m.addr, nil, "shop", []string{to}, nil)
}
