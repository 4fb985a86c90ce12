// Package events is the broker seam.
package events

// Publish publishes an event asynchronously.
func Publish(topic, payload string) {}
