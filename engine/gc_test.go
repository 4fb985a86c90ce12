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
		{0, math.MaxInt64, 0},                      // unknown: GOGC quadrupled instead
		{24 << 30, math.MaxInt64, 6 << 30},         // a quarter
		{1 << 30, math.MaxInt64, 512 << 20},        // at least 512 MiB
		{24 << 30, 2 << 30, 2 << 30},               // GOMEMLIMIT lower: the user's
		{math.MaxUint64, math.MaxInt64, 1<<62 - 1}, // no overflow
	} {
		if got := wpMemoryLimit(c.total, c.user); got != c.want {
			t.Errorf("wpMemoryLimit(%d, %d) = %d, want %d", c.total, c.user, got, c.want)
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
	want := wpMemoryLimit(sysmem.Total(), math.MaxInt64)
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

// A collection that finds more than half of the limit live makes the
// limit give way to GOGC quadrupled.
func TestRaiseGCGivesWay(t *testing.T) {
	gcSettings(t, 100)
	restore := raiseGC()
	defer restore()
	gcRaise.Lock()
	gen := gcRaise.gen
	gcRaise.Unlock()
	watchHeap(gen, 2) // any live heap is more than half of 2 bytes
	for range 100 {
		runtime.GC()
		gcRaise.Lock()
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		gcRaise.Unlock()
		if p == 400 {
			if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
				t.Errorf("memory limit after giving way = %d, want none", l)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the limit did not give way to GOGC=400 after a collection")
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
