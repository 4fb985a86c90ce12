package orm

import (
	"database/sql"
	"fmt"

	"github.com/Masterminds/squirrel"
	"github.com/doug-martin/goqu/v9"
	"github.com/ory/pop/v6"
	"gorm.io/gorm"

	"models"
)

type Cart struct{ ID int }

type Carts []Cart

func Gorm(db *gorm.DB, id int) { // want Gorm:"reads billing_invoices, carts, orders; writes audit, people"
	db.Create(&models.Person{})
	db.Where("id = ?", id).First(&models.Invoice{})
	var carts Carts
	db.Find(&carts)
	var orders []*models.Order
	db.Find(&orders)
	db.Table("public.audit").Update("x", 1)
	db.Raw("SELECT 1").Scan(&orders) // SQL text: no table, and not the model's
}

func GormUnresolved(db *gorm.DB, m any) {
	db.Create(m)
	var n int64
	db.Count(&n)
	db.Model(&models.Dynamic{}).Update("x", 1)
}

func Pop(c *pop.Connection) { // want Pop:"reads identities, people; writes billing_invoices, orders"
	c.Create(&models.Order{})
	c.Where("x = ?", 1).First(&models.Identity{})
	c.Q().Delete(&models.Invoice{})
	var ps []models.Person
	c.Where("a").All(&ps)
	c.RawQuery("DELETE FROM orders WHERE x").Exec()
}

func Builders() { // want Builders:"reads customers, items, orders; writes events, stock"
	squirrel.Select("*").From("orders o").Join("customers c ON c.id = o.customer_id")
	squirrel.Insert("events")
	squirrel.Update("stock")
	goqu.From(goqu.T("items").As("i"))
	goqu.Delete("stock")
}

func BuildersUnresolved(t string) {
	squirrel.Select("*").From(t)
	goqu.Insert(goqu.T(t))
}

func TableNameInSprintf(c *pop.Connection, n int) { // want TableNameInSprintf:"writes billing_invoices, identities"
	c.RawQuery(fmt.Sprintf("DELETE FROM %s WHERE id = %d", models.Invoice{}.TableName(), n)).Exec()
	c.RawQuery(fmt.Sprintf("UPDATE %q SET x = 1", models.Identity{}.TableName(nil))).Exec()
	c.RawQuery(fmt.Sprintf("DELETE FROM %s", models.Dynamic{}.TableName())).Exec()
	c.RawQuery(fmt.Sprintf("DELETE FROM %[1]s WHERE id IN (SELECT id FROM %[1]s)", models.Invoice{}.TableName())).Exec()
}

func BuiltThenRun(db *sql.DB) { // want BuiltThenRun:"writes events"
	q, args, _ := squirrel.Insert("events").ToSql()
	_, _ = db.Exec(q, args...) // the builder named the table: not unresolved
}
