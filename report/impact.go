package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/archcheck/archcheck/graph"
)

// JSONBlocked is one function that blocks on the module's I/O.
type JSONBlocked struct {
	Function string   `json:"function"`
	Module   string   `json:"module"`
	Package  string   `json:"package"`
	Kinds    []string `json:"kinds"`
	Chain    []string `json:"chain"`
	Via      string   `json:"via,omitempty"`
	Depth    int      `json:"depth"`
	Entry    string   `json:"entry,omitempty"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
}

type impactDoc struct {
	Version     string        `json:"version"`
	Schema      int           `json:"schema"`
	Module      string        `json:"module"`
	Operations  []string      `json:"operations"`
	Blocked     []JSONBlocked `json:"blocked"`
	EntryPoints []string      `json:"entry_points"`
}

// WriteImpactJSON writes the `impact --format json` document: every
// blocked function (breadth first from MODULE, with the function it
// blocks through as `via`), and the entry points among them.
func WriteImpactJSON(w io.Writer, version string, im *graph.Impact) error {
	doc := impactDoc{Version: version, Schema: Schema, Module: im.Module,
		Operations: nonNil(im.Operations), Blocked: []JSONBlocked{}, EntryPoints: []string{}}
	for _, b := range im.Blocked {
		doc.Blocked = append(doc.Blocked, JSONBlocked{Function: b.Func, Module: b.Module, Package: b.Package,
			Kinds: kindStrings(b.Kinds), Chain: b.Chain, Via: b.Via, Depth: b.Depth, Entry: b.Entry,
			File: b.File, Line: b.Line, Column: b.Column})
	}
	for _, b := range im.Entries() {
		doc.EntryPoints = append(doc.EntryPoints, b.Func)
	}
	return EncodeJSON(w, doc)
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// WriteImpactText writes the blast radius for people: a tree from the
// direct callers of MODULE up to the entry points (list: one line per
// function with its whole chain), then the entry points.
func WriteImpactText(w io.Writer, im *graph.Impact, list bool) error {
	ew := &errWriter{w: w}
	if len(im.Blocked) == 0 {
		ew.printf("No function of another module blocks on the I/O of %s.\n", im.Module)
		return ew.err
	}
	mods := map[string]bool{}
	for _, b := range im.Blocked {
		mods[b.Module] = true
	}
	verb := "block"
	if len(im.Blocked) == 1 {
		verb = "blocks"
	}
	ew.printf("If the I/O of %s hangs or fails, %s in %s %s on it.\n", im.Module,
		countOf(len(im.Blocked), "function"), countOf(len(mods), "module"), verb)
	ops := make([]string, len(im.Operations))
	for i, op := range im.Operations {
		ops[i] = graph.ShortFunc(op)
	}
	ew.printf("Its blocking operations: %s\n\n", strings.Join(ops, ", "))
	if list {
		for _, b := range im.Blocked {
			ew.printf("%s: %s%s: %s\n", blockedAt(b), graph.ShortFunc(b.Func), entryTag(b), chainText(b))
		}
	} else {
		children := map[string][]graph.Blocked{}
		for _, b := range im.Blocked {
			children[b.Via] = append(children[b.Via], b)
		}
		var walk func(b graph.Blocked, indent string)
		walk = func(b graph.Blocked, indent string) {
			ew.printf("%s%s%s  %s\n", indent, graph.ShortFunc(b.Func), entryTag(b), blockedAt(b))
			if b.Via == "" {
				ew.printf("%s  %s (%s)\n", indent, chainText(b), strings.Join(kindStrings(b.Kinds), ", "))
			}
			for _, c := range children[b.Func] {
				walk(c, indent+"  ")
			}
		}
		for _, b := range children[""] {
			walk(b, "")
		}
	}
	entries := im.Entries()
	ew.printf("\n%s:\n", countOf(len(entries), "entry point"))
	for _, b := range entries {
		ew.printf("  %s (%s, %s)\n", graph.ShortFunc(b.Func), b.Entry, b.Module)
	}
	return ew.err
}

func blockedAt(b graph.Blocked) string {
	if b.File == "" {
		return b.Package
	}
	return b.File + ":" + strconv.Itoa(b.Line)
}

func entryTag(b graph.Blocked) string {
	if b.Entry == "" {
		return ""
	}
	return " [" + b.Entry + "]"
}

func chainText(b graph.Blocked) string {
	names := make([]string, len(b.Chain))
	for i, n := range b.Chain {
		names[i] = graph.ShortFunc(n)
	}
	return strings.Join(names, " → ")
}
