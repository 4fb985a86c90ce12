package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestVet builds the real archcheck binary and runs it as
// `go vet -vettool`, on copies of the fixtures. It takes a while the first
// time (every standard-library dependency is vetted once per new binary),
// so -short skips it.
func TestVet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds archcheck and runs go vet; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	bin := filepath.Join(t.TempDir(), "archcheck")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("MatchesCheck", func(t *testing.T) { testVetMatchesCheck(t, bin) })
	t.Run("CacheInvalidation", func(t *testing.T) { testVetCacheInvalidation(t, bin) })
	t.Run("BadConfig", func(t *testing.T) { testVetBadConfig(t, bin) })
	t.Run("NoConfig", func(t *testing.T) { testVetNoConfig(t, bin) })
	t.Run("RelativeConfig", func(t *testing.T) { testVetRelativeConfig(t, bin) })
	// A dependency's own (invalid) archcheck.yaml is never read, and
	// blocking facts flow through its code.
	t.Run("DependencyConfig", func(t *testing.T) { testVetTxtar(t, bin, "depconfig") })
	t.Run("Callbacks", func(t *testing.T) { testVetTxtar(t, bin, "callbacks") })
	// The layer rule per package, with a template the vet tool expands
	// from the module's directories.
	t.Run("Layers", func(t *testing.T) { testVetTxtar(t, bin, "layers") })
	t.Run("DataOwnership", func(t *testing.T) { testVetTxtar(t, bin, "dataownership") })
}

// testVetMatchesCheck compares go vet's diagnostics on the shop fixture
// with `archcheck check` on the same tree: the same lines but for cycle,
// ignore and unused-dependency, which exist in check only.
func testVetMatchesCheck(t *testing.T, bin string) {
	dir := copyShop(t)
	res := goVet(t, bin, dir, nil, "./...")
	if res.code != 1 {
		t.Fatalf("go vet exited %d, want 1\n%s", res.code, res.stderr)
	}
	vet := diagLines(t, res.stderr)
	checkGolden(t, filepath.Join("testdata", "vet", "shop.golden"), strings.Join(vet, "\n")+"\n")

	var out, errb bytes.Buffer
	if code := run([]string{"check", "-C", dir}, &out, &errb); code != 1 {
		t.Fatalf("archcheck check exited %d, want 1\n%s", code, errb.String())
	}
	var check []string
	for _, l := range diagLines(t, out.String()) {
		if !strings.Contains(l, " [cycle] ") && !strings.Contains(l, " [ignore] ") && !strings.Contains(l, " [unused-dependency] ") {
			check = append(check, l)
		}
	}
	// The shop has sync-calls: the comparison must include them.
	if !slices.ContainsFunc(check, func(l string) bool { return strings.Contains(l, " [sync-call] ") }) {
		t.Errorf("archcheck check reports no sync-call on the shop:\n%s", strings.Join(check, "\n"))
	}
	if !slices.Equal(vet, check) {
		t.Errorf("go vet and archcheck check differ:\nvet:\n%s\ncheck:\n%s", strings.Join(vet, "\n"), strings.Join(check, "\n"))
	}
}

