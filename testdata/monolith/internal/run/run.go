// Package run runs processes.
package run

import "os/exec"

// Output runs a program and returns its standard output.
func Output(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return string(out), err
}
