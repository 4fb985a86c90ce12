// Package dataownership defines an Analyzer that checks each module's SQL
// against the tables the config says it owns and reads.
//
// # Analyzer dataownership
//
// dataownership: report writes to another module's tables and reads not in a module's reads
//
// The dataownership analyzer runs rule data-ownership of archcheck.yaml:
// each module declares the tables it owns (`tables`, with `*` for any run
// of characters; the most specific pattern wins) and the tables of other
// modules it may read (`reads`); `shared_tables` may be read and written
// by every module. A package of module A that writes (INSERT, UPDATE,
// DELETE, MERGE, TRUNCATE, an ORM write) a table owned by module B ≠ A,
// or reads one that is not in A's reads, is reported, once per call site,
// table and access, with the statement shortened:
//
//	checkout writes table invoices, owned by billing: INSERT INTO invoices (order_id) VALUES ($1)
//
// The tables come from the sqltables analyzer: SQL text reaching
// database/sql, sqlx, pgx and pgxpool (constants, concatenations,
// fmt.Sprintf formats, sqlc's query constants, wrappers' arguments), gorm
// and pop models (TableName or the library's naming rule) and squirrel and
// goqu builders. The access belongs to the module where the SQL text or
// the ORM call appears, not to a shared helper that runs it. Not checked:
// DDL (CREATE, ALTER, DROP TABLE: schemas belong to migrations), _test.go
// files, tables no module owns (rule unowned-table, in `archcheck check`
// only, reports those that several modules use), and queries whose tables
// cannot be told (`archcheck check --debug-stats` lists them).
//
// The rule is on (error) once any module declares tables, unless the
// config's rules set it. `//archcheck:ignore data-ownership reason`
// suppresses one finding; baseline entries name the table.
package dataownership
