package insight

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// Why a blocked function is an entry point.
const (
	EntryMain     = "main"         // func main of a main package
	EntryInit     = "init"         // a package initialiser
	EntryHTTP     = "http-handler" // func(http.ResponseWriter, *http.Request), or registered with a mux
	EntryExported = "exported"     // an exported function or method of an exported type
	// EntryCallback is a function literal nothing calls statically: stored
	// (cobra's RunE, an HTTP route, a struct field) for a framework to call.
	EntryCallback = "callback"
)

// Blocked is a function that blocks when the I/O reached through MODULE
// (or the external API) hangs.
type Blocked struct {
	Func    string // fully qualified
	Module  string
	Package string
	Kinds   []rules.Kind // the kinds of I/O it waits on through MODULE, canonical order
	// Chain runs from Func through MODULE to a blocking operation, every
	// element fully qualified; the shortest known, ties broken lexically.
	Chain []string
	// Via is the blocked function Func calls on its way to MODULE; "" when
	// it calls into MODULE directly.
	Via   string
	Depth int // 0 for direct callers of MODULE
	// Sites counts Func's blocking call sites into MODULE (direct callers
	// only): summed per module, they are the module edge's blocking_calls.
	Sites int
	// File, Line, Column locate Func's call on the chain (relative to the
	// main module root); empty when unknown.
	File         string
	Line, Column int
	Entry        string // why it is an entry point; "" when it is not one
	// EntryPoints are the entry points that block through Func: the entry
	// points among the functions that reach it (itself included), sorted.
	EntryPoints []string
}

// ImpactModule sums up one module's blocked functions.
type ImpactModule struct {
	Module string
	// BlockingCalls is the number of its blocking call sites into MODULE:
	// the module edge's blocking_calls (SPEC "One set of numbers"); 0 for
	// --external and for modules blocked only through others.
	BlockingCalls int
	Functions     int
	EntryPoints   int
}

