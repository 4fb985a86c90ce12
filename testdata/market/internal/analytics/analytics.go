// Package analytics records events; it is reached only through the broker.
package analytics

import "example.com/market/internal/platform/db"

// Record stores one event.
func Record(topic, payload string) {
	_, _ = db.Conn.Exec("INSERT INTO analytics_events (topic, payload) VALUES ($1, $2)", topic, payload)
}
