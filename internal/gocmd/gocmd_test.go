package gocmd

import (
	"context"
	"strings"
	"testing"
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
