package svc

import (
	"context"
	"net/http"
	"time"
)

func Fetch() { // want Fetch:`^network: svc.Fetch → http.Get$`
	http.Get("https://x")
}

func Nap() { // want Nap:`^sleep: svc.Nap → time.Sleep$`
	time.Sleep(1)
}

// Run calls its parameter: a literal passed to it runs in the caller.
func Run(f func()) { // want Run:`^calls params 0$`
	f()
}

// Later stores its parameter: a literal passed to it does not run.
func Later(f func()) { pending = append(pending, f) }

var pending []func()

type Client struct{ addr string }

func (c *Client) Do() { // want Do:`^network: \(\*svc.Client\).Do → http.Get$`
	http.Get(c.addr)
}

func (c *Client) Err() error { // want Err:`^network: \(\*svc.Client\).Err → \(\*svc.Client\).Do → http.Get$`
	c.Do()
	return nil
}

// Factory holds a constructor in a field of function type.
type Factory struct {
	HTTPClient func() *Client
}

func New() *Factory {
	return &Factory{HTTPClient: func() *Client { Fetch(); return &Client{} }}
}

// WithSpan is ory/x's otelx.WithSpan: it calls f in its return statement,
// after a deferred literal that recovers.
func WithSpan(ctx context.Context, name string, f func(context.Context) error, opts ...int) (err error) { // want WithSpan:`^calls params 2$`
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		defer cancel()
		if r := recover(); r != nil {
			panic(r)
		} else if err != nil {
			_ = err.Error()
		}
	}()
	return f(ctx)
}
