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
// printed on standard error (warnings, with -e), less its progress
// messages ("go: downloading …", see Progress). A failure is reported as
// "go VERB: " followed by the standard error, or by the exit status when
// the command printed nothing.
func Run(ctx context.Context, dir string, env []string, args ...string) (stdout *bytes.Buffer, warnings string, err error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	stdout = new(bytes.Buffer)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, "", fmt.Errorf("go %s: %w", verbOf(args), ctx.Err())
		}
		msg := StripProgress(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, "", fmt.Errorf("go %s: %s", verbOf(args), msg)
	}
	return stdout, StripProgress(stderr.String()), nil
}

func verbOf(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// progressPrefixes start the lines the go command prints on standard error
// to say what it is fetching: progress, not warnings or errors.
var progressPrefixes = []string{"go: downloading ", "go: finding module ", "go: extracting ", "go: found "}

// Progress reports whether line is one of the go command's progress
// messages (module downloads on a fresh module cache).
func Progress(line string) bool {
	for _, p := range progressPrefixes {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// StripProgress returns the go command's standard error without its
// progress lines, trimmed.
func StripProgress(stderr string) string {
	var b strings.Builder
	for _, line := range strings.Split(stderr, "\n") {
		if Progress(strings.TrimRight(line, "\r")) {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}
