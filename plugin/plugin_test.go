package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

var shop = filepath.Join("..", "testdata", "shop")

func TestBuildAnalyzers(t *testing.T) {
	newPlugin, err := register.GetPlugin(Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"config": filepath.Join(shop, "archcheck.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	list, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if err := analysis.Validate(list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != Name {
		t.Errorf("want one analyzer named %q, like the linter, so golangci-lint does not prefix messages", Name)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", p.GetLoadMode(), register.LoadModeTypesInfo)
	}
	cfg, err := p.(*Plugin).load()
	if err != nil || cfg.ModulePath != "example.com/shop" {
		t.Errorf("bound to %q (%v), want example.com/shop read from the fixture's go.mod", cfg.ModulePath, err)
	}
}

func TestSettingsErrors(t *testing.T) {
	if _, err := New(map[string]any{"confg": "archcheck.yaml"}); err == nil || !strings.Contains(err.Error(), `unknown field "confg"`) {
		t.Errorf("unknown setting: got %v", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "archcheck.yaml")
	if err := os.WriteFile(bad, []byte("version: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(map[string]any{"config": bad, "module": "example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.BuildAnalyzers(); err == nil || !strings.Contains(err.Error(), bad+":1:") {
		t.Errorf("bad config: got %v, want its position", err)
	}
	p, _ = New(map[string]any{"config": filepath.Join(shop, "archcheck.yaml"), "module": "example.com/other"})
	if cfg, err := p.(*Plugin).load(); err != nil || cfg.ModulePath != "example.com/other" {
		t.Errorf("module setting: got %v", err)
	}
}

// golangciVersion is the golangci-lint the integration test builds.
const golangciVersion = "v2.15.0"

// TestGolangci does what `golangci-lint custom` does, from the module proxy
// instead of a git clone: a main module requiring golangci-lint, importing
// this plugin, with archcheck replaced by this checkout. It builds it, runs
// it on the shop fixture and compares the issues with go vet's. Nothing of
// golangci-lint (GPL-3.0) is committed: the module lives in a temp dir.
// It takes minutes, so it runs only with ARCHCHECK_GOLANGCI=1.
func TestGolangci(t *testing.T) {
	if os.Getenv("ARCHCHECK_GOLANGCI") != "1" {
		t.Skip("set ARCHCHECK_GOLANGCI=1 to build a custom golangci-lint with the plugin (slow, needs the module proxy)")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := buildCustomGCL(t, root)

	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(shop)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, ".golangci.yml"), golangciYML)
	start := time.Now()
	cmd := exec.Command(bin, "run", "--output.json.path=stdout", "--output.text.path=stderr", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("custom-gcl run on the shop fixture: %v", time.Since(start).Round(time.Millisecond))
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("custom-gcl run: %v, want exit 1 (issues found)\n%s", err, stderr.String())
	}
	got := issueLines(t, stdout.Bytes())
	want, err := os.ReadFile(filepath.Join(root, "cmd", "archcheck", "testdata", "vet", "shop.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if g := strings.Join(got, "\n") + "\n"; g != string(want) {
		t.Errorf("golangci-lint issues differ from go vet's (cmd/archcheck/testdata/vet/shop.golden):\ngot:\n%swant:\n%s", g, want)
	}
}

// golangciYML enables only the plugin, with no limits on the issues shown.
const golangciYML = `version: "2"
linters:
  default: none
  enable: [archcheck]
  settings:
    custom:
      archcheck:
        type: module
        description: module boundaries and blocking cross-module calls
        settings:
          config: archcheck.yaml
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`

// gclMain is golangci-lint's cmd/golangci-lint/main.go reduced to the call
// of its command, plus the plugin import that `golangci-lint custom` adds.
const gclMain = `package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/archcheck/archcheck/plugin"
)

func main() {
	info := commands.BuildInfo{Version: "%s-archcheck", GoVersion: runtime.Version(), Commit: "custom", Date: "(unknown)"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %%v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
`

func buildCustomGCL(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), fmt.Sprintf(`module archcheck-custom-gcl

go 1.26.8

require (
	github.com/archcheck/archcheck v0.0.0-00010101000000-000000000000
	github.com/golangci/golangci-lint/v2 %s
)

replace github.com/archcheck/archcheck => %s
`, golangciVersion, root))
	writeFile(t, filepath.Join(dir, "main.go"), fmt.Sprintf(gclMain, strings.TrimPrefix(golangciVersion, "v")))
	bin := filepath.Join(dir, "custom-gcl")
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", bin, "."}} {
		start := time.Now()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("go %s: %v", args[0], time.Since(start).Round(time.Millisecond))
	}
	return bin
}

// issueLines turns golangci-lint's JSON report into sorted
// "file:line:col: text" lines, the format of go vet's.
func issueLines(t *testing.T, report []byte) []string {
	t.Helper()
	var r struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	// The JSON report is the first value; golangci-lint prints its stats after it.
	if err := json.NewDecoder(bytes.NewReader(report)).Decode(&r); err != nil {
		t.Fatalf("golangci-lint JSON: %v\n%s", err, report)
	}
	var lines []string
	for _, is := range r.Issues {
		if is.FromLinter != Name {
			t.Errorf("issue from %s, want only %s: %s", is.FromLinter, Name, is.Text)
		}
		lines = append(lines, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Pos.Column, is.Text))
	}
	slices.Sort(lines)
	return lines
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
