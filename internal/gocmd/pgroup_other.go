//go:build !unix

package gocmd

import "os/exec"

func setProcessGroup(*exec.Cmd) {}

func endGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
