package analysisdoc

import "testing"

func TestExtract(t *testing.T) {
	const src = `// Package p does things.
//
// # Analyzer thing
//
// thing: find things
//
// It finds them all.
//
// # Other
//
// Not this.
package p
`
	for _, c := range []struct{ src, name, want string }{
		{src, "thing", "find things\n\nIt finds them all."},
		{"// Package p has no section.\npackage p\n", "thing", "Package p has no section."},
		{"package p\n", "thing", "thing"},
		{"not go", "thing", "thing"},
	} {
		if got := Extract(c.src, c.name); got != c.want {
			t.Errorf("Extract(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
