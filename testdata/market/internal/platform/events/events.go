// Package events is the broker seam.
package events

// Publish publishes an event asynchronously.
func Publish(topic, payload string) {}

// Subscribe registers a consumer.
func Subscribe(topic string, fn func(topic, payload string)) {}
