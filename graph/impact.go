package graph

import (
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Why a blocked function is an entry point.
const (
	EntryMain     = "main"         // func main of a main package
	EntryInit     = "init"         // a package initialiser
	EntryHTTP     = "http-handler" // func(http.ResponseWriter, *http.Request), or registered with a mux
	EntryExported = "exported"     // an exported function or method of an exported type
)

// Blocked is a function of another module that blocks when MODULE's I/O
// does.
type Blocked struct {
	Func    string // fully qualified
	Module  string
	Package string
	Kinds   []rules.Kind // the kinds of MODULE's I/O it waits on, canonical order
	// Chain runs from Func to the blocking operation MODULE performs, every
	// element fully qualified; the shortest known, ties broken lexically.
	Chain []string
	// Via is the blocked function Func calls on its way to MODULE; "" when
	// it calls into MODULE directly.
	Via   string
	Depth int // 0 for direct callers of MODULE
	// File, Line, Column locate Func's call on the chain (relative to the
	// main module root); empty when found by name in the source.
	File         string
	Line, Column int
	Entry        string // why it is an entry point; "" when it is not one
}

// Impact is the blast radius of one module's I/O.
type Impact struct {
	Module     string
	Operations []string  // MODULE's blocking operations that others wait on, sorted
	Blocked    []Blocked // by depth, then Func
}

// Entries returns the blocked functions that are entry points.
func (im *Impact) Entries() []Blocked {
	var out []Blocked
	for _, b := range im.Blocked {
		if b.Entry != "" {
			out = append(out, b)
		}
	}
	return out
}

// ComputeImpact finds the functions of other modules that block on
// module's I/O — the blocking operations its own functions perform — and
// climbs from them to their callers up to the entry points.
//
// The direct callers come from g.Calls: calls into module whose chain
// ends in a blocking operation performed by a function of module. From
// each blocked function the climb follows the recorded calls of other
// modules into it, and, by name in the source of its own package, the
// functions that call it there (graph.Calls holds only calls between
// modules). It stops at functions with no caller.
func ComputeImpact(g *Graph, module string) (*Impact, error) {
	if !slices.Contains(g.Modules, module) {
		return nil, fmt.Errorf("unknown module %q (modules: %s)", module, strings.Join(g.Modules, ", "))
	}
	w := &impactWalk{g: g, module: module, found: map[string]*Blocked{}, srcs: map[string]*pkgSource{}}
	im := &Impact{Module: module}
	ops := map[string]bool{}
	for _, c := range g.Calls {
		if c.Publish || c.ToModule != module || c.FromModule == module || c.FromModule == "" {
			continue
		}
		b := Blocked{Func: c.Caller, Module: c.FromModule, Package: c.FromPkg, File: c.File, Line: c.Line, Column: c.Column}
		for _, k := range rules.Kinds {
			ch := c.Chains[k]
			if len(ch) < 3 || g.Module[FuncPackage(ch[len(ch)-2])] != module {
				continue
			}
			b.Kinds = append(b.Kinds, k)
			ops[ch[len(ch)-1]] = true
			if b.Chain == nil || len(ch) < len(b.Chain) {
				b.Chain = ch
			}
		}
		if b.Chain != nil {
			w.offer(b)
		}
	}
	im.Operations = sortedKeys(ops)
	w.climb()
	im.Blocked = w.sorted()
	return im, nil
}

type impactWalk struct {
	g      *Graph
	module string
	found  map[string]*Blocked
	srcs   map[string]*pkgSource // by package path, parsed on demand
}

// offer records b, merging the kinds of an earlier record of the same
// function and keeping the better chain.
func (w *impactWalk) offer(b Blocked) {
	old, ok := w.found[b.Func]
	if !ok {
		w.found[b.Func] = &b
		return
	}
	kinds := old.Kinds
	for _, k := range b.Kinds {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	slices.SortFunc(kinds, func(x, y rules.Kind) int { return kindIndex(x) - kindIndex(y) })
	if better(b, *old) {
		*old = b
	}
	old.Kinds = kinds
}

func better(a, b Blocked) bool {
	if a.Depth != b.Depth {
		return a.Depth < b.Depth
	}
	if len(a.Chain) != len(b.Chain) {
		return len(a.Chain) < len(b.Chain)
	}
	if x, y := strings.Join(a.Chain, "\x00"), strings.Join(b.Chain, "\x00"); x != y {
		return x < y
	}
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

// climb runs breadth first from the direct callers, in name order at each
// depth, so the result does not depend on map order.
func (w *impactWalk) climb() {
	frontier := w.sortedNames()
	for depth := 1; len(frontier) > 0; depth++ {
		var next []string
		for _, name := range frontier {
			child := *w.found[name]
			for _, b := range w.callersOf(child) {
				b.Depth = depth
				b.Via = child.Func
				b.Chain = append([]string{b.Func}, child.Chain...)
				b.Kinds = slices.Clone(child.Kinds)
				if _, seen := w.found[b.Func]; seen {
					continue // found at a lower depth, or earlier at this one
				}
				w.offer(b)
				next = append(next, b.Func)
			}
		}
		sort.Strings(next)
		frontier = next
	}
	for _, b := range w.found {
		b.Entry = w.entry(b)
	}
}

// callersOf returns the functions outside MODULE that call the blocked
// function: recorded calls from other modules, and calls by name in its
// own package.
func (w *impactWalk) callersOf(child Blocked) []Blocked {
	var out []Blocked
	for _, c := range w.g.Calls {
		if c.Callee == child.Func && !c.Publish && c.FromModule != w.module && c.FromModule != "" {
			out = append(out, Blocked{Func: c.Caller, Module: c.FromModule, Package: c.FromPkg,
				File: c.File, Line: c.Line, Column: c.Column})
		}
	}
	p := w.g.Index[child.Package]
	if p == nil {
		return out
	}
	src := w.source(p)
	local := localOf(child.Func, p.ImportPath)
	if local == "" {
		return out
	}
	callers := sortedPosKeys(src.callers[bareName(local)])
	for _, caller := range callers {
		if caller == local {
			continue
		}
		full := qualify(p.ImportPath, caller)
		pos := src.fset.Position(src.callers[bareName(local)][caller])
		b := Blocked{Func: full, Module: child.Module, Package: p.ImportPath}
		if pos.IsValid() && w.g.Main != nil {
			b.File, b.Line, b.Column = w.g.Main.RelPath(pos.Filename), pos.Line, pos.Column
		}
		out = append(out, b)
	}
	return out
}

func sortedPosKeys(m map[string]token.Pos) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (w *impactWalk) source(p *Package) *pkgSource {
	s, ok := w.srcs[p.ImportPath]
	if !ok {
		s = parsePackage(p)
		w.srcs[p.ImportPath] = s
	}
	return s
}

// localOf strips the package from a fully qualified name: "F", "T.M",
// "(*T).M"; "" if the name is not of package pkg.
func localOf(full, pkg string) string {
	if rest, ok := strings.CutPrefix(full, "(*"+pkg+"."); ok {
		return "(*" + rest
	}
	if rest, ok := strings.CutPrefix(full, "("+pkg+"."); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(full, pkg+"."); ok {
		return rest
	}
	return ""
}

// qualify is the inverse of localOf.
func qualify(pkg, local string) string {
	if rest, ok := strings.CutPrefix(local, "(*"); ok {
		return "(*" + pkg + "." + rest
	}
	return pkg + "." + local
}

// entry classifies a blocked function as an entry point.
func (w *impactWalk) entry(b *Blocked) string {
	p := w.g.Index[b.Package]
	local := ""
	if p != nil {
		local = localOf(b.Func, p.ImportPath)
	}
	if local == "" {
		return ""
	}
	switch {
	case local == "main" && p.Name == "main":
		return EntryMain
	case local == "init":
		return EntryInit
	case w.source(p).isHTTPHandler(local):
		return EntryHTTP
	case exportedLocal(local):
		return EntryExported
	}
	return ""
}

// exportedLocal reports whether "F", "T.M" or "(*T).M" is exported: the
// name and, for a method, its receiver type.
func exportedLocal(local string) bool {
	recv, name, ok := strings.Cut(strings.TrimPrefix(local, "(*"), ".")
	if !ok {
		return token.IsExported(recv)
	}
	return token.IsExported(strings.TrimSuffix(recv, ")")) && token.IsExported(name)
}

func (w *impactWalk) sortedNames() []string {
	out := make([]string, 0, len(w.found))
	for k := range w.found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (w *impactWalk) sorted() []Blocked {
	out := make([]Blocked, 0, len(w.found))
	for _, name := range w.sortedNames() {
		out = append(out, *w.found[name])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Depth < out[j].Depth })
	return out
}
