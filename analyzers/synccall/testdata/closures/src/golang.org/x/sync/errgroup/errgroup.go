package errgroup

type Group struct{ err error }

func (g *Group) Go(f func() error) { go func() { g.err = f() }() }

func (g *Group) TryGo(f func() error) bool { go func() { g.err = f() }(); return true }

func (g *Group) Wait() error { return g.err }
