package flow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// graph is the joined type propagation graph: nodes numbered, successors
// in compressed rows.
type graph struct {
	ids   map[node]int32
	nodes []node
	start []int32 // node i's successors: succ[start[i]:start[i+1]]
	succ  []int32
}

// join numbers the builders' nodes once and joins their edges.
func join(bs []*builder) *graph {
	g := &graph{ids: map[node]int32{}}
	var edges []edgeIDs
	for _, b := range bs {
		to := make([]int32, len(b.nodes))
		for i, n := range b.nodes {
			id, ok := g.ids[n]
			if !ok {
				id = int32(len(g.nodes))
				g.ids[n] = id
				g.nodes = append(g.nodes, n)
			}
			to[i] = id
		}
		for _, e := range b.edges {
			edges = append(edges, edgeIDs{to[e.from], to[e.to]})
		}
	}
	g.start = make([]int32, len(g.nodes)+1)
	for _, e := range edges {
		g.start[e.from+1]++
	}
	for i := range len(g.nodes) {
		g.start[i+1] += g.start[i]
	}
	g.succ = make([]int32, len(edges))
	next := slices.Clone(g.start[:len(g.nodes)])
	for _, e := range edges {
		g.succ[next[e.from]] = e.to
		next[e.from]++
	}
	return g
}

// A propType is a type that flows: a concrete type, or a function (f).
type propType struct {
	typ types.Type
	f   *ssa.Function
}

// typeSets are the propagated types: sets (sorted ids of props), shared
// between the nodes of a strongly connected component and often between
// components.
type typeSets struct {
	props []propType
	scc   []int32   // node -> component
	sets  [][]int32 // component -> its types
}

// propagate computes the types that reach each node: those of the nodes of
// a concrete type (VTA's "initial types") from which it can be reached.
func (g *graph) propagate(a *analysis) *typeSets {
	sccs, sccOf := g.scc()
	ts := &typeSets{scc: sccOf, sets: make([][]int32, len(sccs))}
	ids := map[propType]int32{}
	own := make([][]int32, len(sccs))
	for i, n := range g.nodes {
		if !hasInitialTypes(n) {
			continue
		}
		p := propType{typ: a.canon.rep(n.Type())}
		if fn, ok := n.(function); ok {
			p.f = fn.f
		}
		id, ok := ids[p]
		if !ok {
			id = int32(len(ts.props))
			ids[p] = id
			ts.props = append(ts.props, p)
		}
		c := sccOf[i]
		own[c] = append(own[c], id)
	}
	// Tarjan's order has each component after those it reaches: the
	// sources come last. Each component's set is its own types and those
	// of the components with an edge into it, done before it.
	in := make([][][]int32, len(sccs))
	for c := len(sccs) - 1; c >= 0; c-- {
		set := union(own[c], in[c])
		ts.sets[c] = set
		in[c] = nil
		if len(set) == 0 {
			continue
		}
		for _, n := range sccs[c] {
			for _, s := range g.succ[g.start[n]:g.start[n+1]] {
				if d := sccOf[s]; d != int32(c) {
					if l := len(in[d]); l == 0 || !sameSet(in[d][l-1], set) {
						in[d] = append(in[d], set)
					}
				}
			}
		}
	}
	return ts
}

func sameSet(a, b []int32) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// union returns the union of own and the sets of in, sorted; one of them
// when it holds all the others'.
func union(own []int32, in [][]int32) []int32 {
	var distinct [][]int32
	for _, s := range in {
		if !slices.ContainsFunc(distinct, func(d []int32) bool { return sameSet(d, s) }) {
			distinct = append(distinct, s)
		}
	}
	if len(own) == 0 && len(distinct) == 1 {
		return distinct[0]
	}
	var all []int32
	all = append(all, own...)
	for _, s := range distinct {
		all = append(all, s...)
	}
	slices.Sort(all)
	all = slices.Clip(slices.Compact(all))
	for _, s := range distinct { // share an input that holds everything
		if len(s) == len(all) {
			return s
		}
	}
	return all
}

func hasInitialTypes(n node) bool {
	switch n.(type) {
	case panicArg, recoverReturn, nestedPtrFunction, nestedPtrInterface:
		return false
	}
	return !types.IsInterface(n.Type())
}

// scc returns the strongly connected components of g in Tarjan's order
// (each after the components it reaches) and each node's component.
func (g *graph) scc() (sccs [][]int32, sccOf []int32) {
	n := len(g.nodes)
	index := make([]int32, n) // preorder number + 1; 0: not visited
	low := make([]int32, n)
	onStack := make([]bool, n)
	sccOf = make([]int32, n)
	var stack []int32
	type frame struct {
		v    int32
		next int32 // the next successor to visit, in succ
	}
	var call []frame
	next := int32(0)
	for root := range int32(n) {
		if index[root] != 0 {
			continue
		}
		next++
		index[root], low[root] = next, next
		stack, onStack[root] = append(stack, root), true
		call = append(call, frame{root, g.start[root]})
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.next < g.start[v+1] {
				w := g.succ[f.next]
				f.next++
				if index[w] == 0 {
					next++
					index[w], low[w] = next, next
					stack, onStack[w] = append(stack, w), true
					call = append(call, frame{w, g.start[w]})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				u := call[len(call)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] == index[v] {
				id := int32(len(sccs))
				i := len(stack) - 1
				for stack[i] != v {
					i--
				}
				comp := slices.Clone(stack[i:])
				stack = stack[:i]
				for _, w := range comp {
					onStack[w] = false
					sccOf[w] = id
				}
				sccs = append(sccs, comp)
			}
		}
	}
	return sccs, sccOf
}

// constructor resolves call sites.
type constructor struct {
	a       *analysis
	g       *graph
	types   *typeSets
	methods map[types.Type]map[string][]*ssa.Function
}

// resolves returns a call's callees: the static one, or those of the
// initial call graph the types flowing to its receiver or function value
// allow, in the initial graph's order.
func (c *constructor) resolves(call ssa.CallInstruction) []*ssa.Function {
	cc := call.Common()
	if g := cc.StaticCallee(); g != nil {
		return []*ssa.Function{g}
	}
	if _, ok := cc.Value.(*ssa.Builtin); ok {
		return nil
	}
	initial := c.a.callees(call)
	if len(initial) == 0 {
		return nil
	}
	id, ok := c.g.ids[local{val: cc.Value}]
	if !ok {
		return nil
	}
	set := c.types.sets[c.types.scc[id]]
	resolved := map[*ssa.Function]bool{}
	for _, p := range set {
		pt := c.types.props[p]
		if pt.f != nil {
			resolved[pt.f] = true
		} else if cc.Method != nil {
			for _, f := range c.methodsOf(pt.typ, cc.Method.Name(), call.Parent().Prog) {
				resolved[f] = true
			}
		}
	}
	var res []*ssa.Function
	for _, f := range initial {
		if resolved[f] {
			res = append(res, f)
		}
	}
	return res
}

func (c *constructor) methodsOf(t types.Type, name string, prog *ssa.Program) []*ssa.Function {
	ms, ok := c.methods[t]
	if !ok {
		ms = map[string][]*ssa.Function{}
		mset := prog.MethodSets.MethodSet(t)
		for i := range mset.Len() {
			if f := prog.MethodValue(mset.At(i)); f != nil {
				ms[f.Name()] = append(ms[f.Name()], f)
			}
		}
		c.methods[t] = ms
	}
	return ms[name]
}
