package load

import (
	"io/fs"
	"syscall"
	"time"
)

// sysStat returns a file's change time and inode, which a stamp holds
// besides its modification time (a file written with its old time kept,
// or replaced by another, changes them).
func sysStat(fi fs.FileInfo) (time.Time, uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return time.Unix(st.Ctim.Sec, st.Ctim.Nsec), st.Ino
	}
	return time.Unix(0, 0), 0
}
