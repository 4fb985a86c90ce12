package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	ok      = []int{0}
	okOrBad = []int{0, 1}
)

// target is a real code base, analysed where it lies (read-only).
type target struct {
	name     string
	dir      string   // where archcheck runs
	patterns []string // packages
	config   string   // archcheck.yaml; "" writes one with init
}

// TestStd runs every command on the standard library with the config in
// testdata/std (a slice of go/build/deps_test.go's layering), checks that
// the layering holds, and that a violation injected through a go -overlay
// file is reported exactly.
func TestStd(t *testing.T) {
	needLong(t)
	goroot := goCmd(t, ".", "env", "GOROOT")
	tg := target{
		name: "std", dir: filepath.Join(goroot, "src"), patterns: []string{"std"},
		config: filepath.Join(repoRoot(t), "testdata", "std", "archcheck.yaml"),
	}
	start := time.Now()
	everyCommand(t, tg)

	importRules := []string{"check", "--config", tg.config, "--rules", "dependency,visibility,forbidden-import", "std"}
	t.Run("layering holds", func(t *testing.T) {
		r := run(t, tg.dir, nil, ok, importRules...)
		if len(r.stdout) != 0 {
			t.Errorf("findings on std's own layering:\n%s", r.stdout)
		}
	})

	t.Run("injected violation", func(t *testing.T) {
		overlay, want := injectNetIntoStrings(t, tg.dir)
		env := []string{"GOFLAGS=-overlay=" + overlay}
		r := run(t, tg.dir, env, []int{1}, importRules...)
		if got := string(r.stdout); got != want {
			t.Errorf("import rules with the overlay:\n got: %q\nwant: %q", got, want)
		}
		// All rules, type-checking the overlaid std: the same finding.
		r = run(t, tg.dir, env, []int{1}, "check", "--config", tg.config, "--format", "json", "std")
		var out struct {
			Findings []struct{ Rule, File, Message string }
		}
		if err := json.Unmarshal(r.stdout, &out); err != nil {
			t.Fatal(err)
		}
		var deps []string
		for _, f := range out.Findings {
			if f.Rule == "dependency" || f.Rule == "visibility" {
				deps = append(deps, f.File+": "+f.Message)
			}
		}
		if len(deps) != 1 || deps[0] != "strings/strings.go: text imports net (net), but net is not in text's depends_on" {
			t.Errorf("import findings of the full check with the overlay: %q", deps)
		}
	})
	t.Logf("std: %v", time.Since(start).Round(time.Second))
}

// injectNetIntoStrings writes an overlay that makes strings/strings.go
// import net (strings is in the text layer; net does not depend on it, so
// no import cycle) and returns it with the finding check must print.
func injectNetIntoStrings(t *testing.T, src string) (overlay, want string) {
	t.Helper()
	orig := filepath.Join(src, "strings", "strings.go")
	data, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("\nimport (\n"))
	if i < 0 {
		t.Fatalf("%s: no import block", orig)
	}
	i += len("\nimport (\n")
	line := bytes.Count(data[:i], []byte("\n")) + 1
	mod := append(append(append([]byte{}, data[:i]...), "\t_ \"net\"\n"...), data[i:]...)
	tmp := t.TempDir()
	repl := filepath.Join(tmp, "strings.go")
	if err := os.WriteFile(repl, mod, 0o644); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(map[string]map[string]string{"Replace": {orig: repl}})
	if err != nil {
		t.Fatal(err)
	}
	overlay = filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlay, js, 0o644); err != nil {
		t.Fatal(err)
	}
	want = "strings/strings.go:" + strconv.Itoa(line) + ":2: [dependency] text imports net (net), but net is not in text's depends_on\n"
	return overlay, want
}

// TestModuleCache runs every command on golang.org/x/tools and gonum, as
// they lie in the module cache (read-only), with a config init writes
// elsewhere; init's promise is that the first check passes.
func TestModuleCache(t *testing.T) {
	needLong(t)
	root := repoRoot(t)
	for _, mod := range []string{"golang.org/x/tools", "gonum.org/v1/gonum"} {
		t.Run(mod, func(t *testing.T) {
			start := time.Now()
			dir := moduleDir(t, root, mod)
			cfg := filepath.Join(t.TempDir(), "archcheck.yaml")
			run(t, dir, nil, ok, "init", "-o", cfg)
			tg := target{name: mod, dir: dir, patterns: []string{"./..."}, config: cfg}
			r := run(t, dir, nil, ok, "check", "--config", cfg, "--rules", "dependency,visibility,forbidden-import,unassigned")
			if len(r.stdout) != 0 {
				t.Errorf("init's config does not pass its own import rules:\n%s", r.stdout)
			}
			everyCommand(t, tg)
			t.Logf("%s: %v", mod, time.Since(start).Round(time.Second))
		})
	}
}

