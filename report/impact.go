package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/insight"
)

// JSONBlocked is one function that blocks through the module (or the
// external API).
type JSONBlocked struct {
	Function    string   `json:"function"`
	Module      string   `json:"module"`
	Package     string   `json:"package"`
	Kinds       []string `json:"kinds"`
	Chain       []string `json:"chain"`
	Via         string   `json:"via,omitempty"`
	Depth       int      `json:"depth"`
	Sites       int      `json:"sites,omitempty"`
	Entry       string   `json:"entry,omitempty"`
	EntryPoints []string `json:"entry_points"`
	File        string   `json:"file,omitempty"`
	Line        int      `json:"line,omitempty"`
	Column      int      `json:"column,omitempty"`
}

// JSONImpactModule sums up one blocked module.
type JSONImpactModule struct {
	Module        string `json:"module"`
	BlockingCalls int    `json:"blocking_calls"`
	Functions     int    `json:"functions"`
	EntryPoints   int    `json:"entry_points"`
}

type impactDoc struct {
	Version     string             `json:"version"`
	Schema      int                `json:"schema"`
	Module      string             `json:"module,omitempty"`
	External    string             `json:"external,omitempty"`
	Resolution  string             `json:"resolution"`
	Operations  []string           `json:"operations"`
	Modules     []JSONImpactModule `json:"modules"`
	Blocked     []JSONBlocked      `json:"blocked"`
	EntryPoints []string           `json:"entry_points"`
}

// WriteImpactJSON writes the `impact --format json` document (README:
// "impact --format json"): the blocked modules with their blocking call
// sites into MODULE, every blocked function (breadth first from MODULE,
// with the function it blocks through as `via` and the entry points it
// blocks), and the entry points among them.
func WriteImpactJSON(w io.Writer, version string, im *insight.Impact) error {
	doc := impactDoc{Version: version, Schema: Schema, Module: im.Module, External: im.External, Resolution: im.Resolution,
		Operations: nonNil(im.Operations), Modules: []JSONImpactModule{}, Blocked: []JSONBlocked{}, EntryPoints: []string{}}
	for _, m := range im.Modules {
		doc.Modules = append(doc.Modules, JSONImpactModule{Module: m.Module, BlockingCalls: m.BlockingCalls,
			Functions: m.Functions, EntryPoints: m.EntryPoints})
	}
	for _, b := range im.Blocked {
		doc.Blocked = append(doc.Blocked, JSONBlocked{Function: b.Func, Module: b.Module, Package: b.Package,
			Kinds: kindStrings(b.Kinds), Chain: b.Chain, Via: b.Via, Depth: b.Depth, Sites: b.Sites, Entry: b.Entry,
			EntryPoints: nonNil(b.EntryPoints), File: b.File, Line: b.Line, Column: b.Column})
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

// impactSubject names what impact follows: "notifications",
// "net/smtp (external)".
func impactSubject(im *insight.Impact) string {
	if im.External != "" {
		return im.External
	}
	return im.Module
}

// WriteImpactText writes the blast radius for people: per blocked module
// (declaration order) its blocking call sites into MODULE, then each of
// its functions with the shortest chain through MODULE and the entry
// points it blocks (list: one line per function with its whole chain).
func WriteImpactText(w io.Writer, im *insight.Impact, list bool) error {
	ew := &errWriter{w: w}
	subject := impactSubject(im)
	if len(im.Blocked) == 0 {
		if im.External != "" {
			ew.printf("No function of the main module blocks on %s.\n", subject)
		} else {
			ew.printf("No function of another module blocks through %s.\n", subject)
		}
		return ew.err
	}
	verb := "block"
	if len(im.Blocked) == 1 {
		verb = "blocks"
	}
	ew.printf("If %s hangs or fails, %s in %s %s on it.\n", subject,
		countOf(len(im.Blocked), "function"), countOf(len(im.Modules), "module"), verb)
	ops := make([]string, len(im.Operations))
	for i, op := range im.Operations {
		ops[i] = graph.ShortFuncNamed(op, im.Names)
	}
	if im.External != "" {
		ew.printf("Entered at: %s\n", strings.Join(ops, ", "))
	} else {
		ew.printf("Blocking operations reached through it: %s\n", strings.Join(ops, ", "))
	}
	if list {
		ew.printf("\n")
		for _, b := range im.Blocked {
			ew.printf("%s: %s%s: %s\n", blockedAt(b), graph.ShortFuncNamed(b.Func, im.Names), entryTag(b), chainText(b, im))
		}
	} else {
		i := 0
		for _, m := range im.Modules {
			name := m.Module
			if name == "" {
				name = "(no module)"
			}
			head := name + ": " + countOf(m.Functions, "function")
			if m.BlockingCalls > 0 {
				head += ", " + countOf(m.BlockingCalls, "blocking call site") + " into " + subject
			}
			ew.printf("\n%s\n", head)
			for ; i < len(im.Blocked) && im.Blocked[i].Module == m.Module; i++ {
				b := im.Blocked[i]
				ew.printf("  %s%s  %s\n", graph.ShortFuncNamed(b.Func, im.Names), entryTag(b), blockedAt(b))
				if len(b.Kinds) > 0 {
					ew.printf("    %s (%s)\n", chainText(b, im), strings.Join(kindStrings(b.Kinds), ", "))
				} else {
					ew.printf("    %s\n", chainText(b, im))
				}
				if eps := others(b.EntryPoints, b.Func); len(eps) > 0 {
					ew.printf("    blocks %s\n", shortList(eps, 3, im.Names))
				}
			}
		}
	}
	entries := im.Entries()
	ew.printf("\n%s:\n", countOf(len(entries), "entry point"))
	for _, b := range entries {
		ew.printf("  %s (%s, %s)\n", graph.ShortFuncNamed(b.Func, im.Names), b.Entry, b.Module)
	}
	return ew.err
}

// others drops self from the entry points.
func others(eps []string, self string) []string {
	var out []string
	for _, e := range eps {
		if e != self {
			out = append(out, e)
		}
	}
	return out
}

// shortList names up to n functions, then "and N more".
func shortList(fns []string, n int, names map[string]string) string {
	var parts []string
	for i, f := range fns {
		if i == n {
			parts = append(parts, strconv.Itoa(len(fns)-n)+" more")
			break
		}
		parts = append(parts, graph.ShortFuncNamed(f, names))
	}
	return andJoin(parts)
}

func blockedAt(b insight.Blocked) string {
	if b.File == "" {
		return b.Package
	}
	return b.File + ":" + strconv.Itoa(b.Line)
}

func entryTag(b insight.Blocked) string {
	if b.Entry == "" {
		return ""
	}
	return " [" + b.Entry + "]"
}

// chainText writes a chain with short names; a dependency's internals
// between the call that enters it and the blocking operation are elided
// ("…"; JSON keeps them).
func chainText(b insight.Blocked, im *insight.Impact) string {
	chain, mainPath := b.Chain, im.Main
	if mainPath != "" && mainPath != "std" {
		for i := 1; i < len(chain)-2; i++ {
			if p := graph.FuncPackage(chain[i]); p != mainPath && !strings.HasPrefix(p, mainPath+"/") {
				chain = append(append(chain[:i+1:i+1], "…"), chain[len(chain)-1])
				break
			}
		}
	}
	names := make([]string, len(chain))
	for i, n := range chain {
		names[i] = graph.ShortFuncNamed(n, im.Names)
	}
	return strings.Join(names, " → ")
}
