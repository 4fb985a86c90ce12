package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and testscript expectations")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"archcheck": func() { os.Exit(runInterruptible(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end CLI scripts in testdata/script: each
// carries its fixture module, runs the real binary, and pins stdout, stderr
// and the exit code. `go test -run TestScript -update` rewrites their
// expected output in place.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": cmdExits, "mkproxy": cmdMkproxy},
		Setup: func(env *testscript.Env) error {
			// go list needs the toolchain's environment inside the sandbox.
			for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "HOME"} {
				if v := os.Getenv(k); v != "" {
					env.Setenv(k, v)
				}
			}
			if os.Getenv("GOCACHE") == "" {
				c, _ := os.UserCacheDir()
				env.Setenv("GOCACHE", filepath.Join(c, "go-build"))
			}
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("PATH", filepath.Join(runtime.GOROOT(), "bin")+string(os.PathListSeparator)+os.Getenv("PATH"))
			return nil
		},
	})
}

// cmdExits is the script command `exits N prog args...`: it runs prog and
// fails unless it exits with status N exactly (`!` cannot tell 1 from 2).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad status %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
	// A panic exits 2 too, like a usage or load error: tell them apart.
	if crashRE.MatchString(ts.ReadFile("stderr")) {
		ts.Fatalf("%s crashed:\n%s", args[1], ts.ReadFile("stderr"))
	}
}

// crashRE matches what a panic or a runtime error prints.
var crashRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ \[|runtime error: )|\.go:\d+ \+0x[0-9a-f]+$`)