// moduleDir returns the module cache directory of mod at the version
// archcheck's go.mod requires, downloading it when absent.
func moduleDir(t *testing.T, root, mod string) string {
	t.Helper()
	var info struct{ Dir string }
	if err := json.Unmarshal([]byte(goCmd(t, root, "list", "-m", "-json", mod)), &info); err != nil {
		t.Fatal(err)
	}
	if info.Dir == "" {
		goCmd(t, root, "mod", "download", mod)
		if err := json.Unmarshal([]byte(goCmd(t, root, "list", "-m", "-json", mod)), &info); err != nil {
			t.Fatal(err)
		}
	}
	if info.Dir == "" {
		t.Fatalf("%s: not in the module cache after go mod download", mod)
	}
	return info.Dir
}

// everyCommand runs each command and format on tg, checking exit codes and
// that the main outputs are byte-identical across two runs. Nothing is
// written into tg.dir: every output goes to a temporary directory.
func everyCommand(t *testing.T, tg target) {
	t.Helper()
	out := t.TempDir()
	cfg := []string{"--config", tg.config}
	with := func(args ...string) []string {
		return append(append(args, cfg...), tg.patterns...)
	}
	twice := func(t *testing.T, codes []int, args ...string) *result {
		t.Helper()
		a := run(t, tg.dir, nil, codes, args...)
		b := run(t, tg.dir, nil, codes, args...)
		if !bytes.Equal(a.stdout, b.stdout) || a.code != b.code {
			t.Errorf("archcheck %s: two runs differ (exit %d and %d, %d and %d bytes)", strings.Join(args, " "), a.code, b.code, len(a.stdout), len(b.stdout))
		}
		return a
	}

	t.Run("check", func(t *testing.T) {
		twice(t, okOrBad, with("check", "--format", "json")...)
		for _, f := range []string{"text", "sarif", "github", "gitlab"} {
			run(t, tg.dir, nil, okOrBad, with("check", "--format", f)...)
		}
		base := filepath.Join(out, "baseline.json")
		run(t, tg.dir, nil, okOrBad, with("baseline", "-o", base)...)
		r := run(t, tg.dir, nil, ok, with("check", "--baseline", base)...)
		if len(r.stdout) != 0 {
			t.Errorf("findings not in the baseline just written:\n%.2000s", r.stdout)
		}
	})
	t.Run("loaders agree", func(t *testing.T) {
		// archcheck's own type-checker (engine/typecheck) and the
		// packages.Load fallback must find the same, to the byte.
		for _, args := range [][]string{with("check", "--format", "json"), with("suggest", "--format", "json")} {
			a := run(t, tg.dir, nil, okOrBad, args...)
			b := run(t, tg.dir, []string{"ARCHCHECK_LOADER=packages"}, okOrBad, args...)
			if !bytes.Equal(a.stdout, b.stdout) || a.code != b.code {
				t.Errorf("archcheck %s: the loaders differ (exit %d and %d, %d and %d bytes)", strings.Join(args, " "), a.code, b.code, len(a.stdout), len(b.stdout))
			}
		}
	})
	t.Run("graph", func(t *testing.T) {
		twice(t, ok, with("graph", "--format", "json", "--level", "package")...)
		for _, f := range []string{"dot", "mermaid", "json", "svg"} {
			run(t, tg.dir, nil, ok, with("graph", "--format", f)...)
		}
		run(t, tg.dir, nil, ok, with("graph", "--format", "svg", "--level", "package")...)
	})
	var first string
	t.Run("suggest", func(t *testing.T) {
		r := twice(t, ok, with("suggest", "--format", "json")...)
		var s struct{ Candidates []struct{ Module string } }
		if err := json.Unmarshal(r.stdout, &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Candidates) > 0 {
			first = s.Candidates[0].Module
		}
		run(t, tg.dir, nil, ok, with("suggest")...)
	})
	t.Run("impact", func(t *testing.T) {
		if first == "" {
			t.Skip("no candidate module to ask about")
		}
		twice(t, ok, with("impact", "--format", "json", first)...)
		run(t, tg.dir, nil, ok, with("impact", first)...)
	})
	t.Run("report", func(t *testing.T) {
		html := filepath.Join(out, "report.html")
		run(t, tg.dir, nil, ok, with("report", "-o", html)...)
		a, err := os.ReadFile(html)
		if err != nil {
			t.Fatal(err)
		}
		r := run(t, tg.dir, nil, ok, with("report", "-o", "-")...)
		if !bytes.Equal(a, r.stdout) {
			t.Errorf("report: two runs differ (%d and %d bytes)", len(a), len(r.stdout))
		}
	})
	t.Run("init", func(t *testing.T) {
		run(t, tg.dir, nil, ok, append([]string{"init", "-o", filepath.Join(out, "init.yaml")}, tg.patterns...)...)
	})
}
