package engine

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/archcheck/archcheck/internal/sysmem"
)

func TestWPMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		total uint64
		user  int64
		want  int64
	}{
		{0, math.MaxInt64, 0},                    // unknown: GOGC quadrupled instead
		{24 << 30, math.MaxInt64, 2 << 30},       // 2 GiB
		{4 << 30, math.MaxInt64, 1 << 30},        // a quarter, when less
		{1 << 30, math.MaxInt64, 512 << 20},      // at least 512 MiB
		{24 << 30, 1 << 30, 1 << 30},             // GOMEMLIMIT lower: the user's
		{math.MaxUint64, math.MaxInt64, 2 << 30}, // no overflow
	} {
		if got := wpMemoryFloor(c.total, c.user); got != c.want {
			t.Errorf("wpMemoryFloor(%d, %d) = %d, want %d", c.total, c.user, got, c.want)
		}
	}
	for _, c := range []struct {
		floor int64
		live  uint64
		user  int64
		want  int64
	}{
		{2 << 30, 100 << 20, math.MaxInt64, 2 << 30},                         // the floor
		{2 << 30, 1 << 30, math.MaxInt64, 5 << 30},                           // 5x the live heap
		{2 << 30, 1 << 30, 3 << 30, 3 << 30},                                 // never above GOMEMLIMIT
		{2 << 30, math.MaxUint64, math.MaxInt64, math.MaxInt64 / 10 * 5},     // no overflow
		{2 << 30, math.MaxUint64 / 4, math.MaxInt64, math.MaxInt64 / 10 * 5}, // 5x would wrap around
	} {
		if got := wpMemoryLimit(c.floor, c.live, c.user); got != c.want {
			t.Errorf("wpMemoryLimit(%d, %d, %d) = %d, want %d", c.floor, c.live, c.user, got, c.want)
		}
	}
}

// raiseGC turns collection off up to the limit, nested raises share it,
// and the last restore puts both settings back.
func TestRaiseGC(t *testing.T) {
	gcSettings(t, 80)
	r1 := raiseGC()
	r2 := raiseGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GC percent during a whole-program run = %d, want -1 (off)", p)
	}
	want := wpMemoryFloor(sysmem.Total(), math.MaxInt64)
	if l := debug.SetMemoryLimit(-1); l != want {
		t.Errorf("memory limit during a whole-program run = %d, want %d", l, want)
	}
	r2()
	if l := debug.SetMemoryLimit(-1); l != want {
		t.Errorf("memory limit after one of two restores = %d, want %d", l, want)
	}
	runtime.GC() // the watch looks at a small live heap and stays
	r1()
	if p := debug.SetGCPercent(-1); p != 80 {
		t.Errorf("GC percent after restore = %d, want 80", p)
	}
	debug.SetGCPercent(80)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("memory limit after restore = %d, want none", l)
	}
}

// After a collection the limit follows the live heap: 5x it, when that is
// above the floor.
func TestRaiseGCFollowsLiveHeap(t *testing.T) {
	gcSettings(t, 100)
	restore := raiseGC()
	defer restore()
	gcRaise.Lock()
	gcRaise.gen++ // raiseGC's own watch stops
	gen := gcRaise.gen
	gcRaise.Unlock()
	watchHeap(gen, 2) // a floor under any live heap
	for range 100 {
		runtime.GC()
		gcRaise.Lock()
		l := debug.SetMemoryLimit(-1)
		gcRaise.Unlock()
		if l != wpMemoryFloor(sysmem.Total(), math.MaxInt64) {
			if p := debug.SetGCPercent(-1); p != -1 {
				t.Errorf("GC percent after a collection = %d, want -1 (off)", p)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the limit did not follow the live heap after a collection")
}

// gcSettings skips the test where raiseGC cannot set a limit, sets GOGC to
// percent and no memory limit, and puts the process' settings back after.
func gcSettings(t *testing.T, percent int) {
	if sysmem.Total() == 0 {
		t.Skipf("the memory of a %s machine is unknown", runtime.GOOS)
	}
	p, l := debug.SetGCPercent(percent), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(p); debug.SetMemoryLimit(l) })
}
