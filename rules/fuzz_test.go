package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// fuzzTree is a small module tree for templates to expand against.
func fuzzTree(f *testing.F) string {
	root := f.TempDir()
	for _, p := range []string{"go.mod", "x/a/a.go", "x/b/sub/b.go", "internal/billing/b.go", "internal/checkout/c.go", "cmd/app/m.go"} {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("package x\n"), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	return root
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(shopConfig))
	f.Add([]byte("version: 1\n"))
	f.Add([]byte("version: 1\nmodules:\n  a: {packages: [./..., ./a/*/b/...], depends_on: [a, b]}\n  b: {packages: [x/.../y], public: []}\nblocking:\n  network: [a.(*B).C*]\n"))
	f.Add([]byte("a: &x [1]\nversion: *x\nexclude: *x\n"))
	f.Add([]byte("version: 1\n---\n"))
	f.Add([]byte(templateConfig))
	f.Add([]byte("version: 1\nlayers: [a, b]\nclosed: [b]\nmodules:\n  t: {each: ./x/*, layer: a, depends_on: [t], packages: [./x/{name}/...]}\n  y: {depends_on: [t]}\n  b: {packages: [./b], layer: b}\n"))
	root := fuzzTree(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("archcheck.yaml", data)
		if err != nil {
			if cfg != nil {
				t.Fatal("config returned with an error")
			}
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		cfg.SetRoot(root)
		for _, mod := range []string{"example.com/m", "std", ""} {
			cfg.Bind(mod)
			for _, a := range cfg.Modules {
				for _, b := range cfg.Modules {
					if msg := cfg.LayerViolation(a, b, "x"); msg != "" && a.Layer == "" {
						t.Fatalf("layer finding for %s, which has no layer: %s", a.Name, msg)
					}
					cfg.MayDepend(a, b)
				}
			}
			for _, p := range []string{"", "example.com/m", "example.com/m/a/b/c", "a", "x/y", "net/http", "a/x/b"} {
				m := cfg.ModuleOf(p)
				if m != nil && cfg.Excluded(p) {
					t.Fatalf("excluded %q assigned to %s", p, m.Name)
				}
				cfg.IsPublic(m, p)
				cfg.ForbiddenImport(m, p)
				cfg.IsEvent(p)
				cfg.InMainModule(p)
			}
			if _, err := cfg.CheckPackages([]string{"example.com/m/a", "a", "x/y"}); err != nil && err.Error() == "" {
				t.Fatal("empty CheckPackages error")
			}
		}
	})
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"./...", "x/...", "a/*/b", ".", "./internal/x", "github.com/pkg/errors", "a//b", "...x", "*/.../*", "a/.../b/.../c"} {
		f.Add(s, "a/b/c")
	}
	f.Fuzz(func(t *testing.T, raw, path string) {
		p, err := CompilePattern(raw)
		if err != nil {
			return
		}
		for _, mod := range []string{"", "std", "example.com/m"} {
			b := p.Bind(mod)
			if b.Bound() {
				var pathElems []string
				if path != "" {
					pathElems = strings.Split(path, "/")
				}
				if got, want := b.Match(path), refMatch(b.elems, pathElems); got != want {
					t.Fatalf("%q bound to %q: Match(%q) = %v, reference says %v", raw, mod, path, got, want)
				}
			} else if b.Match(path) {
				t.Fatalf("unbound %q matches %q", raw, path)
			}
			lit := b.rank == rankExact
			if !lit || !b.Bound() {
				continue
			}
			// A pattern without wildcards matches exactly its own path.
			own := strings.Join(b.elems, "/")
			if !b.Match(own) {
				t.Fatalf("%q bound to %q does not match its own path %q", raw, mod, own)
			}
			if path != own && b.Match(path) {
				t.Fatalf("%q bound to %q matches %q", raw, mod, path)
			}
		}
		if !p.Relative() && p.rank == rankExact && !p.Match(raw) {
			t.Fatalf("%q does not match itself", raw)
		}
	})
}

// refMatch is a slow, obviously correct reference for Pattern.Match.
func refMatch(elems, path []string) bool {
	if len(elems) == 0 {
		return len(path) == 0
	}
	switch elems[0] {
	case dots:
		for i := 0; i <= len(path); i++ {
			if refMatch(elems[1:], path[i:]) {
				return true
			}
		}
		return false
	case star:
		return len(path) > 0 && refMatch(elems[1:], path[1:])
	}
	return len(path) > 0 && path[0] == elems[0] && refMatch(elems[1:], path[1:])
}

// FuzzEditLists edits arbitrary YAML: never a panic; when it succeeds, the
// result is YAML, and the same edit applied again changes nothing.
func FuzzEditLists(f *testing.F) {
	f.Add([]byte(syncSrc), "a", "depends_on", "x", "b")
	f.Add([]byte(syncSrc), "c", "depends_on", "", "a")
	f.Add([]byte(syncSrc), "b", "allow_sync", "q", "")
	f.Add([]byte("version: 1\nmodules:\n  a: {packages: [./a], depends_on: [\"b\", 'c']}\n"), "a", "depends_on", "d", "b")
	f.Fuzz(func(t *testing.T, data []byte, module, field, add, remove string) {
		if !validModuleName(add) || !validModuleName(module) {
			return // sync writes module names only
		}
		field = []string{"depends_on", "allow_sync"}[len(field)%2]
		e := ListEdit{Module: module, Field: field, Add: []string{add}}
		if remove != "" {
			e.Remove = []string{remove}
		}
		out, err := EditLists(data, []ListEdit{e})
		if err != nil {
			return
		}
		var v any
		if err := yaml.Unmarshal(protectPlaceholders(out), &v); err != nil {
			t.Fatalf("edited text is not YAML: %v\n%s", err, out)
		}
		again, err := EditLists(out, []ListEdit{{Module: module, Field: field, Add: []string{add}}})
		if err != nil {
			t.Fatalf("second edit fails: %v\n%s", err, out)
		}
		if string(again) != string(out) {
			t.Fatalf("second edit changed the file:\n%s\n---\n%s", out, again)
		}
	})
}
