package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterrupt is issue 16 item 2: SIGINT or SIGTERM during a cold check
// (the go command compiling export data into an empty build cache) ends
// archcheck with 130 or 143 within moments, ends the go command and the
// compilers it started, and leaves the output file as it was.
func TestInterrupt(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc to find the go command's children")
	}
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := writeModule(t, map[string]string{
				"go.mod":         "module example.com/m\n\ngo 1.22\n",
				"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n",
				"a/a.go":         "package a\n\nimport (\n\t\"net/http\"\n\t_ \"crypto/tls\"\n\t_ \"encoding/xml\"\n)\n\nfunc A() { http.Get(\"x\") }\n",
				// An earlier report, which this run would replace.
				"r.html": "<meta name=\"generator\" content=\"archcheck\">old\n",
			})
			gocache := t.TempDir() // cold: go list -export compiles std
			cmd := exec.Command(archcheck(t), "report", "-o", "r.html")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOCACHE="+gocache, "GOFLAGS=-mod=mod")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait for the go command to be compiling.
			compiling := func() bool {
				for _, p := range processesWith("GOCACHE=" + gocache) {
					if strings.Contains(p, "/compile ") {
						return true
					}
				}
				return false
			}
			deadline := time.Now().Add(20 * time.Second)
			for !compiling() && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if !compiling() {
				cmd.Process.Kill()
				cmd.Wait()
				t.Skipf("the go command did not start compiling within 20s (warm cache?)\nstderr:\n%s", stderr.Bytes())
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			took := time.Since(sent)
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit: %v, want %d\nstderr:\n%s", err, tc.code, stderr.Bytes())
			}
			if took > 4*time.Second {
				t.Errorf("archcheck took %v to exit after %v", took, tc.sig)
			}
			if got := stderr.String(); got != "archcheck: interrupted\n" {
				t.Errorf("stderr = %q, want only \"archcheck: interrupted\\n\"", got)
			}
			// The go command and its compilers are gone (a killed group is
			// reaped at once; allow a moment).
			var left []string
			for range 20 {
				if left = processesWith("GOCACHE=" + gocache); len(left) == 0 {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			if len(left) > 0 {
				t.Errorf("processes left running after archcheck exited: %s", strings.Join(left, "; "))
			}
			if b, _ := os.ReadFile(filepath.Join(dir, "r.html")); string(b) != "<meta name=\"generator\" content=\"archcheck\">old\n" {
				t.Errorf("r.html changed: %q", b)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".archcheck-") {
					t.Errorf("temporary file %s left", e.Name())
				}
			}
		})
	}
}

// processesWith lists the processes (pid and command) whose environment
// holds env, a KEY=VALUE pair unique to one test.
func processesWith(env string) []string {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	var out []string
	for _, p := range procs {
		data, err := os.ReadFile(filepath.Join(p, "environ"))
		if err != nil || !bytes.Contains(data, append([]byte(env), 0)) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(p, "cmdline"))
		stat, _ := os.ReadFile(filepath.Join(p, "stat"))
		if strings.Contains(string(stat), ") Z ") { // a zombie is not running
			continue
		}
		out = append(out, filepath.Base(p)+" "+strings.ReplaceAll(string(bytes.TrimRight(cmdline, "\x00")), "\x00", " "))
	}
	return out
}
