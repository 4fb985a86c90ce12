package app

import (
	"context"
	"net/http"
	"regexp"
	"sort"
	"sync"
	"time"

	"example.com/m/svc"
	"github.com/cenkalti/backoff/v4"
	"golang.org/x/sync/errgroup"
)

type Cmd struct {
	RunE func() error
}

// NewCmd stores a literal in a struct field: it does not block; the
// literal's calls are its own.
func NewCmd() *Cmd {
	return &Cmd{RunE: func() error {
		svc.Fetch() // want `^\[sync-call\] app.NewCmd.func1 \(RunE\) calls svc.Fetch synchronously; it blocks on net/http.Get \(network: NewCmd.func1 \(RunE\) → svc.Fetch → http.Get\)$`
		return nil
	}}
}

// Assigned stores a literal by assignment to a field.
func Assigned(c *Cmd) {
	c.RunE = func() error {
		svc.Fetch() // want `app.Assigned.func1 \(RunE\) calls svc.Fetch`
		return nil
	}
}

// InMap stores literals in a map.
func InMap() map[string]func() {
	return map[string]func(){
		"a": func() { svc.Fetch() }, // want `app.InMap.func1 calls svc.Fetch`
	}
}

// Returned returns a literal; the nested one is stored too.
func Returned() func() {
	return func() {
		svc.Nap() // want `app.Returned.func1 calls svc.Nap`
		_ = func() {
			svc.Fetch() // want `app.Returned.func1.1 calls svc.Fetch`
		}
	}
}

// Sent sends a literal on a channel.
func Sent(ch chan func()) {
	ch <- func() { svc.Fetch() } // want `app.Sent.func1 calls svc.Fetch`
}

// Deferred runs its literal before it returns.
func Deferred() { // want Deferred:`^network: app.Deferred → svc.Fetch → http.Get$`
	defer func() {
		svc.Fetch() // want `app.Deferred calls svc.Fetch synchronously`
	}()
}

// InPlace calls its literal where it is written.
func InPlace() { // want InPlace:`^sleep: app.InPlace → svc.Nap → time.Sleep$`
	func() {
		svc.Nap() // want `app.InPlace calls svc.Nap synchronously`
	}()
}

// Local calls its literal through a local that holds only it.
func Local() { // want Local:`^network: app.Local → svc.Fetch → http.Get$`
	f := func() {
		svc.Fetch() // want `app.Local calls svc.Fetch synchronously`
	}
	f()
}

// Sorted passes a literal to sort.Slice, which calls it.
func Sorted(x []int) { // want Sorted:`^sleep: app.Sorted → svc.Nap → time.Sleep$`
	sort.Slice(x, func(i, j int) bool {
		svc.Nap() // want `app.Sorted calls svc.Nap synchronously`
		return x[i] < x[j]
	})
}

// Handle registers a handler: it does not run here.
func Handle() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		svc.Fetch() // want `app.Handle.func1 calls svc.Fetch synchronously`
	})
}

// After schedules a literal: it does not run here.
func After() {
	time.AfterFunc(time.Second, func() {
		svc.Nap() // want `app.After.func1 calls svc.Nap`
	})
}

// apply calls its parameter; apply2 passes it on to apply.
func apply(f func()) { f() } // want apply:`^calls params 0$`

func apply2(n int, f func()) { apply(f) } // want apply2:`^calls params 1$`

var saved func()

// store stores its parameter.
func store(f func()) { saved = f }

// ViaApply passes a literal to a function of its own that calls it.
func ViaApply() { // want ViaApply:`^network: app.ViaApply → svc.Fetch → http.Get$`
	apply2(1, func() {
		svc.Fetch() // want `app.ViaApply calls svc.Fetch synchronously`
	})
}

// ViaRun passes a literal to another package's function that calls it (fact).
func ViaRun() { // want ViaRun:`^sleep: app.ViaRun → svc.Nap → time.Sleep$`
	svc.Run(func() {
		svc.Nap() // want `app.ViaRun calls svc.Nap synchronously`
	})
}

// ViaStore passes a literal to functions that store it.
func ViaStore() {
	store(func() {
		svc.Fetch() // want `app.ViaStore.func1 calls svc.Fetch`
	})
	svc.Later(func() {
		svc.Nap() // want `app.ViaStore.func2 calls svc.Nap`
	})
}

// MethodValue passes a method value to a function that calls it.
func MethodValue(c *svc.Client) { // want MethodValue:`^network: app.MethodValue → \(\*svc.Client\).Do → http.Get$`
	svc.Run(c.Do) // want `app.MethodValue calls \(\*svc.Client\).Do synchronously`
}

// MethodStored passes a method value to a function that stores it.
func MethodStored(c *svc.Client) {
	svc.Later(c.Do)
	store(svc.Fetch)
}

// Group waits for its errgroup.
func Group() error { // want Group:`^network: app.Group → svc.Fetch → http.Get$`
	var g errgroup.Group
	g.Go(func() error {
		svc.Fetch() // want `app.Group calls svc.Fetch synchronously \(in a goroutine the caller waits for\); it blocks on net/http.Get`
		return nil
	})
	return g.Wait()
}

