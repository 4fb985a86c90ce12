package bun

type SelectQuery struct{}

func (q *SelectQuery) Scan() error { return nil }
