package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestDiffInterrupt is issue 19's "removed afterwards, also on interrupt":
// SIGINT while diff analyses its base (an overlay in $TMPDIR, or, with a
// user's -overlay in GOFLAGS, the commit written out under the run's
// cache: with --no-cache a scratch directory in $TMPDIR) ends archcheck
// with 130 and leaves neither behind, nor the scratch directory. The base
// imports packages the working tree does not, so that on a cold build
// cache its analysis compiles for a while.
func TestDiffInterrupt(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("signals as on Linux")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, mode := range []string{"overlay", "written out"} {
		t.Run(mode, func(t *testing.T) {
			dir := writeModule(t, map[string]string{
				"go.mod":         "module example.com/m\n\ngo 1.22\n",
				"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n",
				"a/a.go":         "package a\n\nimport (\n\t_ \"crypto/tls\"\n\t_ \"encoding/xml\"\n\t_ \"net/http\"\n)\n",
				"empty.json":     `{"Replace": {}}`,
			})
			git := func(args ...string) {
				cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+filepath.Join(dir, "none"), "GIT_CONFIG_NOSYSTEM=1")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("git %v: %v\n%s", args, err, out)
				}
			}
			git("init", "-q", "-b", "main")
			git("add", "-A")
			git("commit", "-q", "-m", "base")
			// The working tree imports nothing: its analysis is quick.
			if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte("package a\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			tmp, acache := t.TempDir(), t.TempDir()
			goflags := "-mod=mod"
			// The base: an overlay's directory in $TMPDIR, or the commit
			// written out under the run's cache, which --no-cache makes a
			// scratch directory in $TMPDIR too (diff.go's scratchCache).
			where := filepath.Join(tmp, "archcheck-base-*")
			if mode == "written out" {
				goflags += " -overlay=" + filepath.Join(dir, "empty.json")
				where = filepath.Join(tmp, "archcheck-scratch-*", "base", "*")
			}
			cmd := exec.Command(archcheck(t), "--no-cache", "diff", "--base", "main")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOCACHE="+t.TempDir(), "GOFLAGS="+goflags, "TMPDIR="+tmp, "ARCHCHECK_CACHE="+acache)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			base := func() bool {
				entries, _ := filepath.Glob(where)
				return len(entries) > 0
			}
			deadline := time.Now().Add(60 * time.Second)
			for !base() && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if !base() {
				cmd.Process.Kill()
				cmd.Wait()
				t.Skipf("no base directory appeared in %s within 60s\nstderr:\n%s", where, stderr.Bytes())
			}
			time.Sleep(50 * time.Millisecond) // into the base's analysis
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 {
				if err == nil {
					t.Skipf("diff finished before the interrupt reached it")
				}
				t.Fatalf("exit: %v, want 130\nstderr:\n%s", err, stderr.Bytes())
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "archcheck-*")); len(left) > 0 {
				t.Errorf("left behind after the interrupt: %v", left)
			}
		})
	}
}
