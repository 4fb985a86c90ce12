package sysmem

import (
	"runtime"
	"testing"
)

func TestTotal(t *testing.T) {
	n := Total()
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		if n != 0 {
			t.Errorf("Total() = %d on %s, want 0 (unknown)", n, runtime.GOOS)
		}
		return
	}
	// Any machine that runs the test suite has between 256 MiB and 64 TiB.
	if n < 256<<20 || n > 64<<40 {
		t.Errorf("Total() = %d bytes: not a machine's memory", n)
	}
}

func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want uint64
		ok   bool
	}{
		{"max\n", 0, false},
		{"4294967296\n", 4 << 30, true},
		{"9223372036854771712", 9223372036854771712, true}, // v1's "no limit": larger than any machine, so not smaller than physical
		{"0", 0, false},
		{"", 0, false},
		{"-1", 0, false},
	} {
		got, ok := parseLimit(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseLimit(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
