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
