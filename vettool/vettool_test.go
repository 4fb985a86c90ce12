package vettool

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/internal/testfs"
)

func TestIsProtocol(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-json", "-synccall=false", "/tmp/go-build1/b001/vet.cfg"}, true},
		{nil, false},
		{[]string{"check"}, false},
		{[]string{"check", "x.cfg"}, false},
		{[]string{".cfg"}, false},
		{[]string{"-V=full", "x"}, false},
		{[]string{"version"}, false},
	} {
		if got := IsProtocol(tc.args); got != tc.want {
			t.Errorf("IsProtocol(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestMainModule(t *testing.T) {
	for _, tc := range []struct {
		name string
		u    unit
		path string
		ok   bool
	}{
		{"main module", unit{ImportPath: "example.com/shop/x", ModulePath: "example.com/shop"}, "example.com/shop", true},
		{"main module dependency", unit{ImportPath: "example.com/shop/x", ModulePath: "example.com/shop", VetxOnly: true}, "example.com/shop", true},
		{"module dependency", unit{ImportPath: "github.com/a/b", ModulePath: "github.com/a", ModuleVersion: "v1.2.3", VetxOnly: true}, "", false},
		{"module dependency vetted directly", unit{ImportPath: "github.com/a/b", ModulePath: "github.com/a", ModuleVersion: "v1.2.3"}, "", false},
		{"std dependency", unit{ImportPath: "net/http", VetxOnly: true}, "std", false},
		{"std vetted", unit{ImportPath: "net/http"}, "std", true},
		{"no module", unit{ImportPath: "example.com/gopath/x"}, "", false},
	} {
		path, ok := tc.u.mainModule()
		if ok != tc.ok || ok && path != tc.path {
			t.Errorf("%s: mainModule() = %q, %v; want %q, %v", tc.name, path, ok, tc.path, tc.ok)
		}
	}
}

// writeTree creates files (slash paths) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	return testfs.Tree(t, files)
}

const goodConfig = "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n"

func TestConfigPath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":         "module example.com/m\n",
		"archcheck.yaml": goodConfig,
		"ci/strict.yaml": goodConfig,
		"a/b/b.go":       "package b\n",
		// A config below the module root is not where packages look.
		"a/archcheck.yaml": goodConfig,
	})
	pkg := filepath.Join(dir, "a", "b")
	for _, tc := range []struct {
		env, dir, want, err string
	}{
		{"", pkg, filepath.Join(dir, "archcheck.yaml"), ""},
		{"", dir, filepath.Join(dir, "archcheck.yaml"), ""},
		{"ci/strict.yaml", pkg, filepath.Join(dir, "ci", "strict.yaml"), ""},
		{filepath.Join(dir, "ci", "strict.yaml"), pkg, filepath.Join(dir, "ci", "strict.yaml"), ""},
		{"strict.yaml", pkg, "", "relative paths are resolved against the module root"},
	} {
		got, err := configPath(tc.env, tc.dir)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("configPath(%q, %q): error %v, want one containing %q", tc.env, tc.dir, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("configPath(%q, %q) = %q, %v; want %q", tc.env, tc.dir, got, err, tc.want)
		}
	}
}

func TestConfigPathNoModule(t *testing.T) {
	dir := writeTree(t, map[string]string{"x/x.go": "package x\n"})
	if _, err := configPath("rel.yaml", dir); err == nil || !strings.Contains(err.Error(), "use an absolute path") {
		t.Errorf("relative ARCHCHECK_CONFIG outside a module: got %v", err)
	}
	if _, err := configPath("", filepath.Join(dir, "x")); err == nil || !strings.Contains(err.Error(), "archcheck init") {
		t.Errorf("no config: got %v, want the hint to run archcheck init", err)
	}
}

