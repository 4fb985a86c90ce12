package engine

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/engine/flow"
	"github.com/archcheck/archcheck/internal/sysmem"
	"github.com/archcheck/archcheck/rules"
)

// wholeProgram reports, for check --whole-program, the sync-calls that
// only a view of the whole loaded program sees: calls through interfaces
// and through function-typed variables, fields and parameters, resolved at
// every hop of a chain to the functions that can flow there (variable type
// analysis over go/ssa of the root packages: engine/flow, which computes
// golang.org/x/tools/go/callgraph/vta's call graph on every core;
// dependencies are known from export data, their blocking from
// the analyzer's facts at the roots' static call sites). A resolved call
// belongs to the module of the implementation that runs. The default
// analysis's findings are kept; a site it reported is not reported again.
// The findings are returned, not added: the incremental cache saves the
// per-package entries without them (addWholeProgram).
//
// The chains start from the analyzer's own: every blocking call site of
// the roots (synccall.Result.Sites, which follow the closure and goroutine
// rules), extended over the call graph's edges between root functions. A
// go statement's edges are asynchronous and left out.
func (c *collector) wholeProgram(out *driver.Output, a *analysis.Analyzer, built func() *wpGraph) (found []incFinding) {
	if len(out.Packages) == 0 {
		return nil
	}
	w := &wp{c: c, steps: map[*ssa.Function]synccall.Step{}, raws: map[*ssa.Function]synccall.Step{},
		ran: map[string]bool{}, keys: map[string]string{},
		known: map[string]synccall.Step{}, base: map[string][]wpChain{}}
	pg := built()
	if pg == nil {
		return nil
	}
	for _, p := range out.Packages {
		res, _ := p.Results[a].(*synccall.Result)
		if res == nil {
			continue
		}
		for name := range res.Ran {
			w.ran[name] = true
		}
		for _, s := range res.Sites {
			w.known[s.Caller] = s.CallerStep
			w.keys[s.Caller] = s.CallerKey
			for _, b := range s.Blocks {
				steps := append([]synccall.Step{s.CallerStep}, b.Steps...)
				w.base[s.Caller] = append(w.base[s.Caller], wpChain{kind: b.Kind, steps: steps, vias: make([]string, len(steps)), via: s.Via})
			}
		}
		for _, s := range res.Calls {
			w.known[s.Caller] = s.CallerStep
			w.keys[s.Caller] = s.CallerKey
		}
		// Calls through a dependency's package-level function variable,
		// resolved by the analyzer from the dependencies' facts (their
		// bodies are not in the SSA program).
		for _, s := range res.VarCalls {
			w.known[s.Caller] = s.CallerStep
			w.keys[s.Caller] = s.CallerKey
			for _, b := range s.Blocks {
				steps := append([]synccall.Step{s.CallerStep}, b.Steps...)
				vias := append([]string{""}, b.Vias...)
				w.base[s.Caller] = append(w.base[s.Caller], wpChain{kind: b.Kind, steps: steps, vias: vias, via: s.Via})
			}
		}
	}
	// The root functions and their synchronous edges.
	var nodes []*ssa.Function
	out2 := map[*ssa.Function][]edge{}
	in := map[*ssa.Function][]*ssa.Function{}
	for fn := range pg.funcs {
		if fn.Pkg == nil || !pg.roots[fn.Pkg] || fn.Synthetic != "" && fn.Synthetic != "package initializer" {
			continue
		}
		nodes = append(nodes, fn)
	}
	slices.SortFunc(nodes, func(x, y *ssa.Function) int { return int(x.Pos()) - int(y.Pos()) })
	for _, fn := range nodes {
		n := pg.cg.Nodes[fn]
		if n == nil {
			continue
		}
		type call struct {
			site   ssa.CallInstruction
			callee *ssa.Function
		}
		calls := make([]call, 0, len(n.Out))
		resolved := map[ssa.CallInstruction]bool{}
		for _, e := range n.Out {
			calls, resolved[e.Site] = append(calls, call{e.Site, e.Callee.Func}), true
		}
		// An interface call no value flows to within the program (the
		// receiver comes from outside: an exported function's parameter)
		// can reach every implementation: the class hierarchy's edges.
		for _, b := range fn.Blocks {
			for _, ins := range b.Instrs {
				if site, ok := ins.(ssa.CallInstruction); ok && !resolved[site] && site.Common().IsInvoke() {
					for _, g := range pg.initial[site] {
						calls = append(calls, call{site, g})
					}
				}
			}
		}
		for _, e := range calls {
			if _, isGo := e.site.(*ssa.Go); isGo || e.callee.Pkg == nil || !pg.roots[e.callee.Pkg] {
				continue
			}
			g := e.callee
			ed := edge{site: e.site, callee: g}
			common := e.site.Common()
			if common.StaticCallee() == nil {
				if common.IsInvoke() {
					ed.via, ed.method = synccall.ResolvedInterface, common.Method
				} else {
					ed.via = synccall.ResolvedFuncValue
				}
			}
			out2[fn] = append(out2[fn], ed)
			in[g] = append(in[g], fn)
		}
		// A literal passed to a callback runner (a dependency's, whose
		// body is not here) runs during the call: an edge to it, as to a
		// literal called in place.
		for _, b := range fn.Blocks {
			for _, ins := range b.Instrs {
				call, ok := ins.(ssa.CallInstruction)
				if _, isGo := ins.(*ssa.Go); !ok || isGo {
					continue
				}
				for _, arg := range call.Common().Args {
					var g *ssa.Function
					switch a := arg.(type) {
					case *ssa.MakeClosure:
						g, _ = a.Fn.(*ssa.Function)
					case *ssa.Function:
						g = a
					}
					if g == nil || g.Parent() != fn || !w.inline(g) || slices.ContainsFunc(out2[fn], func(e edge) bool { return e.site == call && e.callee == g }) {
						continue
					}
					out2[fn] = append(out2[fn], edge{site: call, callee: g})
					in[g] = append(in[g], fn)
				}
			}
		}
	}
	// Shortest chains per kind over the root functions, from the analyzer's.
	best := map[*ssa.Function][]wpChain{}
	queue := []*ssa.Function{}
	queued := map[*ssa.Function]bool{}
	for _, fn := range nodes {
		if b := w.base[w.step(fn).Full]; len(b) > 0 {
			best[fn] = bestPerKind(b)
			queue, queued[fn] = append(queue, fn), true
		}
	}
	extend := func(fn *ssa.Function, e edge, tail wpChain) wpChain {
		n := len(tail.steps) + 2 // sized once: most candidates are built to be compared
		steps, vias := append(make([]synccall.Step, 0, n), w.step(fn)), append(make([]string, 0, n), "")
		if e.inlineLit() {
			return wpChain{kind: tail.kind, steps: append(steps, tail.steps[1:]...), vias: append(vias, tail.vias[1:]...), via: tail.via}
		}
		if e.namedMethod() {
			steps, vias = append(steps, synccall.StepOf(e.method)), append(vias, "")
		}
		via := tail.via
		if e.via != "" {
			via = e.via
		}
		vias = append(append(vias, e.via), tail.vias[1:]...)
		return wpChain{kind: tail.kind, steps: append(steps, tail.steps...), vias: vias, via: via}
	}
	for len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		queued[g] = false
		for _, fn := range in[g] {
			changed := false
			for _, e := range out2[fn] {
				if e.callee != g {
					continue
				}
				for _, tail := range best[g] {
					if hasShorter(best[fn], tail.kind, extLen(e, tail)) || !w.beats(fn, e, tail, best[fn]) {
						continue // most extensions lose: reject them before building them
					}
					if nb, ok := improve(best[fn], extend(fn, e, tail)); ok {
						best[fn], changed = nb, true
					}
				}
			}
			if changed && !queued[fn] {
				queue, queued[fn] = append(queue, fn), true
			}
		}
	}
	// Findings: per call site, the best chain over the functions it reaches.
	reported := map[token.Position]bool{}
	for i, f := range c.findings {
		if f.Rule == rules.RuleSyncCall {
			p := c.abs[i]
			reported[token.Position{Filename: p.Filename, Line: p.Line, Column: p.Column}] = true
		}
	}
	starts := w.callStarts(out)
	for _, fn := range nodes {
		from := c.cfg.ModuleOf(fn.Pkg.Pkg.Path())
		if from == nil {
			continue
		}
		bySite := map[ssa.CallInstruction][]edge{}
		var sites []ssa.CallInstruction
		for _, e := range out2[fn] {
			if _, ok := bySite[e.site]; !ok {
				sites = append(sites, e.site)
			}
			bySite[e.site] = append(bySite[e.site], e)
		}
		for _, site := range sites {
			var pick wpChain
			var to *rules.Module
			for _, e := range bySite[site] {
				if e.via == "" && w.inline(e.callee) {
					continue // the literal's calls are reported at their own sites, as fn's
				}
				m := c.cfg.ModuleOf(e.callee.Pkg.Pkg.Path())
				if m == nil || c.cfg.IsEvent(e.callee.Pkg.Pkg.Path()) || !synccall.CrossDomain(c.cfg, from, m) ||
					e.method != nil && e.method.Pkg() != nil && c.cfg.IsEvent(e.method.Pkg().Path()) {
					continue
				}
				for _, tail := range best[e.callee] {
					if !c.cfg.SyncKindEnabled(tail.kind) || pick.steps != nil && extLen(e, tail) > len(pick.steps) {
						continue // a longer chain loses to the one picked: not built
					}
					ch := extend(fn, e, tail)
					if ch.via == "" {
						continue // the default analysis's own (reported there, or not blocking there)
					}
					if pick.steps == nil || chainLess(ch, pick) {
						pick, to = ch, m
					}
				}
			}
			if pick.steps == nil {
				continue
			}
			if o := w.outer(fn); o != fn {
				pick.steps = append([]synccall.Step{w.step(o)}, pick.steps[1:]...)
			}
			pos := fn.Prog.Fset.Position(site.Pos())
			if start, ok := starts(site.Pos()); ok {
				pos = fn.Prog.Fset.Position(start)
			}
			if reported[token.Position{Filename: pos.Filename, Line: pos.Line, Column: pos.Column}] {
				continue
			}
			key := w.keys[pick.steps[0].Full]
			if o := w.outer(fn); key == "" && o.Parent() == nil {
				key = pick.steps[0].Full
			} else if key == "" {
				key = w.litKey(o)
			}
			f := synccall.WholeProgramFinding(c.cfg, from.Name, to.Name, fn.Pkg.Pkg.Path(), key, pick.steps, pick.kind, pick.via)
			f.ChainVia = pick.vias
			found = append(found, incFinding{f, pos})
		}
	}
	return found
}

