//go:build unix

package gocmd

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts cmd in a process group of its own, so that ending
// it ends the compilers, cgo and vet tools it started too (an interrupt
// sent to archcheck alone would otherwise leave them running).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// endGroup ends cmd's process group.
func endGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
