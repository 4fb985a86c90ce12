// Package legacy_test is a real package whose path ends in _test: its
// imports are its own, not legacy's (which may not import net/smtp nor
// checkout).
package legacy_test // want `\[unassigned\] package example.com/shop/legacy_test belongs to no module; add it to a module's packages or to exclude`

import (
	"net/smtp" // unassigned importers get no finding

	"example.com/shop/checkout"
)

var _ = smtp.SendMail
var _ = checkout.Dummy