func TestWriteVersion(t *testing.T) {
	dir := writeTree(t, map[string]string{"go.mod": "module example.com/m\n", "archcheck.yaml": goodConfig})
	var a, b bytes.Buffer
	if err := WriteVersion(&a, "", dir); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^archcheck version devel \S+ buildID=[0-9a-f]{64}-[0-9a-f]{64}\n$`)
	if !line.MatchString(a.String()) {
		t.Fatalf("-V=full printed %q", a.String())
	}
	// Editing the config changes the content ID go keys its cache on.
	if err := os.WriteFile(filepath.Join(dir, "archcheck.yaml"), []byte(goodConfig+"exclude: [./gen/...]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteVersion(&b, "", dir); err != nil {
		t.Fatal(err)
	}
	binA, cfgA, _ := strings.Cut(strings.TrimSpace(a.String()[strings.Index(a.String(), "buildID=")+8:]), "-")
	binB, cfgB, _ := strings.Cut(strings.TrimSpace(b.String()[strings.Index(b.String(), "buildID=")+8:]), "-")
	if binA != binB || cfgA == cfgB {
		t.Errorf("after a config edit: binary %s → %s, config %s → %s; want the same binary, another config", binA, binB, cfgA, cfgB)
	}
}

func TestWriteVersionBadConfig(t *testing.T) {
	dir := writeTree(t, map[string]string{"go.mod": "module example.com/m\n", "archcheck.yaml": "version: 1\nmodule: {}\n"})
	var out, errb bytes.Buffer
	err := WriteVersion(&out, "", dir)
	if err == nil || out.Len() != 0 {
		t.Fatalf("got %q, %v; want an error and no version line", out.String(), err)
	}
	printError(&errb, err)
	if !strings.HasPrefix(errb.String(), "archcheck.yaml:2:1: ") {
		t.Errorf("error printed as %q, want archcheck.yaml:LINE:COL: message", errb.String())
	}
}

func TestUnitAnalyzersDependency(t *testing.T) {
	// A dependency's directory holds an invalid archcheck.yaml: never read.
	dir := writeTree(t, map[string]string{
		"mod/go.mod":         "module github.com/a/b\n",
		"mod/archcheck.yaml": "not: [a, valid config\n",
		"mod/x/x.go":         "package x\n",
	})
	cfg := `{"ID": "github.com/a/b/x", "Dir": "` + filepath.ToSlash(filepath.Join(dir, "mod", "x")) + `",
		"ImportPath": "github.com/a/b/x", "ModulePath": "github.com/a/b", "ModuleVersion": "v1.0.0", "VetxOnly": true}`
	if err := os.WriteFile(filepath.Join(dir, "vet.cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := unitAnalyzers(filepath.Join(dir, "vet.cfg"), "")
	if err != nil || len(list) != 3 {
		t.Fatalf("got %d analyzers, %v; want boundary, synccall and dataownership from an empty config", len(list), err)
	}
}

// TestWriteVersionWorkspace is issue 16 item 8: in a go.work workspace,
// editing the other module's archcheck.yaml changes the -V=full ID, since
// go vet runs -V=full once, in one module, for the packages of both.
func TestWriteVersionWorkspace(t *testing.T) {
	t.Setenv("GOWORK", "")
	dir := writeTree(t, map[string]string{
		"go.work":          "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":         "module example.com/a\n",
		"a/archcheck.yaml": goodConfig,
		"b/go.mod":         "module example.com/b\n",
		"b/archcheck.yaml": goodConfig,
	})
	id := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := WriteVersion(&out, "", filepath.Join(dir, "a")); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	before := id()
	if !regexp.MustCompile(`buildID=[0-9a-f]{64}-[0-9a-f]{64}-[0-9a-f]{64}\n$`).MatchString(before) {
		t.Fatalf("-V=full in a workspace printed %q, want the workspace's configs hashed too", before)
	}
	if again := id(); again != before {
		t.Fatalf("the ID is not stable: %q, then %q", before, again)
	}
	if err := os.WriteFile(filepath.Join(dir, "b", "archcheck.yaml"), []byte(goodConfig+"exclude: [./gen/...]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if after := id(); after == before {
		t.Errorf("editing b/archcheck.yaml left the ID of a go vet run in a unchanged: %q", after)
	}
	// GOWORK=off: not a workspace, the ID is the module's alone.
	t.Setenv("GOWORK", "off")
	if got := id(); !regexp.MustCompile(`buildID=[0-9a-f]{64}-[0-9a-f]{64}\n$`).MatchString(got) {
		t.Errorf("with GOWORK=off: %q", got)
	}
}

// TestWriteVersionWorkspaceRoot: go vet run at the root of a workspace (a
// go.work, no go.mod, no archcheck.yaml there) does not fail -V=full; each
// module's packages use that module's config.
func TestWriteVersionWorkspaceRoot(t *testing.T) {
	t.Setenv("GOWORK", "")
	dir := writeTree(t, map[string]string{
		"go.work":          "go 1.22\n\nuse ./a\n",
		"a/go.mod":         "module example.com/a\n",
		"a/archcheck.yaml": goodConfig,
	})
	var out bytes.Buffer
	if err := WriteVersion(&out, "", dir); err != nil {
		t.Fatalf("-V=full at the workspace root: %v", err)
	}
	if !regexp.MustCompile(`buildID=[0-9a-f]{64}-[0-9a-f]{64}\n$`).MatchString(out.String()) {
		t.Errorf("-V=full printed %q", out.String())
	}
	// Outside any workspace, a directory with no config still fails.
	t.Setenv("GOWORK", "off")
	if err := WriteVersion(&out, "", dir); err == nil {
		t.Error("no config and no workspace: want an error")
	}
}

// TestPackagePath: only an external test package takes its package's
// path; a real package whose path ends in _test keeps its own, vetted
// alone or in its test variant.
func TestPackagePath(t *testing.T) {
	for _, c := range []struct {
		u    unit
		want string
	}{
		{unit{ID: "m/p_test [m/p.test]", ImportPath: "m/p_test", GoFiles: []string{"/m/p/x_test.go"}}, "m/p"},
		{unit{ID: "m/p [m/p.test]", ImportPath: "m/p", GoFiles: []string{"/m/p/p.go", "/m/p/p_test.go"}}, "m/p"},
		{unit{ID: "m/load_test", ImportPath: "m/load_test", GoFiles: []string{"/m/load_test/a.go"}}, "m/load_test"},
		{unit{ID: "m/load_test [m/load_test.test]", ImportPath: "m/load_test", GoFiles: []string{"/m/load_test/a.go", "/m/load_test/a_test.go"}}, "m/load_test"},
		{unit{ID: "m/load_test [m/load.test]", ImportPath: "m/load_test", GoFiles: []string{"/m/load/a.go"}}, "m/load_test"},
	} {
		if got := c.u.packagePath(); got != c.want {
			t.Errorf("%s: packagePath = %s, want %s", c.u.ID, got, c.want)
		}
	}
}
