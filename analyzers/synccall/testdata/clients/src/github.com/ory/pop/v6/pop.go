package pop

import "time"

type Connection struct{}

// Create retries in a loop that sleeps: still a database call, and the
// chain stops here.
func (c *Connection) Create(v any) error { // want Create:`^sleep: \(\*pop.Connection\).Create → \(\*pop.Connection\).locker → time.Sleep$`
	return c.locker()
}

func (c *Connection) locker() error { // want locker:`sleep`
	time.Sleep(1)
	return nil
}

// Helper is not on the built-in list but blocks: a database call too.
func (c *Connection) Helper() { // want Helper:`sleep`
	c.locker()
}

// Where builds a query without blocking.
func (c *Connection) Where(q string) *Connection { return c }
