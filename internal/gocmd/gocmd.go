// Package gocmd runs the go command for archcheck's loaders.
package gocmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Run runs `go args...` in dir (""; the current directory) with env (nil:
// the process environment) and returns its standard output and what it
// printed on standard error (warnings, with -e), less its progress
// messages ("go: downloading …", see Progress). A failure is reported as
// "go VERB: " followed by the standard error, or by the exit status when
// the command printed nothing.
//
// The go command runs in a process group of its own, ended whole when ctx
// is cancelled or EndAll is called (on an interrupt), so the compilers it
// started do not outlive archcheck.
func Run(ctx context.Context, dir string, env []string, args ...string) (stdout *bytes.Buffer, warnings string, err error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	if remove := ownTmpDir(cmd, verbOf(args)); remove != nil {
		defer remove()
	}
	setProcessGroup(cmd)
	cmd.Cancel = func() error { return endGroup(cmd) }
	stdout = new(bytes.Buffer)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	if err := start(cmd); err != nil {
		return nil, "", fmt.Errorf("go %s: %w", verbOf(args), err)
	}
	err = cmd.Wait()
	running.Delete(cmd)
	if err != nil {
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

// ownTmpDir gives a go command that may build (not go env, whose
// GOTMPDIR is part of the listing's key) a GOTMPDIR of its own, in the
// user's GOTMPDIR or $TMPDIR, and returns the function that removes it.
// The go command removes its work directory (go-build*) when it ends,
// but not when it is killed, and neither SIGINT nor SIGTERM gives it the
// chance (go list installs no handler): an interrupted archcheck left one
// behind for every go list -export it ended. nil: left as it was.
func ownTmpDir(cmd *exec.Cmd, verb string) (remove func()) {
	if verb == "env" {
		return nil
	}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	parent, set := "", false
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOTMPDIR="); ok {
			parent, set = v, true
		}
	}
	if !set {
		parent = goTmpDir() // go env -w GOTMPDIR=… (a /tmp mounted noexec)
	}
	dir, err := os.MkdirTemp(parent, "archcheck-go-")
	if err != nil {
		return nil
	}
	cmd.Env = append(slices.Clip(env), "GOTMPDIR="+dir)
	return func() { os.RemoveAll(dir) }
}

// goTmpDir is the go command's GOTMPDIR setting ("" for $TMPDIR), read
// once (go env is not given a directory of its own: no recursion).
func goTmpDir() string {
	tmpDir.Do(func() {
		if out, _, err := Run(context.Background(), "", nil, "env", "GOTMPDIR"); err == nil {
			tmpDir.dir = strings.TrimSpace(out.String())
		}
	})
	return tmpDir.dir
}

var tmpDir struct {
	sync.Once
	dir string
}

// running holds the go commands started and not yet waited for.
var running sync.Map // *exec.Cmd → struct{}

// ending is set by EndAll: no go command starts after it.
var ending atomic.Bool

func start(cmd *exec.Cmd) error {
	if ending.Load() {
		return errors.New("interrupted")
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	running.Store(cmd, struct{}{})
	if ending.Load() { // EndAll ran between the check and Store
		endGroup(cmd)
	}
	return nil
}

// EndAll ends every running go command with its process group, and any
// started afterwards: archcheck calls it when interrupted, before it exits.
func EndAll() {
	ending.Store(true)
	running.Range(func(k, _ any) bool {
		endGroup(k.(*exec.Cmd))
		return true
	})
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
