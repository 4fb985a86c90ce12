// Package lookpath finds programs: exec.LookPath searches PATH, it runs
// nothing.
package lookpath

import "os/exec"

// Has reports whether a program is on PATH.
func Has(name string) bool {
	_, err := exec.LookPath(name)
	return err == nil
}