// edge is a synchronous call edge between root functions.
type edge struct {
	site   ssa.CallInstruction
	callee *ssa.Function
	via    string
	method *types.Func // the interface method of an invoke
}

// inlineLit reports whether e calls a literal statically (in place,
// deferred, through a local): it runs in the caller, and its calls are the
// caller's, as in the default mode; a chain through e has no step for it.
func (e edge) inlineLit() bool { return e.via == "" && e.callee.Parent() != nil }

// namedMethod reports whether e is an interface call of a named
// interface's method: a chain through e shows the method as a step.
func (e edge) namedMethod() bool { return e.method != nil && isNamedRecv(e.method) }

// wp is the state of one whole-program pass.
type wp struct {
	c     *collector
	steps map[*ssa.Function]synccall.Step
	raws  map[*ssa.Function]synccall.Step
	ran   map[string]bool          // literals that run in their enclosing function
	keys  map[string]string        // caller name -> baseline key part, from the analyzer
	known map[string]synccall.Step // caller name -> step (with a literal's field)
	base  map[string][]wpChain     // caller name -> the analyzer's chains at its sites
}

// wpChain is a chain with the first way it was resolved through ("" when
// every hop is static), and how each step is reached from the one before
// (vias[i] for steps[i]; vias[0] is "").
type wpChain struct {
	kind  rules.Kind
	steps []synccall.Step
	vias  []string
	via   string
}