// testVetCacheInvalidation checks go's vet cache: a rerun does not run the
// tool on any package, and editing archcheck.yaml (which go does not hash)
// reruns it with the new config. -json, since text-mode runs with findings
// are not cached.
func testVetCacheInvalidation(t *testing.T, bin string) {
	dir := copyShop(t)
	first := goVet(t, bin, dir, nil, "-json", "-x", "./...")
	second := goVet(t, bin, dir, nil, "-json", "-x", "./...")
	if n := toolRuns(second.stderr, bin); n != 0 {
		t.Errorf("second run ran the tool on %d packages, want 0 (cached)", n)
	}
	before := jsonDiags(t, first.stdout, dir)
	if got := jsonDiags(t, second.stdout, dir); !slices.Equal(before, got) {
		t.Errorf("cached run differs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(before, "\n"))
	}
	const dep = "depends_on: [catalog, billing, notifications]"
	editFile(t, filepath.Join(dir, "archcheck.yaml"), dep, "depends_on: [catalog, billing, notifications, analytics]")
	third := goVet(t, bin, dir, nil, "-json", "-x", "./...")
	if n := toolRuns(third.stderr, bin); n == 0 {
		t.Error("after editing archcheck.yaml, go vet ran the tool on no package (stale cache)")
	}
	after := jsonDiags(t, third.stdout, dir)
	want := slices.DeleteFunc(slices.Clone(before), func(l string) bool {
		return strings.Contains(l, "[dependency] checkout imports analytics")
	})
	if len(want) == len(before) {
		t.Fatal("fixture changed: no dependency finding for checkout → analytics")
	}
	if !slices.Equal(after, want) {
		t.Errorf("after the edit:\n%s\nwant\n%s", strings.Join(after, "\n"), strings.Join(want, "\n"))
	}
}

// testVetBadConfig: a bad config is one error, before any package, and go
// vet exits 1.
func testVetBadConfig(t *testing.T, bin string) {
	dir := copyShop(t)
	editFile(t, filepath.Join(dir, "archcheck.yaml"), "    depends_on: [checkout]", "    depend_on: [checkout]")
	res := goVet(t, bin, dir, nil, "./...")
	if res.code != 1 {
		t.Errorf("go vet exited %d, want 1", res.code)
	}
	// The config's error comes first, once, then go's line saying the tool
	// failed. go may add errors from the builds it abandons when it stops
	// ("go: unlinkat …", "could not import …"): its noise, not ours, and
	// never a diagnostic.
	lines := strings.SplitAfter(placeholders(res.stderr, dir, bin), "\n")
	if len(lines) < 2 || strings.Count(res.stderr, `unknown key "depend_on"`) != 1 || diagAnyRE.MatchString(res.stderr) {
		t.Fatalf("want the config error once, then go's, and no diagnostic; got\n%s", res.stderr)
	}
	checkGolden(t, filepath.Join("testdata", "vet", "badconfig.golden"), strings.Join(lines[:2], ""))
}

// testVetNoConfig: without archcheck.yaml go vet stops with the hint.
func testVetNoConfig(t *testing.T, bin string) {
	dir := copyShop(t)
	if err := os.Remove(filepath.Join(dir, "archcheck.yaml")); err != nil {
		t.Fatal(err)
	}
	res := goVet(t, bin, dir, nil, "./...")
	if res.code != 1 || !strings.Contains(res.stderr, "no archcheck.yaml in ") || !strings.Contains(res.stderr, "archcheck init") {
		t.Errorf("go vet exited %d, want 1 with a hint to run archcheck init:\n%s", res.code, res.stderr)
	}
}

// testVetRelativeConfig: go vet runs the tool in each package's directory,
// so a relative ARCHCHECK_CONFIG is resolved against the module root, from
// wherever go vet is started.
func testVetRelativeConfig(t *testing.T, bin string) {
	dir := copyShop(t)
	if err := os.Mkdir(filepath.Join(dir, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "archcheck.yaml"), filepath.Join(dir, "ci", "arch.yaml")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "internal", "legacy")
	res := goVet(t, bin, sub, []string{"ARCHCHECK_CONFIG=ci/arch.yaml"}, ".")
	want := []string{
		`legacy.go:5:2: [forbidden-import] legacy imports database/sql, which forbidden_imports forbids ("database/sql")`,
		`legacy.go:6:2: [forbidden-import] legacy imports io/ioutil, which forbidden_imports forbids ("io/ioutil")`,
	}
	if got := diagLines(t, res.stderr); res.code != 1 || !slices.Equal(got, want) {
		t.Errorf("go vet exited %d with\n%s\nwant 1 with\n%s", res.code, res.stderr, strings.Join(want, "\n"))
	}
	res = goVet(t, bin, sub, []string{"ARCHCHECK_CONFIG=arch.yaml"}, ".")
	if res.code != 1 || !strings.Contains(res.stderr, "relative paths are resolved against the module root") {
		t.Errorf("a wrong relative path: exited %d with\n%s", res.code, res.stderr)
	}
}

// testVetTxtar runs go vet over testdata/vet/NAME.txtar and compares its
// output with NAME.golden.
func testVetTxtar(t *testing.T, bin, name string) {
	dir := t.TempDir()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "vet", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := goVet(t, bin, dir, nil, "./...")
	if res.code != 1 {
		t.Errorf("go vet exited %d, want 1", res.code)
	}
	checkGolden(t, filepath.Join("testdata", "vet", name+".golden"), placeholders(res.stderr, dir, bin))
}

type vetResult struct {
	stdout, stderr string
	code           int
}

// goVet runs `go vet -vettool=bin args...` in dir, offline, with env added.
func goVet(t *testing.T, bin, dir string, env []string, args ...string) vetResult {
	t.Helper()
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "ARCHCHECK_CONFIG=")
	}), "GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=mod")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := vetResult{stdout.String(), stderr.String(), 0}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		res.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("go vet: %v", err)
	}
	return res
}

var (
	diagRE    = regexp.MustCompile(`^(\S+):(\d+):(\d+): \[[a-z-]+\] `)
	diagAnyRE = regexp.MustCompile(`(?m)^(\S+):(\d+):(\d+): \[[a-z-]+\] `)
)

// diagLines returns the sorted "file:line:col: [rule] message" lines of
// out; any other line fails the test.
func diagLines(t *testing.T, out string) []string {
	t.Helper()
	var lines []string
	for l := range strings.Lines(out) {
		l = strings.TrimSuffix(l, "\n")
		if !diagRE.MatchString(l) {
			t.Errorf("unexpected output line: %q", l)
			continue
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return lines
}

// jsonDiags decodes go vet -json's stream of per-package trees into sorted
// "file:line:col: message" lines, file relative to dir.
func jsonDiags(t *testing.T, stdout, dir string) []string {
	t.Helper()
	var lines []string
	dec := json.NewDecoder(strings.NewReader(stdout))
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, stdout)
		}
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				var diags []struct{ Posn, Message string }
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Fatalf("%s: %s: not a list of diagnostics: %s", pkg, name, raw)
				}
				for _, d := range diags {
					lines = append(lines, strings.TrimPrefix(d.Posn, dir+string(filepath.Separator))+": "+d.Message)
				}
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// toolRuns counts the packages go vet -x ran the tool on.
func toolRuns(stderr, bin string) int {
	n := 0
	for l := range strings.Lines(stderr) {
		if strings.Contains(l, bin+" ") && strings.Contains(l, "vet.cfg") {
			n++
		}
	}
	return n
}

func copyShop(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "shop"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func editFile(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// placeholders replaces machine paths: the fixture's directory and the
// binary's.
func placeholders(s, dir, bin string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, bin, "$ARCHCHECK"), dir, "$WORK")
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to rewrite it):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}
