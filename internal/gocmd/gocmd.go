// Package gocmd runs the go command for archcheck's loaders.
package gocmd

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// Run runs `go args...` in dir (""; the current directory) with env (nil:
// the process environment) and returns its standard output and what it
// printed on standard error (warnings, with -e). A failure is reported as
// "go VERB: " followed by the standard error, or by the exit status when
// the command printed nothing.
func Run(ctx context.Context, dir string, env []string, args ...string) (stdout *bytes.Buffer, warnings string, err error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	stdout = new(bytes.Buffer)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		verb := ""
		if len(args) > 0 {
			verb = " " + args[0]
		}
		return nil, "", fmt.Errorf("go%s: %s", verb, msg)
	}
	return stdout, strings.TrimSpace(stderr.String()), nil
}
