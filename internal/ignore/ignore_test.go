package ignore

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

// TestUntil: a comment with until= suppresses up to and including its date
// and is Expired after it; a malformed date makes the comment malformed.
func TestUntil(t *testing.T) {
	const src = `package p

import _ "a" //archcheck:ignore dependency until=2026-03-31 the split lands in March

//archcheck:ignore dependency until=2026-02-30 no such day
import _ "b"
`
	t.Cleanup(func() { _ = rules.SetToday("") }) // "" never fails
	for _, tt := range []struct {
		today      string
		suppressed bool
	}{
		{"2026-03-30", true},
		{"2026-03-31", true},
		{"2026-04-01", false},
	} {
		if err := rules.SetToday(tt.today); err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		idx := New(fset, []*ast.File{f})
		c := idx.Match(token.Position{Filename: "p.go", Line: 3}, rules.RuleDependency)
		if got := c != nil; got != tt.suppressed {
			t.Errorf("today %s: suppressed %v, want %v", tt.today, got, tt.suppressed)
		}
		if len(idx.All) != 2 || idx.All[0].Until != "2026-03-31" || idx.All[0].Expired == tt.suppressed {
			t.Errorf("today %s: comment %+v", tt.today, idx.All[0])
		}
		if idx.All[1].Err == nil || idx.Match(token.Position{Filename: "p.go", Line: 6}, rules.RuleDependency) != nil {
			t.Errorf("a bad until= date should make the comment malformed: %+v", idx.All[1])
		}
	}
}
