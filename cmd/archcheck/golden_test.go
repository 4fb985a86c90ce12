package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenCase runs the CLI in process and compares stdout with a golden file.
type goldenCase struct {
	name string   // golden file name under testdata/golden
	args []string // CLI arguments
	exit int      // expected exit code
}

// runGolden runs each case and compares its stdout with the golden file;
// `go test -update` rewrites the files.
func runGolden(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(c.args, &stdout, &stderr); code != c.exit {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.exit, stderr.String())
			}
			got := normalize(stdout.String())
			path := filepath.Join("testdata", "golden", c.name)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
			}
		})
	}
}

// normalize replaces machine paths with placeholders.
func normalize(s string) string {
	if wd, err := os.Getwd(); err == nil {
		root := filepath.Dir(filepath.Dir(wd))
		s = strings.ReplaceAll(s, root, "$REPO")
	}
	return s
}

func TestGoldenCheck(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "shop")
	runGolden(t, []goldenCase{
		{"shop.check.txt", []string{"-C", shop, "check"}, 1},
		{"shop.check.json", []string{"-C", shop, "check", "--format", "json"}, 1},
		{"shop.check-imports.txt", []string{"-C", shop, "check", "--rules", "dependency,visibility,forbidden-import"}, 1},
	})
}

// TestRuleReference checks that docs/rules.md is what `archcheck rules
// --markdown` generates; `go test -update` regenerates it.
func TestRuleReference(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"rules", "--markdown"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	path := filepath.Join("..", "..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(want, stdout.Bytes()) {
		t.Errorf("docs/rules.md is not current: run go test ./cmd/archcheck -run TestRuleReference -update (%v)", err)
	}
}