func chainLess(a, b wpChain) bool {
	if len(a.steps) != len(b.steps) {
		return len(a.steps) < len(b.steps)
	}
	for i := range a.steps {
		if a.steps[i].Full != b.steps[i].Full {
			return a.steps[i].Full < b.steps[i].Full
		}
	}
	return false
}

// beats reports whether the chain extend(fn, e, tail) builds would be
// less (chainLess) than cur's chain of its kind, if cur has one, without
// building it: most do not.
func (w *wp) beats(fn *ssa.Function, e edge, tail wpChain, cur []wpChain) bool {
	i := slices.IndexFunc(cur, func(c wpChain) bool { return c.kind == tail.kind })
	if i < 0 {
		return true
	}
	old := cur[i].steps
	if n := extLen(e, tail); n != len(old) {
		return n < len(old)
	}
	// The steps of extend's chain: fn's, the interface method's (when
	// named), tail's (from its second when e calls a literal inline).
	if head := w.step(fn).Full; head != old[0].Full {
		return head < old[0].Full
	}
	rest, k := tail.steps, 1
	if e.inlineLit() {
		rest = tail.steps[1:]
	} else if e.namedMethod() {
		if m := synccall.StepOf(e.method).Full; m != old[1].Full {
			return m < old[1].Full
		}
		k = 2
	}
	for j, st := range rest {
		if st.Full != old[k+j].Full {
			return st.Full < old[k+j].Full
		}
	}
	return false
}

