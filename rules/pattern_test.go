package rules

import (
	"strings"
	"testing"
)

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern, module, path string
		want                  bool
	}{
		{"x/...", "", "x", true},
		{"x/...", "", "x/y/z", true},
		{"x/...", "", "xy", false},
		{"x/...", "", "xy/z", false},
		{"x/...", "", "", false},
		{"x", "", "x", true},
		{"x", "", "x/y", false},
		{"x/*", "", "x", false},
		{"x/*", "", "x/y", true},
		{"x/*", "", "x/y/z", false},
		{"x/*/z", "", "x/y/z", true},
		{"x/*/z", "", "x/yz", false},
		{"x/.../z", "", "x/z", true},
		{"x/.../z", "", "x/a/b/z", true},
		{"x/.../z", "", "x/a/b/zz", false},
		{"x/.../z/...", "", "x/a/z/b", true},
		{".../z", "", "a/b/z", true},
		{".../z", "", "z", true},
		{"...", "", "anything/at/all", true},
		{"*/.../*", "", "a", false},
		{"*/.../*", "", "a/b", true},
		{"net/...", "", "net/http", true},
		{"net/...", "", "netip", false},
		{"./internal/x/...", "example.com/shop", "example.com/shop/internal/x", true},
		{"./internal/x/...", "example.com/shop", "example.com/shop/internal/x/y", true},
		{"./internal/x/...", "example.com/shop", "example.com/shop/internal/xy", false},
		{"./internal/x/...", "example.com/shop", "internal/x", false},
		{"./...", "example.com/shop", "example.com/shop", true},
		{"./...", "example.com/shop", "example.com/shop/a", true},
		{"./...", "example.com/shop", "example.com/shopping", false},
		{".", "example.com/shop", "example.com/shop", true},
		{".", "example.com/shop", "example.com/shop/a", false},
		{"./internal/*", "example.com/shop", "example.com/shop/internal/a", true},
		{"./strings", "std", "strings", true},
		{"./net/...", "std", "net/http", true},
		{"./net/...", "std", "example.com/net", false},
		{"./...", "std", "strings", true},
		{"./...", "std", "net/http/httptest", true},
		// Unbound relative patterns match nothing.
		{"./internal/x/...", "", "internal/x", false},
		{"./...", "", "x", false},
	}
	for _, tt := range tests {
		p, err := CompilePattern(tt.pattern)
		if err != nil {
			t.Fatalf("CompilePattern(%q): %v", tt.pattern, err)
		}
		p = p.Bind(tt.module)
		if got := p.Match(tt.path); got != tt.want {
			t.Errorf("%q bound to %q: Match(%q) = %v, want %v", tt.pattern, tt.module, tt.path, got, tt.want)
		}
	}
}

func TestCompilePatternErrors(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{"", `empty pattern`},
		{"a//b", `invalid pattern "a//b": has an empty path element`},
		{"a...", `invalid pattern "a...": "..." must be a whole path element`},
		{"x/...y", `invalid pattern "x/...y": "..." must be a whole path element`},
		{"a*b", `invalid pattern "a*b": "*" must be a whole path element`},
		{"x/a*", `invalid pattern "x/a*": "*" must be a whole path element`},
		{"/x", `invalid pattern "/x": starts with a slash`},
		{"x/", `invalid pattern "x/": ends with a slash`},
		{".//x", `invalid pattern ".//x": starts with a slash`},
		{"./", `invalid pattern "./": ends with a slash (write "." for the module root or "./..." for all of it)`},
		{"a b", `invalid pattern "a b": contains whitespace`},
		{" x", `invalid pattern " x": contains whitespace`},
		{"a/./b", `invalid pattern "a/./b": "." elements are not allowed (only a leading "./")`},
		{"./../x", `invalid pattern "./../x": ".." elements are not allowed (only a leading "./")`},
		{"../x", `invalid pattern "../x": ".." elements are not allowed (only a leading "./")`},
		{"x/..", `invalid pattern "x/..": ".." elements are not allowed (only a leading "./")`},
		{"a:b", `invalid pattern "a:b": contains invalid character ':'`},
		{"a\x00b", `invalid pattern "a\x00b": contains invalid character '\x00'`},
		{"a\xffb", `invalid pattern "a\xffb": contains invalid character '�'`},
	}
	for _, tt := range tests {
		_, err := CompilePattern(tt.pattern)
		if err == nil {
			t.Errorf("CompilePattern(%q): no error, want %s", tt.pattern, tt.want)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("CompilePattern(%q):\n got %s\nwant %s", tt.pattern, err, tt.want)
		}
	}
}

func TestPatternValid(t *testing.T) {
	for _, s := range []string{".", "./...", "...", "*", "./x", "github.com/pkg/errors", "gopkg.in/yaml.v3", "x/*/y/...", "example.com/a-b_c~d+e"} {
		if _, err := CompilePattern(s); err != nil {
			t.Errorf("CompilePattern(%q): %v", s, err)
		}
	}
}

func TestPatternZeroValueMatchesNothing(t *testing.T) {
	var p Pattern
	if p.Match("") || p.Match("x") {
		t.Error("zero Pattern matched")
	}
	p = Pattern{Raw: "x"}
	if p.Match("x") {
		t.Error("uncompiled Pattern matched")
	}
}

func TestSpecificity(t *testing.T) {
	// Each pattern is strictly more specific than the next.
	order := []string{
		"a/b/c",   // 3 literals, exact
		"a/b/c/*", // 3 literals, star
		"a/b/c/...",
		"a/*/c/*", // 2 literals, star
		"a/b/...",
		"a",
		"*",
		"...",
	}
	for i := 0; i+1 < len(order); i++ {
		p, q := mustCompile(t, order[i]), mustCompile(t, order[i+1])
		if !p.moreSpecific(&q) || q.moreSpecific(&p) {
			t.Errorf("%q should be more specific than %q", order[i], order[i+1])
		}
	}
	for _, pair := range [][2]string{{"a/...", "b/..."}, {"a/*", "*/b"}, {"a/.../b", "a/b/..."}, {"a/.../*", "a/*/..."}} {
		p, q := mustCompile(t, pair[0]), mustCompile(t, pair[1])
		if !p.sameSpecificity(&q) {
			t.Errorf("%q and %q should have the same specificity", pair[0], pair[1])
		}
	}
}

func mustCompile(t testing.TB, s string) Pattern {
	t.Helper()
	p, err := CompilePattern(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMatchDoesNotAllocate(t *testing.T) {
	pats := []Pattern{
		mustCompile(t, "./internal/x/...").Bind("example.com/shop"),
		mustCompile(t, "example.com/shop/internal/*/y"),
		mustCompile(t, "example.com/.../y/..."),
		mustCompile(t, "example.com/shop/internal/x"),
	}
	path := "example.com/shop/internal/x/y/z"
	allocs := testing.AllocsPerRun(100, func() {
		for _, p := range pats {
			p.Match(path)
		}
	})
	if allocs != 0 {
		t.Errorf("Match allocates %v times per run", allocs)
	}
}

func BenchmarkMatch(b *testing.B) {
	p := mustCompile(b, "example.com/.../internal/*/y/...")
	path := strings.Repeat("a/", 10) + "internal/x/y/z"
	path = "example.com/" + path
	for b.Loop() {
		p.Match(path)
	}
}
