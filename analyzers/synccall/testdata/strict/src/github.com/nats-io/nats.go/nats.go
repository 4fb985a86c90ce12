// Package nats is a stub of nats.go.
package nats

type Conn struct{}

func (nc *Conn) Publish(subj string, data []byte) error { return nil }
