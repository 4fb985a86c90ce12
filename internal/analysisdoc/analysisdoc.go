// Package analysisdoc extracts an analyzer's documentation from its
// package's doc.go, the way x/tools' passes do: the "# Analyzer NAME"
// section of the package comment, without its "NAME: " prefix, so the doc
// lives in one place and `go doc` and `Analyzer.Doc` agree.
package analysisdoc

import (
	"go/parser"
	"go/token"
	"strings"
)

// Extract returns the "# Analyzer name" section of the package comment in
// src (a doc.go), without the leading "name: "; the whole comment when it
// has no such section; name when src has no package comment.
func Extract(src, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		return name
	}
	text := f.Doc.Text()
	for sec := range strings.SplitSeq(text, "\n# ") {
		body, ok := strings.CutPrefix(sec, "Analyzer "+name+"\n")
		if !ok {
			continue
		}
		body = strings.TrimSpace(body)
		if rest, ok := strings.CutPrefix(body, name+":"); ok {
			return strings.TrimSpace(rest)
		}
		return body
	}
	return strings.TrimSpace(text)
}
