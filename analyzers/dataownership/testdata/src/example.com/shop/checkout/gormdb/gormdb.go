package gormdb

import (
	"gorm.io/gorm"

	"example.com/shop/crm/models"
)

type Order struct{ ID int }

type Invoice struct{ ID int }

func Run(db *gorm.DB) {
	db.Create(&Order{})
	db.First(&models.Customer{})
	db.Create(&Invoice{})                // want `checkout writes table invoices, owned by billing: gorm Create\(\*gormdb.Invoice\)`
	db.Find(&[]models.Person{})          // want `checkout reads table people, owned by crm and not in checkout's reads: gorm Find\(\*\[\]models.Person\)`
	db.Table("billing_x").Update("a", 1) // want `checkout writes table billing_x, owned by billing: gorm Table\(billing_x\).Update`
}
