// Package message is a stub of watermill's message package.
package message

type Message struct{}

type Publisher interface {
	Publish(topic string, messages ...*Message) error
}
