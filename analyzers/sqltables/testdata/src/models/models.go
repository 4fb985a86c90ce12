// Package models declares models in a package that runs no query.
package models

import "context"

type Order struct{ ID int }

type Invoice struct{ ID int }

func (Invoice) TableName() string { return "billing_invoices" } // want TableName:"table billing_invoices"

type Identity struct{ ID int }

func (i Identity) TableName(context.Context) string { return "identities" } // want TableName:"table identities"

type Person struct{ ID int }

type Dynamic struct{ Prefix string }

func (d Dynamic) TableName() string { return d.Prefix + "_x" }
