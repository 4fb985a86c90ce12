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
		{"select * from public.orders o join customers c on c.id = o.customer_id", "customers,orders", ""},
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
		{`SELECT * FROM "Orders" JOIN "Sales"."Items" ON true`, "Items,Orders", ""},
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

// FuzzTables holds Tables to what it promises on any input: each list
// sorted without duplicates, no empty name and no name with a dynamic part
// in it; a table named after FROM, JOIN, INTO, UPDATE or DELETE FROM is
// found, as written when quoted and lower-cased when not; and the case of
// the keywords and unquoted names does not change the answer.
func FuzzTables(f *testing.F) {
	f.Add("SELECT * FROM a JOIN b ON a.x = b.x")
	f.Add("WITH x AS (SELECT 1) INSERT INTO y SELECT * FROM x")
	f.Add("[\"`(")
	f.Add(`SELECT * FROM "t` + Unknown + `" JOIN ""`)
	f.Add("Update Orders SET a = 1; delete from Sessions -- From x\n")
	f.Fuzz(func(t *testing.T, q string) {
		reads, writes := Tables(q)
		for _, list := range [][]string{reads, writes} {
			for i, name := range list {
				if name == "" || strings.Contains(name, Unknown) {
					t.Errorf("Tables(%q) has the name %q", q, name)
				}
				if i > 0 && list[i-1] >= name {
					t.Errorf("Tables(%q) = %q: not sorted or not deduplicated", q, list)
				}
			}
		}
		if isASCII(q) && !strings.ContainsAny(q, "\"`[") {
			r2, w2 := Tables(strings.ToUpper(q))
			if !reflect.DeepEqual(reads, r2) || !reflect.DeepEqual(writes, w2) {
				t.Errorf("Tables(%q) = %q, %q but in upper case %q, %q", q, reads, writes, r2, w2)
			}
		}
		quoted := strings.NewReplacer(`"`, "", Unknown, "").Replace(q)
		var plain strings.Builder
		for _, c := range q {
			if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				plain.WriteRune(c)
			}
		}
		for _, c := range []struct{ name, found string }{
			{`"` + quoted + `"`, quoted},
			{"t_" + plain.String(), "t_" + strings.ToLower(plain.String())},
		} {
			if c.found == "" {
				continue
			}
			for _, stmt := range []struct {
				q             string
				reads, writes []string
			}{
				{"SELECT a FROM " + c.name + " WHERE a = 1", []string{c.found}, nil},
				{"SELECT 1 FROM x JOIN " + c.name + " ON true", sortedPair("x", c.found), nil},
				{"INSERT INTO " + c.name + " (a) VALUES (1)", nil, []string{c.found}},
				{"UPDATE " + c.name + " SET a = 1", nil, []string{c.found}},
				{"DELETE FROM " + c.name + " WHERE a = 1", nil, []string{c.found}},
			} {
				r, w := Tables(stmt.q)
				if !reflect.DeepEqual(r, stmt.reads) || !reflect.DeepEqual(w, stmt.writes) {
					t.Errorf("Tables(%q) = reads %q, writes %q; want %q, %q", stmt.q, r, w, stmt.reads, stmt.writes)
				}
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// sortedPair is a and b sorted, once if equal.
func sortedPair(a, b string) []string {
	switch {
	case a == b:
		return []string{a}
	case a > b:
		return []string{b, a}
	}
	return []string{a, b}
}

func TestStatement(t *testing.T) {
	for _, c := range []struct {
		query              string
		reads, writes, ddl string // comma-separated
	}{
		{`SELECT * FROM "public"."orders" o JOIN billing.invoices i ON true`, "invoices,orders", "", ""},
		{"INSERT INTO `shop`.`Orders` (id) VALUES (1)", "", "Orders", ""},
		{"UPDATE [dbo].[Carts] SET x = 1", "", "Carts", ""},
		{"CREATE TABLE orders (id int); INSERT INTO orders VALUES (1)", "", "orders", "orders"},
		{"ALTER TABLE public.users ADD COLUMN x int", "", "", "users"},
		{"DROP TABLE IF EXISTS tmp", "", "", "tmp"},
		{`WITH "recent" AS (SELECT * FROM orders), x AS (DELETE FROM carts RETURNING *) SELECT * FROM recent, x`, "orders", "carts", ""},
		{"WITH RECURSIVE tree (id) AS (SELECT id FROM nodes UNION ALL SELECT n.id FROM nodes n JOIN tree t ON n.parent = t.id) SELECT * FROM tree", "nodes", "", ""},
		{`SELECT "a.b" FROM "odd.name"`, "odd.name", "", ""},
	} {
		r, w, d := Statement(c.query)
		if !reflect.DeepEqual(r, split(c.reads)) || !reflect.DeepEqual(w, split(c.writes)) || !reflect.DeepEqual(d, split(c.ddl)) {
			t.Errorf("Statement(%q) = %v, %v, %v; want %v, %v, %v", c.query, r, w, d, split(c.reads), split(c.writes), split(c.ddl))
		}
	}
}

// FuzzStatement: every table Statement finds occurs in the statement's
// text (case aside: unquoted names are lower-cased), and the lists are
// sorted without duplicates.
func FuzzStatement(f *testing.F) {
	f.Add(`SELECT * FROM "public"."orders" JOIN b.c ON true`)
	f.Add("WITH x AS (SELECT 1) INSERT INTO y SELECT * FROM x")
	f.Add("CREATE TABLE IF NOT EXISTS `a`.`b` (id int); TRUNCATE c, d")
	f.Add("UPDATE [x].[y] SET a = 1 FROM \"z\"\"q\"")
	f.Fuzz(func(t *testing.T, q string) {
		reads, writes, ddl := Statement(q)
		low := strings.ToLower(q)
		for _, list := range [][]string{reads, writes, ddl} {
			for i, name := range list {
				if !strings.Contains(low, strings.ToLower(name)) {
					t.Errorf("Statement(%q) found %q, which the text does not hold", q, name)
				}
				if i > 0 && list[i-1] >= name {
					t.Errorf("Statement(%q) = %q: not sorted or not deduplicated", q, list)
				}
			}
		}
	})
}
