// Package sdk is a versioned dependency (vendored, so the test needs no
// module proxy): its facts are computed from source and cached.
package sdk

import "net/http"

func Post(url string) error {
	_, err := http.Post(url, "application/json", nil)
	return err
}