// extLen is the length of the chain extend builds from an edge and the
// callee's chain.
func extLen(e edge, tail wpChain) int {
	switch {
	case e.inlineLit():
		return len(tail.steps)
	case e.namedMethod():
		return len(tail.steps) + 2
	}
	return len(tail.steps) + 1
}

// hasShorter reports whether cur has a chain of kind shorter than n steps
// (or n is over improve's bound).
func hasShorter(cur []wpChain, kind rules.Kind, n int) bool {
	if n > 64 {
		return true
	}
	for _, c := range cur {
		if c.kind == kind && len(c.steps) < n {
			return true
		}
	}
	return false
}

// bestPerKind keeps the shortest chain of each kind, in canonical order.
func bestPerKind(cs []wpChain) []wpChain {
	var out []wpChain
	for _, c := range cs {
		if nb, ok := improve(out, c); ok {
			out = nb
		}
	}
	return out
}

// improve returns cur with c in place of cur's chain of c's kind when c is
// better (a chain through a resolved hop never replaces a static one of the
// same length), or cur and false.
func improve(cur []wpChain, c wpChain) ([]wpChain, bool) {
	// Chains loop through recursion only when they grow; bound them.
	if len(c.steps) > 64 {
		return cur, false
	}
	for i, old := range cur {
		if old.kind != c.kind {
			continue
		}
		if !chainLess(c, old) {
			return cur, false
		}
		nb := slices.Clone(cur)
		nb[i] = c
		return nb, true
	}
	nb := append(slices.Clone(cur), c)
	slices.SortStableFunc(nb, func(x, y wpChain) int {
		return slices.Index(rules.Kinds, x.kind) - slices.Index(rules.Kinds, y.kind)
	})
	return nb, true
}

// step names an SSA function as the analyzer does: a declared function by
// its object, a literal by its enclosing function plus .funcN (nested .N),
// with the field the analyzer found it stored in.
func (w *wp) step(fn *ssa.Function) synccall.Step {
	if s, ok := w.steps[fn]; ok {
		return s
	}
	s := w.raw(fn)
	if k, ok := w.known[s.Full]; ok && fn.Parent() != nil {
		s = k
	}
	w.steps[fn] = s
	return s
}

// outer is the function whose calls fn's are: fn, or for a literal that
// runs in its enclosing function (Result.Ran: called in place, deferred,
// passed to a callback runner) that function's outer. A finding in such a
// literal names it as the caller, as the default analysis does.
func (w *wp) outer(fn *ssa.Function) *ssa.Function {
	for w.inline(fn) {
		fn = fn.Parent()
	}
	return fn
}

// raw is fn's compiler-style name (a literal's never replaced by its
// enclosing function's).
func (w *wp) raw(fn *ssa.Function) synccall.Step {
	if s, ok := w.raws[fn]; ok {
		return s
	}
	var s synccall.Step
	switch {
	case fn.Parent() != nil:
		parent := w.raw(fn.Parent())
		idx := slices.Index(fn.Parent().AnonFuncs, fn) + 1
		sep := "."
		if fn.Parent().Parent() == nil {
			sep = ".func"
		}
		s = synccall.Step{Full: parent.Full + sep + strconv.Itoa(idx), Name: parent.Name + sep + strconv.Itoa(idx), PkgName: parent.PkgName}
	case fn.Object() != nil:
		if obj, ok := fn.Object().(*types.Func); ok {
			s = synccall.StepOf(obj)
		}
	default: // a package initialiser
		s = synccall.Step{Full: fn.Pkg.Pkg.Path() + ".init", Name: "init", PkgName: fn.Pkg.Pkg.Name()}
	}
	w.raws[fn] = s
	return s
}

// inline reports whether fn is a literal that runs in its enclosing
// function (Result.Ran).
func (w *wp) inline(fn *ssa.Function) bool {
	return fn.Parent() != nil && w.ran[w.raw(fn).Full]
}

