package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// stdLayers is a six-layer config of the standard library in the spirit of
// go/build/deps_test.go, written with layers and templates (issue 21): each
// template is one module per directory of encoding/, compress/, crypto/ and
// go/, and a template's name in depends_on lets its modules use each other.
// Under 40 lines. std's internal packages and testing (imported by every
// test file, which archcheck counts and deps_test.go does not) are left out.
const stdLayers = `version: 1
layers: [app, net, codec, os, core, runtime]
modules:
  app:
    packages: [./net/http/..., ./html/..., ./text/template/..., ./flag, ./log/..., ./expvar, ./net/rpc/..., ./database/...]
    layer: app
  net:
    packages: [./net/..., ./crypto/tls/..., ./crypto/x509/..., ./mime/...]
    layer: net
  codec:
    each: ./encoding/*
    layer: codec
  compress:
    each: ./compress/*
    layer: codec
    depends_on: [compress, os, core, runtime]
  crypto:
    each: ./crypto/*
    exclude_each: [./crypto/tls, ./crypto/x509, ./crypto/internal]
    layer: codec
    depends_on: [crypto, os, core, runtime]
  gotools:
    each: ./go/*
    exclude_each: [./go/internal]
    layer: codec
    depends_on: [gotools, os, core, runtime]
  os:
    packages: [./os/..., ./fmt, ./time/..., ./io/..., ./path/..., ./bufio, ./context, ./syscall/..., ./runtime/..., ./math/...]
    layer: os
  core:
    packages: [./errors, ./io, ./sync/..., ./strings, ./bytes, ./strconv, ./unicode/..., ./math, ./math/bits, ./sort, ./slices, ./maps, ./iter, ./cmp, ./container/..., ./reflect]
    layer: core
  runtime:
    packages: [./runtime, ./unsafe]
    layer: runtime
exclude: [./internal/..., ./crypto/internal/..., ./go/internal/..., ./vendor/..., ./testing/...]
`

// stdTemplates are the templates of stdLayers: directory, layer, excluded
// subdirectories.
var stdTemplates = []struct {
	name, dir, layer, deps string
	exclude                []string
}{
	{"codec", "encoding", "codec", "", nil},
	{"compress", "compress", "codec", "compress", nil},
	{"crypto", "crypto", "codec", "crypto", []string{"tls", "x509", "internal"}},
	{"gotools", "go", "codec", "gotools", []string{"internal"}},
}

// spelledOut writes stdLayers with every template replaced by its modules,
// one entry each, listed here from the directories (a directory holding Go
// files, in it or below, is a module, as the SPEC's expansion says).
func spelledOut(t *testing.T, src string) string {
	t.Helper()
	var mods strings.Builder
	for _, tm := range stdTemplates {
		var names []string
		ents, err := os.ReadDir(filepath.Join(src, tm.dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			name := e.Name()
			if !e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || containsStr(tm.exclude, name) || !hasGoFiles(filepath.Join(src, tm.dir, name)) {
				continue
			}
			names = append(names, name)
		}
		for _, name := range names {
			fmt.Fprintf(&mods, "  %s:\n    packages: [./%s/%s/...]\n    layer: %s\n", name, tm.dir, name, tm.layer)
			if tm.deps != "" {
				// The template's name stands for its other modules.
				var deps []string
				for _, n := range names {
					if n != name {
						deps = append(deps, n)
					}
				}
				fmt.Fprintf(&mods, "    depends_on: [%s]\n", strings.Join(append(deps, "os", "core", "runtime"), ", "))
			}
		}
	}
	// Drop the template entries (from "  codec:" to "  os:") and put the
	// modules there.
	start, end := strings.Index(stdLayers, "  codec:\n"), strings.Index(stdLayers, "  os:\n")
	return stdLayers[:start] + mods.String() + stdLayers[end:]
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasGoFiles(dir string) bool {
	found := false
	// The walk's own error is always nil: fn returns only nil or SkipDir.
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipDir
		}
		if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".go") {
			found = true
		}
		return nil
	})
	return found
}

// TestStdLayersTemplates checks std with stdLayers and with the same config
// spelled out module by module: the layer and dependency findings are the
// same, line for line (issue 21's target), and there are some.
func TestStdLayersTemplates(t *testing.T) {
	src := filepath.Join(goCmd(t, ".", "env", "GOROOT"), "src")
	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		t.Skipf("no GOROOT/src: %v", err)
	}
	if n := strings.Count(stdLayers, "\n"); n >= 40 {
		t.Fatalf("the templated config has %d lines, want under 40", n)
	}
	dir := t.TempDir()
	templated, explicit := filepath.Join(dir, "templated.yaml"), filepath.Join(dir, "explicit.yaml")
	if err := os.WriteFile(templated, []byte(stdLayers), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(explicit, []byte(spelledOut(t, src)), 0o644); err != nil {
		t.Fatal(err)
	}
	type finding struct{ Rule, FromModule, ToModule, File, Message string }
	findings := func(config string) []finding {
		r := run(t, src, nil, []int{0, 1}, "check", "--config", config, "--rules", "layer,dependency", "--format", "json", "std")
		var out struct {
			Findings []struct {
				Rule       string `json:"rule"`
				FromModule string `json:"from_module"`
				ToModule   string `json:"to_module"`
				File       string `json:"file"`
				Line       int    `json:"line"`
				Message    string `json:"message"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(r.stdout, &out); err != nil {
			t.Fatalf("%v: %v", r, err)
		}
		var fs []finding
		for _, f := range out.Findings {
			fs = append(fs, finding{f.Rule, f.FromModule, f.ToModule, fmt.Sprintf("%s:%d", f.File, f.Line), f.Message})
		}
		return fs
	}
	got, want := findings(templated), findings(explicit)
	layers := 0
	for _, f := range got {
		if f.Rule == "layer" {
			layers++
		}
	}
	if layers == 0 {
		t.Errorf("no layer finding on std: the comparison says little")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("templated and spelled-out configs differ:\ntemplated (%d):\n%v\nspelled out (%d):\n%v", len(got), got, len(want), want)
	}
	t.Logf("%d findings, %d of them layer", len(got), layers)
}
