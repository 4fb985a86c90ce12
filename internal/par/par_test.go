package par

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestEach: every element is visited once with its index, and no more
// than GOMAXPROCS run at a time.
func TestEach(t *testing.T) {
	items := make([]int, 200)
	for i := range items {
		items[i] = i * 3
	}
	seen := make([]int32, len(items))
	var running, peak atomic.Int32
	Each(items, func(i, x int) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		if x != i*3 {
			t.Errorf("element %d is %d", i, x)
		}
		atomic.AddInt32(&seen[i], 1)
		running.Add(-1)
	})
	for i, n := range seen {
		if n != 1 {
			t.Errorf("element %d visited %d times", i, n)
		}
	}
	if p := peak.Load(); p > int32(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d ran at once, GOMAXPROCS is %d", p, runtime.GOMAXPROCS(0))
	}
}