// litKey is a literal's baseline key part when the analyzer gave none: its
// enclosing named function's plus "lit".
func (w *wp) litKey(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Parent() == nil && fn != nil {
		return w.step(fn).Full + ".lit"
	}
	return ""
}

// raiseGC sets the garbage collector for a whole-program run, from its
// typed load on, and returns the function that restores its settings.
// Every package's syntax and types are kept, then the SSA program and
// VTA's graph allocate much and free little until the end, while the
// collector competes with the type checker and the analyzer for both
// cores: each collection marks a growing heap that is never freed. So
// collection is off until the process nears a soft memory limit
// (debug.SetMemoryLimit): a floor of 2 GiB (a quarter of the memory the
// machine gives the process if less, sysmem.Total; at least 512 MiB; the
// user's GOMEMLIMIT if lower), and after each collection 5× the live heap
// when that is more (GOGC=400's target, the setting before). On std the
// heap stays under the floor, and nothing is collected: side by side with
// GOGC quadrupled, 4.77 → 4.35 s wall, 6.8 → 5.9 s CPU, peak RSS 1.6 → 1.8
// GB. A first run, whose dependencies are analysed from source, collects
// their garbage at the floor (kratos: 1.5 GB with GOGC quadrupled, 4.4 GB
// with no floor but a quarter of the machine's memory, about 2 GB with
// it). When the machine's memory is unknown, GOGC is quadrupled; GOGC=off
// is left alone. Concurrent whole-program runs (tests) share one setting:
// the first raises it, the last restores it.
func raiseGC() (restore func()) {
	gcRaise.Lock()
	defer gcRaise.Unlock()
	if gcRaise.n == 0 {
		gcRaise.gen++
		gcRaise.percent = debug.SetGCPercent(-1)
		gcRaise.limit = debug.SetMemoryLimit(-1)
		switch floor := wpMemoryFloor(sysmem.Total(), gcRaise.limit); {
		case gcRaise.percent < 0: // GOGC=off: the user's choice
			debug.SetGCPercent(gcRaise.percent)
		case floor == 0:
			debug.SetGCPercent(4 * gcRaise.percent)
		default:
			debug.SetMemoryLimit(floor)
			watchHeap(gcRaise.gen, floor)
		}
	}
	gcRaise.n++
	return func() {
		gcRaise.Lock()
		defer gcRaise.Unlock()
		if gcRaise.n--; gcRaise.n == 0 {
			debug.SetGCPercent(gcRaise.percent)
			debug.SetMemoryLimit(gcRaise.limit)
		}
	}
}

var gcRaise struct {
	sync.Mutex
	n       int   // whole-program runs going on
	gen     int   // raises so far: a watch of an earlier one stops
	percent int   // the settings to restore
	limit   int64 //
}

// wpMemoryFloor is the whole-program run's memory limit before its first
// collection, for a machine that gives the process total bytes (0:
// unknown; then 0) and a user limit (GOMEMLIMIT; math.MaxInt64 when not
// set).
func wpMemoryFloor(total uint64, user int64) int64 {
	if total == 0 {
		return 0
	}
	floor := int64(min(total/4, 2<<30))
	return min(max(floor, 512<<20), user)
}

// wpMemoryLimit is the limit after a collection that left live bytes.
func wpMemoryLimit(floor int64, live uint64, user int64) int64 {
	return min(max(floor, int64(min(live, math.MaxInt64/10)*5)), user)
}

// watchHeap sets the limit after the next collection (a cleanup of an
// object nothing references runs after it) from the live heap, and
// watches the one after.
func watchHeap(gen int, floor int64) {
	runtime.AddCleanup(&sentinel{}, func(struct{}) {
		gcRaise.Lock()
		defer gcRaise.Unlock()
		if gcRaise.n == 0 || gcRaise.gen != gen {
			return // restored
		}
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(wpMemoryLimit(floor, sample[0].Value.Uint64(), gcRaise.limit))
		}
		watchHeap(gen, floor)
	}, struct{}{})
}

// sentinel is a heap object of its own (a pointer-free one could share a
// block with others, and outlive the next collection).
type sentinel struct{ _ *int }

