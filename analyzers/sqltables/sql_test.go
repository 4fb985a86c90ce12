package sqltables

import (
	"reflect"
	"strings"
	"testing"
)

func TestTables(t *testing.T) {
	for _, c := range []struct {
		query         string
		reads, writes string // comma-separated
	}{
		{"SELECT id, total FROM orders WHERE id = $1", "orders", ""},
		{"select * from public.orders o join customers c on c.id = o.customer_id", "customers,public.orders", ""},
		{"SELECT * FROM a, b AS bb, c WHERE a.x = bb.x", "a,b,c", ""},
		{"INSERT INTO orders (id, total) VALUES ($1, $2)", "", "orders"},
		{"INSERT INTO archive SELECT * FROM orders WHERE done", "orders", "archive"},
		{"UPDATE orders SET paid = true WHERE id = ?", "", "orders"},
		{"UPDATE orders SET total = p.total FROM prices p WHERE p.id = orders.id", "prices", "orders"},
		{"DELETE FROM sessions WHERE expires < now()", "", "sessions"},
		{"DELETE FROM carts USING users WHERE carts.user_id = users.id", "users", "carts"},
		{"INSERT INTO stock (sku, n) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET n = excluded.n", "", "stock"},
		{"SELECT * FROM jobs WHERE state = 'ready' FOR UPDATE SKIP LOCKED", "jobs", ""},
		{"INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 2", "", "t"},
		{"SELECT EXTRACT(YEAR FROM created_at), SUBSTRING(name FROM 2) FROM users", "users", ""},
		{"SELECT * FROM (SELECT id FROM orders) AS sub", "orders", ""},
		{"SELECT * FROM unnest($1::int[]) AS x", "", ""},
		{"WITH recent AS (SELECT * FROM orders WHERE day > $1) SELECT * FROM recent JOIN items ON true", "items,orders", ""},
		{"SELECT 'FROM fake' AS s FROM real -- FROM comment\n", "real", ""},
		{`SELECT * FROM "Orders" JOIN "Sales"."Items" ON true`, "Orders,Sales.Items", ""},
		{"TRUNCATE TABLE a, b", "", "a,b"},
		{"CREATE TABLE IF NOT EXISTS audit (id int)", "", "audit"},
		{"DROP TABLE IF EXISTS tmp; ALTER TABLE users ADD COLUMN x int", "", "tmp,users"},
		{"INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", "", "kv"},
		{"MERGE INTO stock s USING deliveries d ON s.sku = d.sku WHEN MATCHED THEN UPDATE SET n = s.n + d.n", "deliveries", "stock"},
		{"SELECT * FROM " + Unknown + " WHERE id = 1", "", ""},
		{"SELECT * FROM orders_" + Unknown + " JOIN customers ON true", "customers", ""},
		{"SELECT * FROM t WHERE x IN (SELECT y FROM u)", "t,u", ""},
		{"", "", ""},
	} {
		reads, writes := Tables(c.query)
		if !reflect.DeepEqual(reads, split(c.reads)) || !reflect.DeepEqual(writes, split(c.writes)) {
			t.Errorf("Tables(%q) = reads %v, writes %v; want reads %v, writes %v", c.query, reads, writes, split(c.reads), split(c.writes))
		}
	}
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func FuzzTables(f *testing.F) {
	f.Add("SELECT * FROM a JOIN b ON a.x = b.x")
	f.Add("WITH x AS (SELECT 1) INSERT INTO y SELECT * FROM x")
	f.Add("[\"`(")
	f.Fuzz(func(t *testing.T, q string) {
		Tables(q) // must not panic
	})
}
