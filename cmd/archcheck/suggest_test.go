package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// market is the fixture whose answers are known (testdata/market/README.md).
var market = filepath.Join("..", "..", "testdata", "market")

func TestGoldenSuggest(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "shop")
	runGolden(t, []goldenCase{
		// The fixtures' history is this repository's: left out, so that
		// the goldens do not change with every commit.
		{"market.suggest.txt", []string{"-C", market, "suggest", "--no-history"}, 0},
		{"market.suggest.json", []string{"-C", market, "suggest", "--no-history", "--format", "json"}, 0},
		{"market.suggest-split.txt", []string{"-C", market, "suggest", "--no-history", "--split"}, 0},
		{"market.suggest-split.json", []string{"-C", market, "suggest", "--no-history", "--split", "--format", "json"}, 0},
		{"shop.suggest.txt", []string{"-C", shop, "suggest", "--no-history", "--split"}, 0},
	})
}

func TestGoldenImpact(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "shop")
	runGolden(t, []goldenCase{
		{"market.impact-billing.txt", []string{"-C", market, "impact", "billing"}, 0},
		{"market.impact-billing-list.txt", []string{"-C", market, "impact", "billing", "--list"}, 0},
		{"market.impact-billing.json", []string{"-C", market, "impact", "billing", "--format", "json"}, 0},
		{"market.impact-inventory.txt", []string{"-C", market, "impact", "inventory"}, 0},
		{"shop.impact-notifications.txt", []string{"-C", shop, "impact", "notifications"}, 0},
	})
}

// TestSuggestKnownAnswers checks the fixture's known answers directly, so
// a golden rewritten with -update cannot hide a regression in them.
func TestSuggestKnownAnswers(t *testing.T) {
	out, _ := runCLI(t, 0, "-C", market, "suggest", "--no-history", "--split")
	blocks := strings.Split(out, "\n\n")
	if !strings.HasPrefix(blocks[1], " 1. analytics") {
		t.Errorf("analytics (a leaf reached through events) should rank first:\n%s", blocks[1])
	}
	for _, want := range []string{
		"- in a cycle with catalog",                        // orders
		"- writes table orders, which orders also writes",  // billing
		"- writes table orders, which billing also writes", // orders
		"split inventory: internal/inventory/shipping +2 (3 packages, 17 lines) + internal/inventory/stock +2 (3 packages, 23 lines); cuts 0 imports", // the split
		"- only orders calls it, through 1 function",               // billing
		"merge orders, catalog and billing: they cluster together", // the tangle
	} {
		if !strings.Contains(out, want) {
			t.Errorf("suggest output lacks %q", want)
		}
	}
	// The cycle members rank last among the domain modules.
	var domains []string
	for _, b := range blocks[1:] {
		if f := strings.Fields(b); len(f) > 1 && strings.HasSuffix(f[0], ".") &&
			!strings.Contains(b, "shared module") && !strings.Contains(b, "a program (") {
			domains = append(domains, f[1])
		}
	}
	if n := len(domains); n < 2 || !(domains[n-1] == "orders" || domains[n-1] == "catalog") || !(domains[n-2] == "orders" || domains[n-2] == "catalog") {
		t.Errorf("domain ranking %v: orders and catalog (a cycle) should be last", domains)
	}
}

func TestImpactUnknownModule(t *testing.T) {
	_, stderr := runCLI(t, 2, "-C", market, "impact", "nope")
	if !strings.Contains(stderr, `unknown module "nope" (modules: app, web, orders`) {
		t.Errorf("stderr: %s", stderr)
	}
	runCLI(t, 2, "-C", market, "impact")
	runCLI(t, 2, "-C", market, "suggest", "--format", "xml")
}

func runCLI(t *testing.T, exit int, args ...string) (string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exit {
		t.Fatalf("archcheck %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, exit, stderr.String())
	}
	return stdout.String(), stderr.String()
}

// copyTree copies a module to a fresh directory, leaving out its
// archcheck.yaml, and makes it writable (the module cache is read-only).
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel == "archcheck.yaml" {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestInitThenCheck: on a tree without a config, init writes one and the
// first check passes (exit 0); init then refuses to overwrite it.
func TestInitThenCheck(t *testing.T) {
	for _, fixture := range []string{"market", "shop"} {
		t.Run(fixture, func(t *testing.T) {
			dir := copyTree(t, filepath.Join("..", "..", "testdata", fixture))
			out, _ := runCLI(t, 0, "-C", dir, "init")
			if !strings.HasPrefix(out, "wrote archcheck.yaml: ") {
				t.Errorf("init said %q", out)
			}
			runCLI(t, 0, "-C", dir, "check")
			_, stderr := runCLI(t, 2, "-C", dir, "init")
			if !strings.Contains(stderr, "already exists; pass --force to overwrite it") {
				t.Errorf("second init: %s", stderr)
			}
			runCLI(t, 0, "-C", dir, "init", "--force")
			yaml, _ := runCLI(t, 0, "-C", dir, "init", "-o", "-")
			written, err := os.ReadFile(filepath.Join(dir, "archcheck.yaml"))
			if err != nil || yaml != string(written) {
				t.Errorf("init -o - differs from the file written: %v", err)
			}
		})
	}
}

// TestInitRealModule runs init and check on a copy of a real module from
// the module cache. github.com/rogpeppe/go-internal is one of archcheck's
// own dependencies, so it and its requirements are in the cache after
// `go mod download` (cobra's doc package needs go-md2man, which is not).
func TestInitRealModule(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and type-checks a whole module")
	}
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/rogpeppe/go-internal").Output()
	if err != nil || len(bytes.TrimSpace(dir)) == 0 {
		t.Skipf("go-internal is not in the module cache: %v", err)
	}
	copyDir := copyTree(t, string(bytes.TrimSpace(dir)))
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	out, _ := runCLI(t, 0, "-C", copyDir, "init")
	if !strings.Contains(out, "modules from folders") {
		t.Errorf("init said %q", out)
	}
	runCLI(t, 0, "-C", copyDir, "check")
	sugg, _ := runCLI(t, 0, "-C", copyDir, "suggest", "--split", "--no-sql")
	if !strings.Contains(sugg, " 1. ") {
		t.Errorf("suggest printed no candidate:\n%s", sugg)
	}
}
