package rules

import (
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte(shopConfig))
	f.Add([]byte("version: 1\n"))
	f.Add([]byte("version: 1\nmodules:\n  a: {packages: [./..., ./a/*/b/...], depends_on: [a, b]}\n  b: {packages: [x/.../y], public: []}\nblocking:\n  network: [a.(*B).C*]\n"))
	f.Add([]byte("a: &x [1]\nversion: *x\nexclude: *x\n"))
	f.Add([]byte("version: 1\n---\n"))
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
		for _, mod := range []string{"example.com/m", "std", ""} {
			cfg.Bind(mod)
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
