// Package e2e runs the archcheck binary the way users do: on real code
// (the standard library, golang.org/x/tools, gonum) behind -long, and on
// fixtures built at test time for the edges that cannot be committed (a
// huge generated file) or that need a whole file tree (a read-only copy).
//
//	go test ./e2e/                      # the fast fixtures
//	go test ./e2e/ -long -timeout 60m   # also every command on real code
//	ARCHCHECK_LONG=1 go test ./e2e/     # the same, for CI scripts
package e2e

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var long = flag.Bool("long", os.Getenv("ARCHCHECK_LONG") == "1", "run every command on the standard library, x/tools and gonum (slow; also ARCHCHECK_LONG=1)")

func needLong(t *testing.T) {
	t.Helper()
	if !*long {
		t.Skip("slow: run with -long or ARCHCHECK_LONG=1")
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// archcheck builds the binary once per test process and returns its path.
func archcheck(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "archcheck-e2e-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "archcheck")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/archcheck/archcheck/cmd/archcheck")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// result is one run of the binary.
type result struct {
	args           []string
	stdout, stderr []byte
	code           int
	took           time.Duration
}

func (r *result) String() string {
	return fmt.Sprintf("archcheck %s: exit %d in %v\nstderr:\n%s", strings.Join(r.args, " "), r.code, r.took.Round(time.Millisecond), r.stderr)
}

// crashRE matches what a panic or a runtime error prints.
var crashRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ \[|runtime error: )|\.go:\d+ \+0x[0-9a-f]+$`)

// run runs archcheck in dir with extra environment and fails the test on
// a crash or an exit code outside codes (any exit code when codes is nil).
func run(t *testing.T, dir string, env []string, codes []int, args ...string) *result {
	t.Helper()
	cmd := exec.Command(archcheck(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := &result{args: args, stdout: stdout.Bytes(), stderr: stderr.Bytes(), took: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("archcheck %s: %v", strings.Join(args, " "), err)
	}
	if crashRE.Match(r.stdout) || crashRE.Match(r.stderr) {
		t.Fatalf("%v\nstdout:\n%.4000s", r, r.stdout)
	}
	if codes != nil && !slices.Contains(codes, r.code) {
		t.Fatalf("%vwant exit %v", r, codes)
	}
	t.Logf("archcheck %s: exit %d, %d bytes, %v", strings.Join(args, " "), r.code, len(r.stdout), r.took.Round(time.Millisecond))
	return r
}

// goCmd runs the go command in dir and returns its trimmed stdout.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSpace(string(out))
}

// repoRoot is the archcheck module's root (the tests run in e2e/).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}
