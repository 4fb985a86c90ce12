// Package sysmem tells how much memory the machine gives this process:
// its physical memory, or less when a control group (a container) limits
// it. archcheck's whole-program check sizes its garbage collector's memory
// limit from it (engine.raiseGC).
package sysmem

import (
	"os"
	"strconv"
	"strings"
)

// Total returns the memory available to the process in bytes: the
// smaller of the machine's physical memory and the memory limit of its
// control group (cgroup v2's memory.max, v1's memory.limit_in_bytes), or 0
// when the physical memory is unknown (an operating system other than
// Linux and macOS).
func Total() uint64 {
	total := physical()
	if total == 0 {
		return 0
	}
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(f); err == nil {
			if n, ok := parseLimit(string(b)); ok && n < total {
				total = n
			}
		}
	}
	return total
}

// parseLimit reads a control group's memory limit: a number of bytes, or
// "max" (none).
func parseLimit(s string) (uint64, bool) {
	s = strings.TrimSpace(s)
	if s == "max" {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && n > 0
}
