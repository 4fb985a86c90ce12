// Package sqlc is shaped like sqlc's generated code: queries as constants
// run through the DBTX interface.
package sqlc

import (
	"context"
	"database/sql"
)

type DBTX interface {
	ExecContext(context.Context, string, ...interface{}) (sql.Result, error)
	QueryRowContext(context.Context, string, ...interface{}) *sql.Row
}

type Queries struct{ db DBTX }

const createOrder = `-- name: CreateOrder :exec
INSERT INTO orders (id) VALUES ($1)
`

func (q *Queries) CreateOrder(ctx context.Context, id int) error { // want CreateOrder:"writes orders"
	_, err := q.db.ExecContext(ctx, createOrder, id)
	return err
}

const getCustomer = `-- name: GetCustomer :one
SELECT id FROM "public"."customers" WHERE id = $1
`

func (q *Queries) GetCustomer(ctx context.Context, id int) *sql.Row { // want GetCustomer:"reads customers"
	return q.db.QueryRowContext(ctx, getCustomer, id)
}
