// Package analytics reports to a third-party gateway.
package analytics

import (
	"io" // forbidden-import look-alike: io is not io/ioutil
	"net/http"
)

// Track sends an event to the analytics gateway.
func Track(id string) {
	resp, err := http.Get("https://analytics.example.com/track?id=" + id)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
