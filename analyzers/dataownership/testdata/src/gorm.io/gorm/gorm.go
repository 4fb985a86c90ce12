// Package gorm is a stub of gorm.io/gorm.
package gorm

type DB struct{}

func (db *DB) Model(value any) *DB                 { return db }
func (db *DB) Table(name string, args ...any) *DB  { return db }
func (db *DB) Where(query any, args ...any) *DB    { return db }
func (db *DB) Create(value any) *DB                { return db }
func (db *DB) Save(value any) *DB                  { return db }
func (db *DB) Update(column string, value any) *DB { return db }
func (db *DB) Updates(values any) *DB              { return db }
func (db *DB) Delete(value any, conds ...any) *DB  { return db }
func (db *DB) Find(dest any, conds ...any) *DB     { return db }
func (db *DB) First(dest any, conds ...any) *DB    { return db }
func (db *DB) Count(count *int64) *DB              { return db }
func (db *DB) Raw(sql string, values ...any) *DB   { return db }
func (db *DB) Exec(sql string, values ...any) *DB  { return db }
func (db *DB) Scan(dest any) *DB                   { return db }