// wpGraph is the call graph of the whole program's root functions.
type wpGraph struct {
	roots map[*ssa.Package]bool  // the packages built from syntax
	funcs map[*ssa.Function]bool // their functions, and synthetic wrappers
	// initial is the class hierarchy's callees of each call site of funcs:
	// VTA's initial graph, and the callees of an interface call VTA leaves
	// unresolved.
	initial map[ssa.CallInstruction][]*ssa.Function
	// cg is VTA's call graph (engine/flow) of the functions the chains
	// go through: the roots' functions, not the synthetic wrappers.
	cg *callgraph.Graph
}

// buildGraph builds the whole program's call graph. It needs only the
// typed packages, not the analyzer's results, so it runs while the
// analyzer does. VTA (engine/flow; x/tools' vta.CallGraph when flow
// declines a generic body) runs over all the roots' functions (and the synthetic
// wrappers), not over the slice of them that leads to the analyzer's
// blocking sites: on std, x/tools, kratos and the GitHub CLI the findings
// are the same either way, and this way the graph does not wait for the
// analyzer. Dependencies have no bodies here: their blocking comes from the
// analyzer's facts. VTA's initial call graph is the class hierarchy's
// edges of these functions alone, to every function of the program
// (cha.CallGraph would list the program's functions a second time and add
// the edges of every dependency's); with VTA's own hierarchy over funcs
// instead, three io.Reader calls of the GitHub CLI resolve to a websocket
// reader that never flows there.
func buildGraph(pkgs []*packages.Package) *wpGraph {
	prog, roots := buildSSA(pkgs)
	if prog == nil {
		return nil
	}
	all := ssautil.AllFunctions(prog)
	funcs := map[*ssa.Function]bool{}
	for fn := range all {
		if fn.Pkg != nil && roots[fn.Pkg] || fn.Pkg == nil && fn.Blocks != nil {
			funcs[fn] = true
		}
	}
	initial := chaOf(funcs, all)
	cg, ok := flow.CallGraph(funcs, func(site ssa.CallInstruction) []*ssa.Function { return initial[site] }, func(fn *ssa.Function) bool {
		return fn.Pkg != nil && roots[fn.Pkg] && (fn.Synthetic == "" || fn.Synthetic == "package initializer") // the chains' (wholeProgram)
	})
	if !ok { // a generic body flow does not handle
		cg = vta.CallGraph(funcs, chaGraph(funcs, initial))
	}
	return &wpGraph{roots: roots, funcs: funcs, initial: initial, cg: cg}
}

// buildSSA creates the SSA program: the roots that type-checked from their
// syntax, every package they import from its types alone.
func buildSSA(pkgs []*packages.Package) (*ssa.Program, map[*ssa.Package]bool) {
	if len(pkgs) == 0 {
		return nil, nil
	}
	fset := pkgs[0].Fset
	prog := ssa.NewProgram(fset, ssa.InstantiateGenerics)
	rootOf := map[*types.Package]*packages.Package{}
	for _, p := range pkgs {
		if p.Types != nil && p.TypesInfo != nil && p.Fset == fset && len(p.Errors) == 0 && !p.IllTyped {
			rootOf[p.Types] = p
		}
	}
	roots := map[*ssa.Package]bool{}
	created := map[*types.Package]bool{}
	var create func(tp *types.Package)
	create = func(tp *types.Package) {
		if created[tp] {
			return
		}
		created[tp] = true
		for _, imp := range tp.Imports() {
			create(imp)
		}
		if p, ok := rootOf[tp]; ok {
			var files []*ast.File
			for _, f := range p.Syntax {
				if !isTestFileName(fset.File(f.FileStart).Name()) {
					files = append(files, f)
				}
			}
			roots[prog.CreatePackage(tp, files, p.TypesInfo, true)] = true
			return
		}
		prog.CreatePackage(tp, nil, nil, true)
	}
	for _, p := range pkgs {
		if p.Types != nil && rootOf[p.Types] != nil {
			create(p.Types)
		}
	}
	prog.Build()
	return prog, roots
}

func isTestFileName(name string) bool {
	return len(name) > len("_test.go") && name[len(name)-len("_test.go"):] == "_test.go"
}