// Impact is the blast radius of one module's I/O, or of an external API.
type Impact struct {
	Module   string // "" for --external
	External string // the pattern of --external
	// Operations are the blocking operations reached through MODULE, sorted.
	Operations []string
	Modules    []ImpactModule // declaration order
	Blocked    []Blocked      // by module (declaration order), depth, then Func
	// Resolution says how the climb found callers: always "typed", the
	// sync-call analysis' call sites of every package (Graph.Sites); kept
	// in the JSON output, whose readers may check it.
	Resolution string
	// Main is the main module's path, for shortening chains.
	Main string
	// Names are the package names that are not their path's last element
	// (graph.Graph.PkgNames), for shortening names as check does.
	Names map[string]string `json:"-"`
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

// Target says whose I/O impact follows: Module names a declared module,
// External a dependency or blocking API as a package pattern
// (`net/smtp`, `github.com/stripe/...`).
type Target struct {
	Module   string
	External string
}

// ComputeImpact finds every function outside module that can block
// through it, directly or through other modules and dependencies, with
// the shortest chain through module and the entry points it blocks.
//
// The direct callers are the blocking call sites into module from the
// sync-call analysis (g.Calls): exactly the sites counted as the module
// edges' blocking_calls, so impact lists every caller that check's
// sync-call reports for module with every kind enabled. From each
// blocked function the climb follows the synchronous call sites that
// reach it (see callIndex), breadth first, to functions nothing calls.
func ComputeImpact(g *graph.Graph, module string) (*Impact, error) {
	return ComputeImpactOf(g, Target{Module: module})
}

// ComputeImpactOf is ComputeImpact for a module or an external API.
func ComputeImpactOf(g *graph.Graph, t Target) (*Impact, error) {
	if t.External == "" && !slices.Contains(g.Modules, t.Module) {
		return nil, fmt.Errorf("unknown module %q (modules: %s)", t.Module, strings.Join(g.Modules, ", "))
	}
	idx := newCallIndex(g)
	w := &impactWalk{g: g, idx: idx, module: t.Module, found: map[string]*Blocked{}}
	im := &Impact{Module: t.Module, External: t.External, Resolution: "typed", Names: g.PkgNames()}
	if g.Main != nil {
		im.Main = g.Main.Path
	}
	ops := map[string]bool{}
	for _, s := range idx.seeds(t) {
		b := Blocked{Func: s.caller, Module: s.fromModule, Package: s.fromPkg, File: s.file, Line: s.line, Column: s.col,
			Kinds: s.kinds, Chain: s.chain, Sites: 1}
		if t.Module == "" {
			ops[s.chain[len(s.chain)-1]] = true // where the chain enters the API
		}
		for _, op := range s.ends {
			if t.Module != "" {
				ops[op] = true
			}
		}
		w.offer(b)
	}
	im.Operations = sortedKeys(ops)
	w.climb()
	im.Blocked = w.sorted()
	im.Modules = w.modules(t)
	return im, nil
}

type impactWalk struct {
	g      *graph.Graph
	idx    *callIndex
	module string
	found  map[string]*Blocked
	up     map[string][]string // callee -> blocked callers, for the entry points
}

// offer records b, merging the kinds and sites of an earlier record of the
// same function and keeping the better chain.
func (w *impactWalk) offer(b Blocked) {
	old, ok := w.found[b.Func]
	if !ok {
		w.found[b.Func] = &b
		return
	}
	kinds := slices.Clone(old.Kinds)
	for _, k := range b.Kinds {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	slices.SortFunc(kinds, func(x, y rules.Kind) int { return graph.KindIndex(x) - graph.KindIndex(y) })
	sites := old.Sites + b.Sites
	if better(b, *old) {
		*old = b
	}
	old.Kinds, old.Sites = kinds, sites
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
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// climb runs breadth first from the direct callers, in name order at each
// depth, so the result does not depend on map order.
func (w *impactWalk) climb() {
	w.up = map[string][]string{}
	frontier := w.sortedNames()
	for depth := 1; len(frontier) > 0; depth++ {
		var next []string
		for _, name := range frontier {
			child := *w.found[name]
			for _, s := range w.idx.callersOf(child.Func) {
				if s.fromModule == w.module && w.module != "" || s.caller == child.Func {
					continue // inside MODULE: its own calls are not blocked by it
				}
				if !slices.Contains(w.up[child.Func], s.caller) {
					w.up[child.Func] = append(w.up[child.Func], s.caller)
				}
				if _, seen := w.found[s.caller]; seen {
					continue // found at a lower depth, or earlier at this one
				}
				w.found[s.caller] = &Blocked{Func: s.caller, Module: s.fromModule, Package: s.fromPkg,
					File: s.file, Line: s.line, Column: s.col, Depth: depth, Via: child.Func,
					Chain: append([]string{s.caller}, child.Chain...), Kinds: slices.Clone(child.Kinds)}
				next = append(next, s.caller)
			}
		}
		sort.Strings(next)
		frontier = next
	}
	for _, b := range w.found {
		b.Entry = w.idx.entry(b.Func, b.Package)
		if b.Entry == "" && isLiteral(b.Func) && len(w.idx.typed[b.Func]) == 0 {
			b.Entry = EntryCallback
		}
	}
	w.entryPoints()
}

// entryPoints fills each blocked function's EntryPoints: a walk down from
// every entry point over the calls the climb followed.
func (w *impactWalk) entryPoints() {
	down := map[string][]string{}
	for callee, callers := range w.up {
		for _, c := range callers {
			down[c] = append(down[c], callee)
		}
	}
	for _, name := range w.sortedNames() {
		if w.found[name].Entry == "" {
			continue
		}
		seen := map[string]bool{name: true}
		stack := []string{name}
		for len(stack) > 0 {
			cur := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			w.found[cur].EntryPoints = append(w.found[cur].EntryPoints, name)
			for _, callee := range down[cur] {
				if !seen[callee] {
					seen[callee] = true
					stack = append(stack, callee)
				}
			}
		}
	}
}

func (w *impactWalk) sortedNames() []string {
	out := make([]string, 0, len(w.found))
	for k := range w.found {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// sorted returns the blocked functions by module (declaration order;
// functions outside every module last), depth, then name.
func (w *impactWalk) sorted() []Blocked {
	order := w.g.ModuleOrder()
	rank := func(m string) int {
		if i, ok := order[m]; ok {
			return i
		}
		return len(order)
	}
	out := make([]Blocked, 0, len(w.found))
	for _, name := range w.sortedNames() {
		out = append(out, *w.found[name])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := rank(out[i].Module), rank(out[j].Module); ri != rj {
			return ri < rj
		}
		if out[i].Module != out[j].Module {
			return out[i].Module < out[j].Module
		}
		return out[i].Depth < out[j].Depth
	})
	return out
}

func (w *impactWalk) modules(t Target) []ImpactModule {
	var out []ImpactModule
	byName := map[string]int{}
	for _, b := range w.sorted() {
		i, ok := byName[b.Module]
		if !ok {
			i = len(out)
			byName[b.Module] = i
			im := ImpactModule{Module: b.Module}
			if t.Module != "" {
				if e := w.g.Edge(b.Module, t.Module); e != nil {
					im.BlockingCalls = e.BlockingCalls
				}
			}
			out = append(out, im)
		}
		out[i].Functions++
		if b.Entry != "" {
			out[i].EntryPoints++
		}
	}
	return out
}

// site is one synchronous call of the climb: caller calls callee.
type site struct {
	caller, callee     string
	fromPkg            string
	fromModule         string
	file               string
	line, col          int
	kinds              []rules.Kind
	chain              []string // seeds: the shortest chain, caller first
	ends               []string // the blocking operations its chains end in
	toPkg, toModule    string
	blocking, typedHit bool
}

// callIndex finds the callers of a function from the typed call sites
// of the sync-call analysis: g.Calls (between modules) and g.Sites (every
// blocking call site of the main module, intra-package ones included).
// The source is read only to classify entry points.
type callIndex struct {
	g     *graph.Graph
	typed map[string][]site // by callee
	srcs  map[string]*pkgSource
}

func newCallIndex(g *graph.Graph) *callIndex {
	x := &callIndex{g: g, typed: map[string][]site{}, srcs: map[string]*pkgSource{}}
	add := func(c graph.Call) {
		if c.Publish || c.Caller == "" {
			return
		}
		s := site{caller: c.Caller, callee: c.Callee, fromPkg: c.FromPkg, fromModule: c.FromModule,
			file: c.File, line: c.Line, col: c.Column, toPkg: c.ToPkg, toModule: c.ToModule,
			blocking: c.Blocking(), typedHit: true}
		for _, k := range rules.Kinds {
			ch := c.Chains[k]
			if len(ch) < 2 {
				continue
			}
			s.kinds = append(s.kinds, k)
			s.ends = append(s.ends, ch[len(ch)-1])
			if s.chain == nil || len(ch) < len(s.chain) {
				s.chain = ch
			}
		}
		x.typed[c.Callee] = append(x.typed[c.Callee], s)
	}
	for _, c := range g.Calls {
		add(c)
	}
	seen := map[[4]any]bool{}
	for _, c := range g.Calls {
		seen[[4]any{c.File, c.Line, c.Column, c.Callee}] = true
	}
	for _, c := range g.Sites {
		if !seen[[4]any{c.File, c.Line, c.Column, c.Callee}] {
			add(c)
		}
	}
	return x
}

// seeds returns the direct callers of the target, in position order: the
// blocking call sites into MODULE from other modules, or, for an external
// pattern, the call sites whose callee or chain is in a matching package.
func (x *callIndex) seeds(t Target) []site {
	var out []site
	for _, ss := range x.typed {
		for _, s := range ss {
			if !s.blocking || s.chain == nil {
				continue
			}
			if t.Module != "" {
				if s.toModule == t.Module && s.fromModule != t.Module && s.fromModule != "" {
					out = append(out, s)
				}
				continue
			}
			if s2, ok := externalSeed(s, t.External); ok {
				out = append(out, s2)
			}
		}
	}
	slices.SortFunc(out, func(a, b site) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), cmp.Compare(a.caller, b.caller))
	})
	return out
}

// externalSeed cuts a site's chain at the first function of a package
// matching pattern: the site blocks on that API.
func externalSeed(s site, pattern string) (site, bool) {
	if MatchPackage(pattern, s.toPkg) {
		s.chain = []string{s.caller, s.callee}
		return s, true
	}
	for i, fn := range s.chain[1:] {
		if MatchPackage(pattern, graph.FuncPackage(fn)) {
			s.chain = s.chain[:i+2]
			return s, true
		}
	}
	return site{}, false
}

// MatchPackage reports whether a package path matches a pattern: the path
// itself, or a prefix followed by "/..." (`github.com/stripe/...`).
func MatchPackage(pattern, pkg string) bool {
	if pkg == "" {
		return false
	}
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
	}
	return pkg == pattern
}

