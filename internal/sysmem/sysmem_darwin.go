package sysmem

import (
	"encoding/binary"
	"syscall"
)

func physical() uint64 {
	// hw.memsize is a little-endian uint64; syscall.Sysctl returns its
	// bytes as a string, without the trailing zero bytes.
	s, err := syscall.Sysctl("hw.memsize")
	if err != nil || len(s) == 0 || len(s) > 8 {
		return 0
	}
	var b [8]byte
	copy(b[:], s)
	return binary.LittleEndian.Uint64(b[:])
}
