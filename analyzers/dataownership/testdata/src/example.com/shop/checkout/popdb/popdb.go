package popdb

import (
	"github.com/ory/pop/v6"

	"example.com/shop/crm/models"
)

type Invoice struct{ ID int }

func (Invoice) TableName() string { return "invoices" }

func Run(c *pop.Connection) {
	_ = c.Where("id = ?", 1).First(&models.Customer{})
	_ = c.Update(&models.Customer{})                    // want `checkout writes table customers, owned by crm: pop Update\(\*models.Customer\)`
	_ = c.Destroy(&Invoice{})                           // want `checkout writes table invoices, owned by billing`
	_ = c.RawQuery("DELETE FROM people WHERE x").Exec() // want `checkout writes table people, owned by crm: DELETE FROM people WHERE x`
}
