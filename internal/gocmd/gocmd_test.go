package gocmd

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	out, _, err := Run(context.Background(), "", nil, "env", "GOROOT")
	if err != nil || strings.TrimSpace(out.String()) == "" {
		t.Fatalf("go env GOROOT: %q, %v", out, err)
	}
	_, _, err = Run(context.Background(), t.TempDir(), nil, "list", "-f", "{{", "std")
	if err == nil || !strings.HasPrefix(err.Error(), "go list: ") || !strings.Contains(err.Error(), "template") {
		t.Errorf("a failing go list: err = %v, want the go command's own message after \"go list: \"", err)
	}
}

func TestStripProgress(t *testing.T) {
	in := "go: downloading golang.org/x/sync v0.8.0\r\ngo: finding module for package example.com/x\n" +
		"go: warning: \"./...\" matched no packages\ngo: extracting example.com/y v1.0.0\ngo: found example.com/x in example.com/x v1.2.3\n"
	if got, want := StripProgress(in), `go: warning: "./..." matched no packages`; got != want {
		t.Errorf("StripProgress = %q, want %q", got, want)
	}
	if got := StripProgress("go: downloading a v1\n"); got != "" {
		t.Errorf("StripProgress(only progress) = %q, want \"\"", got)
	}
	// A message that merely mentions downloading is kept.
	if got := StripProgress("a/a.go:3:2: no required module provides package x; to add it: go get x (downloading)"); got == "" {
		t.Error("StripProgress dropped an error")
	}
}

// TestRunOwnTmpDir: a go command ended by the context (as on an interrupt)
// leaves no work directory behind, and one that ends leaves nothing either.
func TestRunOwnTmpDir(t *testing.T) {
	if testing.Short() {
		t.Skip("builds part of the standard library on a cold cache")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("GOTMPDIR", "")
	t.Setenv("GOCACHE", t.TempDir()) // cold: go list -export builds for a while
	left := func() []string {
		var all []string
		for _, pat := range []string{"go-build*", "archcheck-go-*", "archcheck-go-*/go-build*"} {
			m, _ := filepath.Glob(filepath.Join(tmp, pat))
			all = append(all, m...)
		}
		return all
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, _, err := Run(ctx, "", nil, "list", "-export", "-deps", "net/http"); done <- err }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		a, _ := filepath.Glob(filepath.Join(tmp, "archcheck-go-*", "go-build*"))
		b, _ := filepath.Glob(filepath.Join(tmp, "go-build*"))
		if len(a)+len(b) > 0 { // building: its work directory is there
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Skip("go list finished before the context was cancelled")
	}
	if l := left(); len(l) > 0 {
		t.Errorf("left behind by an ended go command: %v", l)
	}
	if _, _, err := Run(context.Background(), "", nil, "list", "-f", "{{.Name}}", "errors"); err != nil {
		t.Fatal(err)
	}
	if l := left(); len(l) > 0 {
		t.Errorf("left behind by a go command that ended by itself: %v", l)
	}
}
