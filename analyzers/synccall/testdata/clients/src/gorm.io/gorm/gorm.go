package gorm

type DB struct{ callbacks []func(*DB) }

// First runs through callbacks stored in fields: listed, so it blocks.
func (db *DB) First(dest any) *DB {
	for _, f := range db.callbacks {
		f(db)
	}
	return db
}

func (db *DB) Where(q string) *DB { return db }
