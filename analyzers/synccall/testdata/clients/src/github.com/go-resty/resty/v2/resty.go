package resty

import "net/http"

type Request struct{ c *http.Client }

// Get is a client API: the chain stops here, not at http.Client.Do.
func (r *Request) Get(url string) error {
	req, _ := http.NewRequest("GET", url, nil)
	_, err := r.c.Do(req)
	return err
}
