package httploader // want package:`schema.Loaders = httploader.Load \[network: httploader.Load → http.Get\]`

// Package httploader registers an HTTP loader in another package's map, as
// jsonschema's httploader does.

import (
	"net/http"

	"example.com/lib/schema"
)

func init() { schema.Loaders["http"] = Load }

func Load(s string) error { // want Load:`network: httploader.Load → http.Get`
	resp, err := http.Get(s)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
