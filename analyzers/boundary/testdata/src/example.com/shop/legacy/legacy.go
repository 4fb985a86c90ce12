package legacy

import (
	"example.com/shop/platform/private" // want `\[visibility\] legacy imports example.com/shop/platform/private, which is not in platform's public packages \(./platform\)`
	"net/smtp"                          // want `\[forbidden-import\] legacy imports net/smtp, which forbidden_imports forbids \("net/smtp"\)`
)

// Run runs.
func Run() { _ = private.X; _ = smtp.SendMail }
