// Package sqltables defines an Analyzer that finds the SQL tables each
// function reads and writes, for archcheck's data-ownership metrics.
//
// # Analyzer sqltables
//
// sqltables: record the SQL tables each function reads and writes
//
// The sqltables analyzer looks at calls that take a query string:
// the Query*, Exec* and Prepare* methods of database/sql's DB, Tx and
// Conn; the query methods of github.com/jackc/pgx (v4 and v5, pgxpool
// included) and (*pgx.Batch).Queue; the Get*, Select*, Queryx,
// QueryRowx, MustExec*, Named* and Preparex* functions and methods of
// github.com/jmoiron/sqlx; and the Get and Select helpers of
// github.com/georgysavva/scany. These are matched by package path and
// name, so a project need not depend on them.
//
// The query is the call's parameter named query, sql or stmt, or else its
// first string parameter. Its text is taken from a constant expression
// (string constants and their concatenations, as the type checker folds
// them), from a concatenation whose non-constant parts are left out, from
// the format of fmt.Sprintf, or from a local variable's initializer.
// A heuristic scanner then reads the table names after FROM, JOIN and
// USING (reads) and after INSERT INTO, UPDATE, DELETE FROM, MERGE INTO,
// TRUNCATE and CREATE, ALTER and DROP TABLE (writes), skipping
// subqueries, function arguments, common table expressions, literals and
// comments.
//
// Each function that touches a table gets a fact listing what it reads and
// writes, and the analyzer's result lists every table use of the package
// with its position. It reports no diagnostics: data ownership is a metric
// of `archcheck suggest`, where two modules writing one table weigh
// against extracting either.
//
// What it misses: queries built at run time beyond a simple
// concatenation (query builders, ORMs, strings passed in as parameters
// or returned by helper functions, stored procedures), queries run
// through wrappers of the libraries above (the wrapper's own query
// parameter is not followed to its callers), tables named only through a
// view or a synonym, and SQL the scanner misreads. Table names are
// compared as written: `orders` and `public.orders` are two tables.
package sqltables
