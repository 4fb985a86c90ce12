package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// The adversarial suite: issue 16's items, and the other inputs of the
// adversarial pass (docs/adversarial.md has the matrix), each pinned on the
// real binary with its exact output and exit code. Items 2 (TestInterrupt)
// has its own file; the cases that run go vet are behind -long.

// advStep is one run of the binary in a case's module: args, extra
// environment, the exit code, and stdout and stderr, exact ("-" for
// anything; $WORK stands for the case's directory) or, with a leading "~",
// a regular expression to find.
type advStep struct {
	dir            string // below the case's directory
	args           []string
	env            []string
	code           int
	stdout, stderr string
	// after runs after the step (edits between steps, file checks).
	after func(t *testing.T, work string)
}

type advCase struct {
	name  string // "16.N what" for issue 16's items, "x: what" for the others
	long  bool
	files map[string]string
	// setup prepares what files cannot say (links, pipes, a proxy); it
	// returns extra environment for every step.
	setup func(t *testing.T, work string) []string
	steps []advStep
}

// smallModule is the usual fixture: a imports b without declaring it (one
// dependency finding), b can sleep.
func smallModule(extra map[string]string) map[string]string {
	files := map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.22\n",
		"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n",
		"a/a.go":         "package a\n\nimport \"example.com/m/b\"\n\nvar X = b.B\n",
		"b/b.go":         "package b\n\nimport \"time\"\n\nvar B = 1\n\nfunc S() { time.Sleep(1) }\n",
	}
	for k, v := range extra {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return files
}

const smallWant = "a/a.go:3:8: [dependency] a imports b (example.com/m/b), but b is not in a's depends_on\n"

// depModule is a module whose package b calls a function of another module
// (dep) that blocks on HTTP; a calls b.
func depModule(goMod, importPath, depDir string) map[string]string {
	return map[string]string{
		"m/go.mod":         goMod,
		"m/archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n  b:\n    packages: [./b/...]\n",
		"m/a/a.go":         "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n",
		"m/b/b.go":         "package b\n\nimport dep \"" + importPath + "\"\n\nfunc B() { dep.L() }\n",
		depDir + "/go.mod": "module " + importPath + "\n\ngo 1.22\n",
		depDir + "/lib.go": "package dep\n\nimport \"net/http\"\n\nfunc L() { http.Get(\"http://example.org\") }\n",
	}
}

// depWant: the chain's names may be qualified by their package (syncc is
// changing that this session).
const depWant = `~^a/a.go:5:12: \[sync-call\] a.A calls b.B synchronously; it blocks on net/http.Get \(network: A → (b\.)?B → (dep\.)?L → http.Get\)\n$`

