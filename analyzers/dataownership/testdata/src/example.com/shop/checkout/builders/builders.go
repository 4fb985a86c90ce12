package builders

import (
	"github.com/Masterminds/squirrel"
	"github.com/doug-martin/goqu/v9"
)

func Run() {
	squirrel.Select("*").From("orders")
	squirrel.Select("*").From("invoices i") // want `checkout reads table invoices, owned by billing and not in checkout's reads: squirrel From\(invoices i\)`
	squirrel.Insert("billing_log")          // want `checkout writes table billing_log, owned by billing`
	goqu.From("customers")
	goqu.Update("people") // want `checkout writes table people, owned by crm: goqu Update\(people\)`
}