// callStarts maps each call's opening parenthesis (an SSA call's position)
// to the call expression's start (a finding's position). A file's calls are
// read when one of its positions is first asked for: few files have
// findings.
func (w *wp) callStarts(out *driver.Output) func(token.Pos) (token.Pos, bool) {
	var files []*ast.File
	for _, p := range out.Packages {
		files = append(files, p.Pkg.Syntax...)
	}
	slices.SortFunc(files, func(a, b *ast.File) int { return int(a.FileStart) - int(b.FileStart) })
	read := map[*ast.File]bool{}
	m := map[token.Pos]token.Pos{}
	return func(lparen token.Pos) (token.Pos, bool) {
		i, _ := slices.BinarySearchFunc(files, lparen, func(f *ast.File, p token.Pos) int { return int(f.FileStart) - int(p) })
		if i < len(files) && files[i].FileStart == lparen {
			i++
		}
		if i > 0 && lparen <= files[i-1].FileEnd && !read[files[i-1]] {
			read[files[i-1]] = true
			ast.Inspect(files[i-1], func(x ast.Node) bool {
				if call, ok := x.(*ast.CallExpr); ok {
					m[call.Lparen] = call.Pos()
				}
				return true
			})
		}
		start, ok := m[lparen]
		return start, ok
	}
}

// isNamedRecv reports whether an interface method belongs to a named
// interface (a method of an interface literal has no name to show).
func isNamedRecv(m *types.Func) bool {
	_, ok := types.Unalias(m.Signature().Recv().Type()).(*types.Named)
	return ok
}

// chaOf returns the class hierarchy analysis's callees of each call site
// of funcs, in order: the static callee, or every method of the program
// (all) that implements the called interface method, or every function of
// all with the called signature (as golang.org/x/tools/go/callgraph/cha,
// which computes them for every function of the program and builds a call
// graph of them, and whose lazy callee lookup, internal to x/tools, this
// repeats). On every core, each over its share of funcs.
func chaOf(funcs, all map[*ssa.Function]bool) map[ssa.CallInstruction][]*ssa.Function {
	var bySig typeutil.Map // signature -> []*ssa.Function; read concurrently (At is)
	byID := map[string][]*ssa.Function{}
	for f := range all {
		if f.Signature.Recv() == nil {
			if f.Name() == "init" && f.Synthetic == "package initializer" {
				continue
			}
			fs, _ := bySig.At(f.Signature).([]*ssa.Function)
			bySig.Set(f.Signature, append(fs, f))
		} else if obj, ok := f.Object().(*types.Func); ok {
			byID[obj.Id()] = append(byID[obj.Id()], f)
		}
	}
	list := slices.Collect(maps.Keys(funcs))
	shards := make([]map[ssa.CallInstruction][]*ssa.Function, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range shards {
		wg.Go(func() {
			type imethod struct {
				iface *types.Interface
				id    string
			}
			memo := map[imethod][]*ssa.Function{}
			callees := func(call *ssa.CallCommon) []*ssa.Function {
				if call.IsInvoke() {
					iface := call.Value.Type().Underlying().(*types.Interface)
					k := imethod{iface, call.Method.Id()}
					ms, ok := memo[k]
					if !ok {
						for _, f := range byID[k.id] {
							if types.Implements(f.Signature.Recv().Type(), iface) {
								ms = append(ms, f)
							}
						}
						memo[k] = ms
					}
					return ms
				}
				if g := call.StaticCallee(); g != nil {
					return []*ssa.Function{g}
				}
				if _, ok := call.Value.(*ssa.Builtin); ok {
					return nil
				}
				fs, _ := bySig.At(call.Signature()).([]*ssa.Function)
				return fs
			}
			m := map[ssa.CallInstruction][]*ssa.Function{}
			for j := i; j < len(list); j += len(shards) {
				for _, b := range list[j].Blocks {
					for _, instr := range b.Instrs {
						if site, ok := instr.(ssa.CallInstruction); ok {
							if cs := callees(site.Common()); len(cs) > 0 {
								m[site] = cs
							}
						}
					}
				}
			}
			shards[i] = m
		})
	}
	wg.Wait()
	out := shards[0]
	for _, m := range shards[1:] {
		maps.Copy(out, m)
	}
	return out
}

// chaGraph is the call graph of funcs with the class hierarchy's callees
// (x/tools' VTA's initial graph).
func chaGraph(funcs map[*ssa.Function]bool, callees map[ssa.CallInstruction][]*ssa.Function) *callgraph.Graph {
	cg := callgraph.New(nil)
	for f := range funcs {
		fnode := cg.CreateNode(f)
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if site, ok := instr.(ssa.CallInstruction); ok {
					for _, g := range callees[site] {
						callgraph.AddEdge(fnode, site, cg.CreateNode(g))
					}
				}
			}
		}
	}
	return cg
}
