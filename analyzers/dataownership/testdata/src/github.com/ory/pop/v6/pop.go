// Package pop is a stub of github.com/ory/pop/v6 (a fork of gobuffalo/pop).
package pop

type Connection struct{}

type Query struct{}

func (c *Connection) Create(model any, excludeColumns ...string) error { return nil }
func (c *Connection) Update(model any, excludeColumns ...string) error { return nil }
func (c *Connection) Destroy(model any) error                          { return nil }
func (c *Connection) Find(model any, id any) error                     { return nil }
func (c *Connection) Where(stmt string, args ...any) *Query            { return nil }
func (c *Connection) Q() *Query                                        { return nil }
func (c *Connection) RawQuery(stmt string, args ...any) *Query         { return nil }
func (q *Query) First(model any) error                                 { return nil }
func (q *Query) All(models any) error                                  { return nil }
func (q *Query) Count(model any) (int, error)                          { return 0, nil }
func (q *Query) Delete(model any) error                                { return nil }
func (q *Query) Exec() error                                           { return nil }
func (q *Query) Where(stmt string, args ...any) *Query                 { return q }
