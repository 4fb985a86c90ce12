// Package bus is the config's events package.
package bus

import "net/http"

// Publish blocks in its body, but calls into an events package publish.
func Publish(topic string) error {
	_, err := http.Post("https://broker/"+topic, "", nil)
	return err
}