// callersOf returns the typed call sites that call fn.
func (x *callIndex) callersOf(fn string) []site { return x.typed[fn] }

func (x *callIndex) source(p *graph.Package) *pkgSource {
	s, ok := x.srcs[p.ImportPath]
	if !ok {
		s = parsePackage(p, x.g)
		x.srcs[p.ImportPath] = s
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

// entry classifies a function as an entry point.
func (x *callIndex) entry(fn, pkg string) string {
	p := x.g.Index[pkg]
	local := ""
	if p != nil {
		local = localOf(fn, p.ImportPath)
	}
	if local == "" {
		return ""
	}
	switch {
	case local == "main" && p.Name == "main":
		return EntryMain
	case local == "init":
		return EntryInit
	case x.source(p).isHTTPHandler(local):
		return EntryHTTP
	case exportedLocal(local):
		return EntryExported
	}
	return ""
}

// isLiteral reports whether a function name is a function literal's, as
// the compiler names them: "pkg.Outer.func1", "pkg.Outer.func1.2".
func isLiteral(fn string) bool {
	i := strings.LastIndex(fn, ".func")
	if i < 0 {
		return false
	}
	rest := strings.TrimLeft(fn[i+len(".func"):], "0123456789.")
	return rest == "" && len(fn) > i+len(".func")
}

// exportedLocal reports whether "F", "T.M" or "(*T).M" is exported: the
// name and, for a method, its receiver type. A function literal
// ("F.func1") is not.
func exportedLocal(local string) bool {
	recv, name, ok := strings.Cut(strings.TrimPrefix(local, "(*"), ".")
	if !ok {
		return token.IsExported(recv)
	}
	if strings.Contains(name, ".") {
		return false
	}
	return token.IsExported(strings.TrimSuffix(recv, ")")) && token.IsExported(name)
}