// proxyModule writes module path@version from files into a GOPROXY
// directory, for GOPROXY=file://dir.
func proxyModule(t *testing.T, dir, path, version string, files map[string]string) {
	t.Helper()
	src := t.TempDir()
	for name, content := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	esc, err := module.EscapePath(path)
	if err != nil {
		t.Fatal(err)
	}
	vdir := filepath.Join(dir, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"list":            version + "\n",
		version + ".mod":  files["go.mod"],
		version + ".info": fmt.Sprintf(`{"Version":%q,"Time":"2024-01-01T00:00:00Z"}`, version),
	} {
		if err := os.WriteFile(filepath.Join(vdir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	z, err := os.Create(filepath.Join(vdir, version+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if err := zip.CreateFromDir(z, module.Version{Path: path, Version: version}, src); err != nil {
		t.Fatal(err)
	}
}

// depProxy serves example.org/dep v1.0.0 (dep.Fetch blocks on HTTP) from a
// file:// proxy, with a module cache of its own: every run starts empty.
func depProxy(t *testing.T, work string) []string {
	proxy := filepath.Join(work, "proxy")
	proxyModule(t, proxy, "example.org/dep", "v1.0.0", map[string]string{
		"go.mod": "module example.org/dep\n\ngo 1.22\n",
		"dep.go": "package dep\n\nimport \"net/http\"\n\nfunc Fetch() { http.Get(\"http://example.org\") }\n",
	})
	return []string{"GOPROXY=file://" + filepath.ToSlash(proxy), "GOSUMDB=off", "GOFLAGS=-mod=mod -modcacherw",
		"GOMODCACHE=" + filepath.Join(work, "modcache")}
}

var advCases = []advCase{
	{
		name: "16.1 fresh module cache: go's download progress is not a load failure",
		files: map[string]string{
			"go.mod":         "module example.com/m\n\ngo 1.22\n\nrequire example.org/dep v1.0.0\n",
			"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    forbidden_imports: [example.org/dep]\nrules:\n  forbidden-import: warn\n",
			"a/a.go":         "package a\n\nimport \"example.org/dep\"\n\nfunc A() { dep.Fetch() }\n",
		},
		setup: depProxy,
		steps: []advStep{
			{args: []string{"check"}, code: 0, stderr: "",
				stdout: "a/a.go:3:8: [forbidden-import] a imports example.org/dep, which forbidden_imports forbids (\"example.org/dep\")\n",
				after: func(t *testing.T, work string) {
					// The run did download: the cache was empty.
					mustExist(t, filepath.Join(work, "modcache", "cache", "download", "example.org", "dep", "@v", "v1.0.0.zip"))
					os.RemoveAll(filepath.Join(work, "modcache"))
				}},
			{args: []string{"init", "-o", "init.yaml"}, code: 0, stdout: "~^wrote init.yaml: 1 modules", stderr: ""},
		},
	},
	{
		name: "16.3 a vendored dependency edited after a warm run is analysed again",
		files: map[string]string{
			"go.mod":         "module example.com/m\n\ngo 1.22\n\nrequire example.org/dep v1.0.0\n",
			"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n  b:\n    packages: [./b/...]\n",
			"a/a.go":         "package a\n\nimport \"example.com/m/b\"\n\nfunc A() { b.B() }\n",
			"b/b.go":         "package b\n\nimport \"example.org/dep\"\n\nfunc B() { dep.Quiet() }\n",
		},
		setup: func(t *testing.T, work string) []string {
			proxy := filepath.Join(work, "proxy")
			proxyModule(t, proxy, "example.org/dep", "v1.0.0", map[string]string{
				"go.mod": "module example.org/dep\n\ngo 1.22\n",
				"dep.go": "package dep\n\nfunc Quiet() {}\n",
			})
			env := []string{"GOPROXY=file://" + filepath.ToSlash(proxy), "GOSUMDB=off", "GOFLAGS=-mod=mod -modcacherw", "GOMODCACHE=" + filepath.Join(work, "modcache")}
			goIn(t, work, env, "mod", "tidy")
			goIn(t, work, env, "mod", "vendor")
			// A facts cache of its own (XDG_CACHE_HOME), the usual build cache.
			return []string{"GOFLAGS=-mod=vendor", "GOPROXY=off", "XDG_CACHE_HOME=" + filepath.Join(work, "xdg"), "GOCACHE=" + goCmd(t, work, "env", "GOCACHE")}
		},
		steps: []advStep{
			{args: []string{"check"}, code: 0, stdout: "", stderr: "", after: func(t *testing.T, work string) {
				writeFile(t, filepath.Join(work, "vendor", "example.org", "dep", "dep.go"), "package dep\n\nimport \"net/http\"\n\nfunc Quiet() { http.Get(\"x\") }\n")
			}},
			{args: []string{"check"}, code: 0, stderr: "",
				stdout: `~^a/a.go:5:12: \[sync-call\] a.A calls b.B synchronously; it blocks on net/http.Get \(network: A → (b\.)?B → (dep\.)?Quiet → http.Get\)\n$`},
		},
	},
	{
		name:  "16.4 a dependency whose module path has no dot is not the standard library",
		files: depModule("module example.com/m\n\ngo 1.22\n\nrequire mylib v0.0.0\n\nreplace mylib => ../mylib\n", "mylib", "mylib"),
		steps: []advStep{
			{dir: "m", args: []string{"check"}, code: 0, stdout: depWant, stderr: ""},
		},
	},
	{
		name: "16.5 a dependency that does not type-check is a positioned load error",
		files: func() map[string]string {
			f := depModule("module example.com/m\n\ngo 1.22\n\nrequire example.org/lib v0.0.0\n\nreplace example.org/lib => ../lib\n", "example.org/lib", "lib")
			f["lib/lib.go"] = "package dep\n\nimport \"net/http\"\n\nfunc L() { http.Get(\"http://example.org\") }\n\nvar broken int = \"s\"\n"
			return f
		}(),
		steps: []advStep{
			{dir: "m", args: []string{"check"}, code: 2, stdout: "-",
				stderr: "~(?m)^archcheck: load: example.org/lib: .*lib.go:7:18: cannot use \"s\" \\(untyped string constant\\) as int value in variable declaration$"},
		},
	},
	{
		name:  "16.6 a .go file argument is refused with the package to name",
		files: smallModule(nil),
		steps: []advStep{
			// (A run over ./a no longer says ./b/... "matches no package".)
			{args: []string{"check", "./a"}, code: 1, stdout: smallWant, stderr: ""},
			{args: []string{"check", "a/a.go"}, code: 2, stdout: "",
				stderr: "archcheck: a/a.go is a file: archcheck checks packages; name its package directory (./a)\n"},
		},
	},
	{
		name:  "16.7 a baseline records its module; a vanished package's entries are stale",
		files: smallModule(map[string]string{"other.json": `{"version": "devel", "schema": 1, "module": "example.com/other", "entries": []}`}),
		steps: []advStep{
			{args: []string{"baseline"}, code: 0, stdout: "", stderr: "archcheck: wrote archcheck-baseline.json: 1 entry for 1 finding (1 error, 0 warnings)\n"},
			{args: []string{"check", "--baseline", "other.json"}, code: 2, stdout: "",
				stderr: "archcheck: baseline other.json: written for module example.com/other, not example.com/m (write this module's with `archcheck baseline`)\n",
				after: func(t *testing.T, work string) {
					// Rename a/ to a2/ (and its pattern): the old entry's package is gone.
					if err := os.Rename(filepath.Join(work, "a"), filepath.Join(work, "a2")); err != nil {
						t.Fatal(err)
					}
					writeFile(t, filepath.Join(work, "archcheck.yaml"), "version: 1\nmodules:\n  a:\n    packages: [./a2/...]\n    depends_on: [b]\n  b:\n    packages: [./b/...]\n")
				}},
			{args: []string{"check", "--baseline", "archcheck-baseline.json", "--fail-on-stale"}, code: 1, stdout: "",
				stderr: "archcheck: baseline: stale entry [dependency] a → b in example.com/m/a: example.com/m/b: found 0, archcheck-baseline.json accepts 1\n" +
					"archcheck: baseline: the debt is paid; lock it in with `archcheck check --baseline archcheck-baseline.json --update-baseline`\n"},
		},
	},
	{
		name: "16.9 exclude taking packages from forbidden_imports is a warning",
		files: smallModule(map[string]string{
			"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n    forbidden_imports: [net/http]\n  b:\n    packages: [./b/...]\nexclude: [./a/gen]\n",
			"a/gen/gen.go":   "package gen\n\nimport _ \"net/http\"\n",
		}),
		steps: []advStep{
			{args: []string{"check"}, code: 0, stdout: "",
				stderr: "warning: archcheck.yaml:9:11: exclude \"./a/gen\" hides example.com/m/a/gen's import of net/http (\"net/http\", module a) from forbidden_imports: excluded packages are left out of every rule\n"},
		},
	},
	{
		name:  "16.10 -o never clobbers a file that is not archcheck's; a failing run writes nothing",
		files: smallModule(map[string]string{"keep.txt": "mine\n"}),
		steps: []advStep{
			{args: []string{"report", "-o", "archcheck.yaml"}, code: 2, stdout: "",
				stderr: "archcheck: archcheck.yaml exists and was not written by archcheck; refusing to replace it (pass --force to replace it, or choose another -o)\n"},
			{args: []string{"baseline", "-o", "a/a.go"}, code: 2, stdout: "", stderr: "~^archcheck: a/a.go exists and was not written by archcheck"},
			{args: []string{"graph", "-o", "go.mod"}, code: 2, stdout: "", stderr: "~^archcheck: go.mod exists and was not written by archcheck"},
			{args: []string{"report", "-o", "keep.txt", "./nonexistent/..."}, code: 2, stdout: "", stderr: "~^archcheck: keep.txt exists and was not written by archcheck",
				after: func(t *testing.T, work string) {
					for name, want := range map[string]string{"keep.txt": "mine\n", "go.mod": "module example.com/m\n\ngo 1.22\n"} {
						if b, _ := os.ReadFile(filepath.Join(work, name)); string(b) != want {
							t.Errorf("%s = %q, want it untouched", name, b)
						}
					}
				}},
			{args: []string{"graph", "-o", "g.dot"}, code: 0, stdout: "", stderr: ""},
			{args: []string{"graph", "-o", "g.dot", "./nonexistent/..."}, code: 2, stdout: "", stderr: "-", after: func(t *testing.T, work string) {
				if b, _ := os.ReadFile(filepath.Join(work, "g.dot")); !strings.Contains(string(b), "a -> b") && !strings.Contains(string(b), `"a" -> "b"`) {
					t.Errorf("a failing graph -o replaced g.dot:\n%s", b)
				}
			}},
			{dir: "empty", args: []string{"init"}, code: 2, stdout: "",
				stderr: "archcheck: load: go: warning: \"./...\" matched no packages\narchcheck: archcheck.yaml not written\n",
				after:  func(t *testing.T, work string) { mustNotExist(t, filepath.Join(work, "empty", "archcheck.yaml")) }},
		},
		setup: func(t *testing.T, work string) []string {
			writeFile(t, filepath.Join(work, "empty", "go.mod"), "module example.com/empty\n\ngo 1.22\n")
			return nil
		},
	},
	{
		name: "16.11 a syntax error is shown, not the type errors it causes",
		files: smallModule(map[string]string{
			"archcheck.yaml": "version: 1\nmodules:\n  all:\n    packages: [./...]\n",
			"b/b.go":         "package b\n\nvar B = 1\n\nfunc F() {\n\tprintln(1\n\tx := 2\n}\n",
		}),
		steps: []advStep{
			{args: []string{"check"}, code: 2, stdout: "",
				stderr: "archcheck: load: example.com/m/b: b/b.go:6:11: missing ',' before newline in argument list\n"},
		},
	},
	{
		name: "16.12 SARIF URIs are percent-encoded, GitLab paths are not",
		files: smallModule(map[string]string{
			"a/a.go":           "",
			"a/x#frag%20?q.go": "package a\n\nimport \"example.com/m/b\"\n\nvar X = b.B\n",
		}),
		steps: []advStep{
			{args: []string{"check", "--format", "sarif"}, code: 1, stdout: `~"uri": "a/x%23frag%2520%3Fq.go"`, stderr: ""},
			{args: []string{"check", "--format", "gitlab"}, code: 1, stdout: `~"path": "a/x#frag%20\?q.go"`, stderr: ""},
		},
	},
	{
		name:  "16.13 the small messages",
		files: smallModule(map[string]string{"array.json": "[]\n", "u.yaml": "version: 1\nmodules:\n  ü:\n    packages: [./a/...]\n"}),
		steps: []advStep{
			{args: []string{"-C", "/nonexistent", "check"}, code: 2, stdout: "", stderr: "archcheck: -C /nonexistent: no such directory\n"},
			{args: []string{"check", "--config", "u.yaml"}, code: 2, stdout: "", stderr: "u.yaml:3:3: invalid module name \"ü\": use ASCII letters, digits, '_' and '-'\n"},
			{args: []string{"check", "--baseline", "array.json"}, code: 2, stdout: "",
				stderr: "archcheck: baseline array.json: invalid baseline at 1:1: the baseline must be an object, not array\n"},
			{args: []string{"baseline", "-o", "nodir/b.json"}, code: 2, stdout: "", stderr: "archcheck: write nodir/b.json: directory nodir does not exist\n"},
		},
	},
	{
		name:  "16.14 version and completion",
		files: smallModule(nil),
		steps: []advStep{
			{args: []string{"version"}, code: 0, stderr: "", stdout: `~^archcheck \S+\nrevision: .+\n(time: \S+\n)?go: go1\.\d+\S* \w+/\w+\n$`},
			{args: []string{"--version"}, code: 0, stderr: "", stdout: `~^archcheck \S+\nrevision: `},
			{args: []string{"__complete", "impact", ""}, code: 0, stdout: "a\nb\n:4\n", stderr: "-"},
		},
	},

	// Beyond the issue (docs/adversarial.md).
	{
		name:  "x: a module directory with spaces in its path",
		files: prefixed("sp ace", smallModule(nil)),
		steps: []advStep{{dir: "sp ace", args: []string{"check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: a directory that is not a valid import path element",
		files: smallModule(map[string]string{"ü/u.go": "package u\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: smallWant,
			stderr: "archcheck: load: example.com/m/ü: malformed import path \"example.com/m/ü\": invalid char 'ü'\n"}},
	},
	{
		name:  "x: a symlinked package directory is not followed by ./... (as go)",
		files: smallModule(nil),
		setup: func(t *testing.T, work string) []string {
			symlink(t, filepath.Join(work, "b"), filepath.Join(work, "blink"))
			return nil
		},
		steps: []advStep{{args: []string{"check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: archcheck.yaml that is a symlink loop says so",
		files: smallModule(map[string]string{"archcheck.yaml": ""}),
		setup: func(t *testing.T, work string) []string {
			symlink(t, "archcheck.yaml", filepath.Join(work, "archcheck.yaml"))
			return nil
		},
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: "", stderr: "~too many levels of symbolic links"}},
	},
	{
		name:  "x: a package whose files are all excluded by build tags",
		files: smallModule(map[string]string{"c/c.go": "//go:build ignore\n\npackage c\n"}),
		steps: []advStep{{args: []string{"check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: an empty archcheck.yaml",
		files: smallModule(map[string]string{"archcheck.yaml": "\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: "", stderr: "archcheck.yaml:1:1: empty config: it needs at least \"version: 1\" and some modules\n"}},
	},
	{
		name:  "x: a config with a UTF-8 BOM and CRLF line ends",
		files: smallModule(map[string]string{"archcheck.yaml": "\ufeffversion: 1\r\nmodules:\r\n  a:\r\n    packages: [./a/...]\r\n  b:\r\n    packages: [./b/...]\r\n"}),
		steps: []advStep{{args: []string{"check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: Go source with CRLF line ends",
		files: smallModule(map[string]string{"a/a.go": "package a\r\n\r\nimport \"example.com/m/b\"\r\n\r\nvar X = b.B\r\n"}),
		steps: []advStep{{args: []string{"check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: a NUL byte in a source file",
		files: smallModule(map[string]string{"a/z.go": "package a\n\nvar Z = \"\x00\"\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: smallWant, stderr: "archcheck: load: example.com/m/a: a/z.go:3:10: illegal character NUL\n"}},
	},
	{
		name:  "x: two package names in one directory",
		files: smallModule(map[string]string{"a/z.go": "package zzz\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: smallWant, stderr: "~^archcheck: load: example.com/m/a: found packages a \\(a.go\\) and zzz \\(z.go\\) in "}},
	},
	{
		name:  "x: a package of test files only counts for the import rules",
		files: smallModule(map[string]string{"a/a.go": "", "a/a_test.go": "package a\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/b\"\n)\n\nfunc TestA(*testing.T) { _ = b.B }\n"}),
		steps: []advStep{{args: []string{"check"}, code: 1, stderr: "",
			stdout: "a/a_test.go:6:2: [dependency] a imports b (example.com/m/b), but b is not in a's depends_on\n"}},
	},
	{
		name:  "x: -o /dev/stdout is written in place",
		files: smallModule(nil),
		steps: []advStep{{args: []string{"graph", "--format", "mermaid", "-o", "/dev/stdout"}, code: 0, stdout: "~^flowchart TD\n%% Generated by archcheck\n", stderr: ""}},
	},
	{
		name:  "x: a go.mod that does not parse",
		files: smallModule(map[string]string{"go.mod": "module example.com/m\n\ngo 1.22\nrequire (\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: "", stderr: "~^archcheck: go list: go: errors parsing go.mod:\n.*go.mod:5: syntax error"}},
	},
	{
		name:  "x: a go.mod that needs a newer Go (GOTOOLCHAIN=local)",
		files: smallModule(map[string]string{"go.mod": "module example.com/m\n\ngo 1.99\n"}),
		steps: []advStep{{args: []string{"check"}, env: []string{"GOTOOLCHAIN=local"}, code: 2, stdout: "",
			stderr: "~^archcheck: go list: go: go.mod requires go >= 1.99 \\(running go 1\\.\\d+"}},
	},
	{
		name:  "x: GOFLAGS=-overlay naming a missing file",
		files: smallModule(nil),
		steps: []advStep{{args: []string{"check"}, env: []string{"GOFLAGS=-overlay=/nonexistent.json"}, code: 2, stdout: "",
			stderr: "archcheck: read GOFLAGS -overlay: open /nonexistent.json: no such file or directory\n"}},
	},
	{
		name:  "x: GOOS=windows selects the windows files",
		files: smallModule(map[string]string{"a/w.go": "//go:build windows\n\npackage a\n\nimport _ \"os/exec\"\n", "archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n    forbidden_imports: [os/exec]\n  b:\n    packages: [./b/...]\n"}),
		steps: []advStep{
			{args: []string{"check"}, code: 0, stdout: "", stderr: ""},
			{args: []string{"check"}, env: []string{"GOOS=windows"}, code: 1, stderr: "",
				stdout: "a/w.go:5:8: [forbidden-import] a imports os/exec, which forbidden_imports forbids (\"os/exec\")\n"},
		},
	},
	{
		name:  "x: a baseline with duplicate entries",
		files: smallModule(map[string]string{"dup.json": `{"version": "devel", "schema": 1, "entries": [{"rule": "cycle", "package": "p", "symbol": "s", "count": 1}, {"rule": "cycle", "package": "p", "symbol": "s", "count": 1}]}`}),
		steps: []advStep{{args: []string{"check", "--baseline", "dup.json"}, code: 2, stdout: "", stderr: "archcheck: baseline dup.json: entry 2: duplicate of entry 1\n"}},
	},
	{
		name:  "x: a config that is not UTF-8",
		files: smallModule(map[string]string{"archcheck.yaml": "version: 1\nmodules:\n  a\xff:\n    packages: [./a/...]\n"}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: "", stderr: "archcheck.yaml:1:1: invalid YAML: invalid leading UTF-8 octet\n"}},
	},
	{
		name: "x: a YAML alias bomb fails fast",
		files: smallModule(map[string]string{"archcheck.yaml": func() string {
			var b strings.Builder
			b.WriteString("version: 1\nexclude: &a0 [\"./x\",\"./x\",\"./x\",\"./x\",\"./x\",\"./x\",\"./x\",\"./x\",\"./x\"]\nmodules:\n")
			for i := 1; i < 9; i++ {
				fmt.Fprintf(&b, "  m%d:\n    packages: [./m%d]\n    forbidden_imports: &a%d [%s]\n", i, i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d,", i-1), 9), ","))
			}
			return b.String()
		}()}),
		steps: []advStep{{args: []string{"check"}, code: 2, stdout: "", stderr: "~^archcheck.yaml:\\d+:\\d+: forbidden_imports: expected a string, got a list\n"}},
	},
	{
		name:  "x: -C into a subdirectory of the module",
		files: smallModule(nil),
		steps: []advStep{{dir: "a", args: []string{"-C", "..", "check"}, code: 1, stdout: smallWant, stderr: ""}},
	},
	{
		name:  "x: a go.work workspace: each module is checked from its own directory",
		files: mergeFiles(prefixed("m1", smallModule(nil)), prefixed("m2", smallModule(nil)), map[string]string{"go.work": "go 1.22\n\nuse (\n\t./m1\n\t./m2\n)\n", "m2/go.mod": "module example.com/m2\n\ngo 1.22\n", "m2/a/a.go": "package a\n\nimport \"example.com/m2/b\"\n\nvar X = b.B\n"}),
		steps: []advStep{
			{dir: "m2", args: []string{"check"}, env: []string{"GOFLAGS="}, code: 1, stderr: "", stdout: "a/a.go:3:8: [dependency] a imports b (example.com/m2/b), but b is not in a's depends_on\n"},
			{args: []string{"-C", "m1", "check"}, env: []string{"GOFLAGS="}, code: 1, stderr: "", stdout: smallWant},
		},
	},
	{
		name:  "16.8 go.work: editing the other module's config invalidates go vet's cache",
		long:  true,
		files: mergeFiles(prefixed("m1", smallModule(nil)), prefixed("m2", smallModule(nil)), map[string]string{"go.work": "go 1.22\n\nuse (\n\t./m1\n\t./m2\n)\n", "m2/go.mod": "module example.com/m2\n\ngo 1.22\n", "m2/a/a.go": "package a\n\nimport \"example.com/m2/b\"\n\nvar X = b.B\n"}),
	},
}

func TestAdversarial(t *testing.T) {
	for _, tc := range advCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.long {
				needLong(t)
			}
			if tc.steps == nil {
				t.Skip("runs in its own test")
			}
			work := writeModule(t, tc.files)
			var env []string
			if tc.setup != nil {
				env = tc.setup(t, work)
			}
			for i, s := range tc.steps {
				dir := filepath.Join(work, filepath.FromSlash(s.dir))
				r := run(t, dir, append(append([]string{"GOWORK=", "GOFLAGS=-mod=mod", "GOPROXY=off"}, env...), s.env...), nil, s.args...)
				where := fmt.Sprintf("step %d: archcheck %s", i+1, strings.Join(s.args, " "))
				if r.code != s.code {
					t.Fatalf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", where, r.code, s.code, r.stdout, r.stderr)
				}
				expect(t, where+": stdout", strings.ReplaceAll(string(r.stdout), work, "$WORK"), s.stdout)
				// check's text output ends with a summary line on stderr
				// (pinned by cmd/archcheck's goldens): compared apart.
				stderr := strings.ReplaceAll(string(r.stderr), work, "$WORK")
				if s.args[0] == "check" || len(s.args) > 2 && s.args[2] == "check" {
					if len(r.stdout) > 0 && !slices.Contains(s.args, "--format") && !summaryRE.MatchString(stderr) {
						t.Errorf("%s: no summary line on stderr:\n%s", where, stderr)
					}
					stderr = summaryRE.ReplaceAllString(stderr, "")
				}
				expect(t, where+": stderr", stderr, s.stderr)
				if s.after != nil {
					s.after(t, work)
				}
			}
		})
	}
}

// TestVetWorkspaceConfig is issue 16 item 8 with the real go vet: in a
// go.work workspace, go vet run in m1 over both modules reports m2's
// findings by m2's config, and editing m2's archcheck.yaml (not m1's)
// changes the result instead of replaying go vet's cache.
func TestVetWorkspaceConfig(t *testing.T) {
	needLong(t)
	var tc advCase
	for _, c := range advCases {
		if strings.HasPrefix(c.name, "16.8 ") {
			tc = c
		}
	}
	work := writeModule(t, tc.files)
	env := []string{"GOWORK=" + filepath.Join(work, "go.work"), "GOFLAGS=", "GOPROXY=off"}
	vet := func() string {
		cmd := exec.Command("go", "vet", "-vettool="+archcheck(t), "example.com/m/...", "example.com/m2/...")
		cmd.Dir = filepath.Join(work, "m1")
		cmd.Env = append(os.Environ(), env...)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	before := vet()
	if !strings.Contains(before, "example.com/m2/b") {
		t.Fatalf("go vet did not report m2's dependency finding:\n%s", before)
	}
	writeFile(t, filepath.Join(work, "m2", "archcheck.yaml"), "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n    depends_on: [b]\n  b:\n    packages: [./b/...]\n")
	if after := vet(); strings.Contains(after, "example.com/m2/b") {
		t.Errorf("after m2's config allowed the import, go vet still reports it (a cached result):\n%s", after)
	}
}

// summaryRE is check's summary line on stderr.
var summaryRE = regexp.MustCompile(`(?m)^archcheck: \d+ findings?: \d+ errors?, \d+ warnings? \(.*\n`)

func expect(t *testing.T, what, got, want string) {
	t.Helper()
	switch {
	case want == "-":
	case strings.HasPrefix(want, "~"):
		if !regexp.MustCompile(want[1:]).MatchString(got) {
			t.Errorf("%s does not match %s:\n%s", what, want[1:], got)
		}
	case got != want:
		t.Errorf("%s:\n%s\nwant:\n%s", what, got, want)
	}
}

func prefixed(dir string, files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[dir+"/"+k] = v
	}
	return out
}

func mergeFiles(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links")
	}
	os.Remove(link)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mustExist(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("%s does not exist: %v", path, err)
	}
}

func mustNotExist(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s exists", path)
	}
}

// goIn runs the go command in dir with extra environment.
func goIn(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
