package load

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadOverlay(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("new.go", "package a\n")
	write("ov.json", `{"Replace": {"a/a.go": "new.go", "`+filepath.Join(dir, "gone.go")+`": ""}}`)

	ov, err := ReadOverlay(dir, []string{"GOFLAGS=-mod=mod --overlay=ov.json"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ov.Source(filepath.Join(dir, "a", "a.go")); string(got.([]byte)) != "package a\n" {
		t.Errorf("Source(a/a.go) = %q", got)
	}
	if got := ov.Source(filepath.Join(dir, "gone.go")); got != nil {
		t.Errorf("Source(gone.go) = %v, want nil (deleted: parse reports it missing)", got)
	}
	if got := ov.Source(filepath.Join(dir, "other.go")); got != nil {
		t.Errorf("Source(other.go) = %v, want nil", got)
	}

	if ov, err := ReadOverlay(dir, []string{"GOFLAGS=-mod=mod"}); err != nil || ov != nil {
		t.Errorf("no -overlay: %v, %v; want nil, nil", ov, err)
	}
	write("bad.json", "{")
	if _, err := ReadOverlay(dir, []string{"GOFLAGS=-overlay=bad.json"}); err == nil {
		t.Error("corrupt overlay: no error")
	}
	if _, err := ReadOverlay(dir, []string{"GOFLAGS=-overlay=missing.json"}); err == nil {
		t.Error("missing overlay: no error")
	}
}
