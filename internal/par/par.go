// Package par runs independent work on every element of a slice,
// GOMAXPROCS at a time.
package par

import (
	"runtime"
	"sync"
)

// Each runs fn on each element of items (with its index), GOMAXPROCS at a
// time, and returns when all are done.
func Each[T any](items []T, fn func(int, T)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, x := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i, x)
		}()
	}
	wg.Wait()
}
