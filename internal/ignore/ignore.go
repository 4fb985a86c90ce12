// Package ignore finds `//archcheck:ignore RULE[,RULE] reason` comments in
// syntax trees, so analyzers can honour them when they report under go vet or
// golangci-lint.
package ignore

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Directive is the marker that starts an ignore comment.
const Directive = "archcheck:ignore"

// Comment is one parsed ignore comment.
type Comment struct {
	Pos    token.Pos
	File   string
	Line   int
	Rules  []string
	Reason string
	Err    error // malformed: unknown rule or missing reason
	// Until is the comment's until= date ("" for none); once it has
	// passed (rules.Expired), the comment is Expired and suppresses
	// nothing.
	Until   string
	Expired bool
}

// Index holds the ignore comments of a set of files.
type Index struct {
	byLine map[fileLine][]*Comment
	All    []*Comment
}

type fileLine struct {
	file string
	line int
}

// Parse returns the text after the directive if c is an ignore comment.
func Parse(text string) (rest string, ok bool) {
	text = strings.TrimPrefix(text, "//")
	if !strings.HasPrefix(text, Directive) {
		return "", false
	}
	return text[len(Directive):], true
}

// New indexes the ignore comments of files.
func New(fset *token.FileSet, files []*ast.File) *Index {
	idx := &Index{byLine: map[fileLine][]*Comment{}}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := Parse(c.Text)
				if !ok {
					continue
				}
				p := fset.Position(c.Slash)
				ids, until, reason, err := rules.ParseIgnoreUntil(rest)
				ic := &Comment{Pos: c.Slash, File: p.Filename, Line: p.Line, Rules: ids, Reason: reason, Err: err,
					Until: until, Expired: rules.Expired(until)}
				idx.All = append(idx.All, ic)
				k := fileLine{p.Filename, p.Line}
				idx.byLine[k] = append(idx.byLine[k], ic)
			}
		}
	}
	return idx
}

// Suppressed reports whether a finding of rule at pos is suppressed by a
// well-formed ignore comment on its line or the line above.
func (idx *Index) Suppressed(fset *token.FileSet, rule string, pos token.Pos) bool {
	return idx.Match(fset.Position(pos), rule) != nil
}

// Match returns the ignore comment that suppresses a finding of rule at p, if any.
func (idx *Index) Match(p token.Position, rule string) *Comment {
	if idx == nil || len(idx.byLine) == 0 {
		return nil
	}
	for _, line := range [2]int{p.Line, p.Line - 1} {
		for _, c := range idx.byLine[fileLine{p.Filename, line}] {
			if c.Err != nil || c.Expired {
				continue
			}
			for _, r := range c.Rules {
				if r == rule {
					return c
				}
			}
		}
	}
	return nil
}