// GroupNoWait starts goroutines it does not wait for.
func GroupNoWait() {
	var g errgroup.Group
	g.Go(func() error {
		svc.Fetch()
		return nil
	})
	g.TryGo(func() error {
		svc.Nap()
		return nil
	})
}

// WaitGroup waits for its goroutine.
func WaitGroup() { // want WaitGroup:`^sleep: app.WaitGroup → svc.Nap → time.Sleep$`
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		svc.Nap() // want `app.WaitGroup calls svc.Nap synchronously \(in a goroutine the caller waits for\)`
	}()
	wg.Wait()
}

// WaitGroupNoWait does not wait.
func WaitGroupNoWait(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		svc.Nap()
	}()
	go svc.Fetch()
}

// WaitOther waits on another group than the one its goroutine is done with.
func WaitOther(other *sync.WaitGroup) {
	var wg sync.WaitGroup
	go func() {
		defer wg.Done()
		svc.Nap()
	}()
	other.Wait()
}

// Factory calls through a field of function type: not static, found only
// by the whole-program mode.
func Factory(f *svc.Factory) {
	_ = f.HTTPClient()
}

// WaitGroupGo waits for the goroutine its WaitGroup.Go started.
func WaitGroupGo() { // want WaitGroupGo:`^sleep: app.WaitGroupGo → svc.Nap → time.Sleep$`
	var wg sync.WaitGroup
	wg.Go(func() {
		svc.Nap() // want `app.WaitGroupGo calls svc.Nap synchronously \(in a goroutine the caller waits for\)`
	})
	wg.Wait()
}

// WaitGroupGoNoWait does not wait; a method value started the same way
// does not block either.
func WaitGroupGoNoWait(wg *sync.WaitGroup, c *svc.Client) {
	wg.Go(func() { svc.Nap() })
	wg.Go(c.Do)
}

// GroupMethodValue waits for a method value its errgroup runs.
func GroupMethodValue(c *svc.Client) error { // want GroupMethodValue:`^network: app.GroupMethodValue → \(\*svc.Client\).Err → \(\*svc.Client\).Do → http.Get$`
	var g errgroup.Group
	g.Go(func() error { return nil })
	g.Go(c.Err) // want `app.GroupMethodValue calls \(\*svc.Client\).Err synchronously \(in a goroutine the caller waits for\)`
	return g.Wait()
}

var placeholder = regexp.MustCompile(`\{\w+\}`)

// Replace passes literals to regexp's Func replacers, which call them.
func Replace(s string) string { // want Replace:`^network: app.Replace → svc.Fetch → http.Get; sleep: app.Replace → svc.Nap → time.Sleep$`
	s = placeholder.ReplaceAllStringFunc(s, func(m string) string {
		svc.Nap() // want `app.Replace calls svc.Nap synchronously`
		return m
	})
	return string(placeholder.ReplaceAllFunc([]byte(s), func(m []byte) []byte {
		svc.Fetch() // want `app.Replace calls svc.Fetch synchronously`
		return m
	}))
}

// Retried passes its operation to backoff.Retry, which runs it (listed:
// v4 wraps it in a literal the derived fact does not follow).
func Retried(b backoff.BackOff) error { // want Retried:`^network: app.Retried → svc.Fetch → http.Get$`
	return backoff.Retry(func() error {
		svc.Fetch() // want `app.Retried calls svc.Fetch synchronously`
		return nil
	}, b)
}

// Spanned passes a literal to an otelx.WithSpan-shaped function of another
// package (CallsParams fact through a return statement).
func Spanned(ctx context.Context) error { // want Spanned:`^sleep: app.Spanned → svc.Nap → time.Sleep$`
	return svc.WithSpan(ctx, "span", func(ctx context.Context) error {
		svc.Nap() // want `app.Spanned calls svc.Nap synchronously`
		return nil
	})
}

// Replacer passes a literal to a replacer that takes no function: it is
// stored in the returned value, not run.
func Replacer(s string) func() {
	f := func() { svc.Nap() } // want `app.Replacer.func1 calls svc.Nap`
	_ = placeholder.ReplaceAllString(s, "x")
	return f
}

// worker is a named goroutine function that calls Done on its group.
func worker(n int, wg *sync.WaitGroup) { // want worker:`^network: app.worker → svc.Fetch → http.Get$`
	defer wg.Done()
	svc.Fetch() // want `app.worker calls svc.Fetch synchronously`
}

// napper never calls Done on its group.
func napper(wg *sync.WaitGroup) { // want napper:`^sleep: app.napper → svc.Nap → time.Sleep$`
	svc.Nap() // want `app.napper calls svc.Nap synchronously`
}

// Workers starts named workers and waits for them: a waited fan-out.
func Workers() { // want Workers:`^network: app.Workers → app.worker → svc.Fetch → http.Get$`
	var wg sync.WaitGroup
	wg.Add(2)
	go worker(1, &wg)
	go worker(2, &wg)
	wg.Wait()
}

// WorkersNoWait starts a worker without waiting: asynchronous.
func WorkersNoWait(wg *sync.WaitGroup) {
	go worker(1, wg)
}

// WorkersOther waits on a group, but starts a worker on another one, and
// a function that never calls Done on the waited one: asynchronous.
func WorkersOther(other *sync.WaitGroup) {
	var wg sync.WaitGroup
	go worker(2, other)
	go napper(&wg)
	wg.Wait()
}
