// Package flow is variable type analysis (VTA) over go/ssa: the call graph
// of a set of functions where a dynamic call (through an interface or a
// function value) goes to the callees of an initial call graph that the
// types flowing to the call's receiver or function value allow. It
// computes what golang.org/x/tools/go/callgraph/vta.CallGraph computes,
// edge for edge and in the same order (flow_test.go compares the two), with
// the same type propagation graph, but builds that graph on every core,
// tests types without allocating, tests a call's arguments once rather
// than per callee, looks a call site's initial callees up instead of
// scanning its function's edges, and resolves only the call sites asked
// for. archcheck's whole-program check spent most of its time
// after the load in VTA's one-core build (on std, 1.3 s of the 2.2 s).
//
// The graph's nodes and edges follow x/tools' VTA: a node per SSA value of
// a type a concrete type can flow to (an interface, a function, a pointer
// to one), per struct field, per element type of slices, maps and
// channels, per function result and global; an edge where a value flows
// (assignment, load, store, call, return, conversion, channel, panic and
// recover); types propagate along edges, through strongly connected
// components, from the nodes of a concrete type.
//
// Generic function bodies (type parameters) need their constraints' term
// sets; the cases VTA handles that this package does not (a constraint
// that intersects two term sets) make CallGraph return ok == false, and
// the caller runs x/tools' VTA instead.
package flow

import (
	"fmt"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Callees returns the callees of a call site in the initial call graph, in
// its order (VTA's siteCallees).
type Callees func(ssa.CallInstruction) []*ssa.Function

// CallGraph returns VTA's call graph of funcs, over the initial call graph
// callees: a node for each function of funcs with an edge per call site
// and resolved callee, as vta.CallGraph(funcs, initial) would, for the
// functions of funcs that want selects (all when want is nil); the other
// functions of funcs contribute to the type flow, not to the graph. ok is
// false when a generic body needs a term set this package does not
// compute (then run vta.CallGraph).
func CallGraph(funcs map[*ssa.Function]bool, callees Callees, want func(*ssa.Function) bool) (cg *callgraph.Graph, ok bool) {
	var list []*ssa.Function
	for f, in := range funcs {
		if in {
			list = append(list, f)
		}
	}
	// Deterministic shards, largest functions spread: order by position.
	slices.SortFunc(list, func(a, b *ssa.Function) int { return int(a.Pos()) - int(b.Pos()) })
	a := &analysis{callees: callees, canon: &canon{}}
	g, ok := a.graph(list)
	if !ok {
		return nil, false
	}
	c := &constructor{a: a, g: g, types: g.propagate(a), methods: map[types.Type]map[string][]*ssa.Function{}}
	cg = &callgraph.Graph{Nodes: map[*ssa.Function]*callgraph.Node{}}
	for _, f := range list {
		if want != nil && !want(f) {
			continue
		}
		caller := cg.CreateNode(f)
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(ssa.CallInstruction); ok {
					for _, callee := range c.resolves(call) {
						callgraph.AddEdge(caller, call, cg.CreateNode(callee))
					}
				}
			}
		}
	}
	return cg, true
}

// analysis is the state shared by the graph's builders.
type analysis struct {
	callees Callees
	canon   *canon
}

// canon maps each type to one representative of the types identical to
// it (VTA's canonicalize), for every builder at once.
type canon struct {
	mu sync.Mutex
	m  typeutil.Map
}

func (c *canon) rep(t types.Type) types.Type {
	t = types.Unalias(t) // an alias's target stands for both: a pointer stays a *types.Pointer
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.m.At(t); r != nil {
		return r.(types.Type)
	}
	c.m.Set(t, t)
	return t
}

// errUnsupported stops a build that needs a term set this package does
// not compute.
type errUnsupported struct{ t types.Type }

func (e errUnsupported) Error() string { return fmt.Sprintf("flow: no term set for %v", e.t) }

// graph builds the type propagation graph of funcs on GOMAXPROCS
// builders, each over its share of the functions, and joins their edges.
func (a *analysis) graph(funcs []*ssa.Function) (g *graph, ok bool) {
	n := min(runtime.GOMAXPROCS(0), max(1, len(funcs)/64))
	bs := make([]*builder, n)
	var wg sync.WaitGroup
	failed := make([]bool, n)
	for i := range n {
		b := newBuilder(a)
		bs[i] = b
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(errUnsupported); !ok {
						panic(r)
					}
					failed[i] = true
				}
			}()
			if i == 0 {
				// The fixed edge Panic -> Recover.
				b.addEdge(panicArg{}, recoverReturn{})
			}
			for j := i; j < len(funcs); j += n {
				b.fun(funcs[j])
			}
		})
	}
	wg.Wait()
	if slices.Contains(failed, true) {
		return nil, false
	}
	return join(bs), true
}

// A builder builds its share of the graph: its nodes, numbered in the
// order met, and its edges between them.
type builder struct {
	a     *analysis
	ids   map[node]int32
	nodes []node
	edges []edgeIDs
	reps  map[types.Type]types.Type // the canonical representative of each type met
}

type edgeIDs struct{ from, to int32 }

func newBuilder(a *analysis) *builder {
	return &builder{a: a, ids: map[node]int32{}, reps: map[types.Type]types.Type{}}
}

func (b *builder) id(n node) int32 {
	if i, ok := b.ids[n]; ok {
		return i
	}
	i := int32(len(b.nodes))
	b.ids[n] = i
	b.nodes = append(b.nodes, n)
	return i
}

func (b *builder) addEdge(x, y node) {
	b.edges = append(b.edges, edgeIDs{b.id(x), b.id(y)})
}

func (b *builder) rep(t types.Type) types.Type {
	if r, ok := b.reps[t]; ok {
		return r
	}
	r := b.a.canon.rep(t)
	b.reps[t] = r
	return r
}

func (b *builder) fun(f *ssa.Function) {
	for _, bl := range f.Blocks {
		for _, instr := range bl.Instrs {
			b.instr(instr)
		}
	}
}

func (b *builder) instr(instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.Store:
		b.addInFlowAliasEdges(b.nodeFromVal(i.Addr), b.nodeFromVal(i.Val))
	case *ssa.MakeInterface:
		b.addInFlowEdge(b.nodeFromVal(i.X), b.nodeFromVal(i))
	case *ssa.MakeClosure:
		f := i.Fn.(*ssa.Function)
		b.addInFlowEdge(function{f: f}, b.nodeFromVal(i))
		for j, fv := range f.FreeVars {
			b.addInFlowAliasEdges(b.nodeFromVal(fv), b.nodeFromVal(i.Bindings[j]))
		}
	case *ssa.UnOp:
		switch i.Op {
		case token.MUL:
			b.addInFlowAliasEdges(b.nodeFromVal(i), b.nodeFromVal(i.X))
		case token.ARROW:
			t := coreType(i.X.Type()).(*types.Chan).Elem()
			b.addInFlowAliasEdges(b.nodeFromVal(i), channelElem{typ: t})
		}
	case *ssa.Phi:
		for _, e := range i.Edges {
			b.addInFlowAliasEdges(b.nodeFromVal(i), b.nodeFromVal(e))
		}
	case *ssa.ChangeInterface:
		b.addInFlowEdge(b.nodeFromVal(i.X), b.nodeFromVal(i))
	case *ssa.ChangeType:
		b.addInFlowAliasEdges(b.nodeFromVal(i), b.nodeFromVal(i.X))
	case ssa.CallInstruction:
		b.call(i)
	case *ssa.Panic:
		if canHaveMethods(i.X.Type()) {
			b.addInFlowEdge(b.nodeFromVal(i.X), panicArg{})
		}
	case *ssa.Return:
		for j, r := range i.Results {
			b.addInFlowEdge(b.nodeFromVal(r), resultVar{f: i.Parent(), index: j})
		}
	case *ssa.MultiConvert:
		b.multiconvert(i)
	default:
		b.element(instr)
	}
}

// element adds the flows of an instruction that reads or writes a field,
// or an element of an array, slice or tuple.
func (b *builder) element(instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.TypeAssert:
		if !i.CommaOk {
			b.addInFlowEdge(b.nodeFromVal(i.X), b.nodeFromVal(i))
			return
		}
		t := i.Type().(*types.Tuple).At(0).Type()
		b.addInFlowEdge(b.nodeFromVal(i.X), indexedLocal{val: i, typ: t, index: 0})
	case *ssa.Extract:
		t := i.Tuple.Type().(*types.Tuple).At(i.Index).Type()
		b.addInFlowAliasEdges(b.nodeFromVal(i), indexedLocal{val: i.Tuple, typ: t, index: i.Index})
	case *ssa.Field:
		b.addInFlowEdge(field{StructType: i.X.Type(), index: i.Field}, b.nodeFromVal(i))
	case *ssa.FieldAddr:
		t := coreType(i.X.Type()).(*types.Pointer).Elem()
		fnode := field{StructType: t, index: i.Field}
		b.addInFlowEdge(fnode, b.nodeFromVal(i))
		b.addInFlowEdge(b.nodeFromVal(i), fnode)
	case *ssa.Index:
		b.addInFlowAliasEdges(b.nodeFromVal(i), sliceElem{typ: sliceArrayElem(i.X.Type())})
	case *ssa.IndexAddr:
		et := sliceArrayElem(i.X.Type())
		b.addInFlowEdge(sliceElem{typ: et}, b.nodeFromVal(i))
		b.addInFlowEdge(b.nodeFromVal(i), sliceElem{typ: et})
	default:
		b.container(instr)
	}
}

// container adds the flows of an instruction that reads or writes a map or
// a channel; the other kinds of instruction have none (a kind it does not
// know panics, as VTA's).
func (b *builder) container(instr ssa.Instruction) {
	switch i := instr.(type) {
	case *ssa.Send:
		t := coreType(i.Chan.Type()).(*types.Chan).Elem()
		b.addInFlowAliasEdges(channelElem{typ: t}, b.nodeFromVal(i.X))
	case *ssa.Select:
		recv := 0
		for _, st := range i.States {
			t := coreType(st.Chan.Type()).(*types.Chan).Elem()
			if st.Dir == types.SendOnly {
				b.addInFlowAliasEdges(channelElem{typ: t}, b.nodeFromVal(st.Send))
			} else {
				b.addInFlowAliasEdges(indexedLocal{val: i, typ: t, index: 2 + recv}, channelElem{typ: t})
				recv++
			}
		}
	case *ssa.Lookup:
		t, ok := i.X.Type().Underlying().(*types.Map)
		if !ok {
			return // a string's byte
		}
		if !i.CommaOk {
			b.addInFlowAliasEdges(b.nodeFromVal(i), mapValue{typ: t.Elem()})
		} else {
			b.addInFlowAliasEdges(indexedLocal{val: i, typ: t.Elem(), index: 0}, mapValue{typ: t.Elem()})
		}
	case *ssa.MapUpdate:
		t, ok := i.Map.Type().Underlying().(*types.Map)
		if !ok {
			return
		}
		b.addInFlowAliasEdges(mapKey{typ: t.Key()}, b.nodeFromVal(i.Key))
		b.addInFlowAliasEdges(mapValue{typ: t.Elem()}, b.nodeFromVal(i.Value))
	case *ssa.Next:
		if i.IsString {
			return
		}
		tup := i.Type().(*types.Tuple)
		kt, vt := tup.At(1).Type(), tup.At(2).Type()
		b.addInFlowAliasEdges(indexedLocal{val: i, typ: kt, index: 1}, mapKey{typ: kt})
		b.addInFlowAliasEdges(indexedLocal{val: i, typ: vt, index: 2}, mapValue{typ: vt})
	case *ssa.MakeChan, *ssa.MakeMap, *ssa.MakeSlice, *ssa.BinOp,
		*ssa.Alloc, *ssa.DebugRef, *ssa.Convert, *ssa.Jump, *ssa.If,
		*ssa.Slice, *ssa.SliceToArrayPointer, *ssa.Range, *ssa.RunDefers:
		// No flow.
	default:
		panic(fmt.Sprintf("flow: unsupported instruction %v", instr))
	}
}

func (b *builder) call(c ssa.CallInstruction) {
	cc := c.Common()
	if bf, ok := cc.Value.(*ssa.Builtin); ok && bf.Name() == "recover" {
		if v, ok := c.(ssa.Value); ok {
			b.addInFlowEdge(recoverReturn{}, b.nodeFromVal(v))
		}
		return
	}
	callees := b.a.callees(c)
	if len(callees) == 0 {
		return
	}
	// What can flow is the same for every callee (an argument's type is
	// its parameter's, a result's the call's): an interface call of the
	// class hierarchy has hundreds of callees, and most arguments and
	// results carry no type that can flow.
	var args []int
	var argNodes []node
	for i, v := range cc.Args {
		if inFlow(v.Type()) {
			args, argNodes = append(args, i), append(argNodes, b.nodeFromVal(v))
		}
	}
	site, isValue := c.(ssa.Value) // not a go or defer
	results := isValue && tupleInFlow(site.Type())
	if len(args) == 0 && !results && cc.Method == nil {
		return
	}
	for _, f := range callees {
		b.argumentFlows(cc, f, args, argNodes)
		if !results {
			continue
		}
		if f.Signature.Results().Len() == 1 {
			b.addInFlowEdge(resultVar{f: f, index: 0}, b.nodeFromVal(site))
		} else {
			tup := site.Type().(*types.Tuple)
			for i := range f.Signature.Results().Len() {
				b.addInFlowEdge(resultVar{f: f, index: i}, indexedLocal{val: site, typ: tup.At(i).Type(), index: i})
			}
		}
	}
}

// argumentFlows adds the flows from the arguments args (their indices, in
// order, and nodes) to f's parameters.
func (b *builder) argumentFlows(cc *ssa.CallCommon, f *ssa.Function, args []int, argNodes []node) {
	if len(f.Params) == 0 {
		return
	}
	offset := 0
	if cc.Method != nil {
		// No flow into the receiver, but for a named function type's.
		if isFunction(f.Params[0].Type()) {
			b.addInFlowEdge(b.nodeFromVal(cc.Value), b.nodeFromVal(f.Params[0]))
		}
		offset = 1
	}
	for k, i := range args {
		if len(f.Params) <= i+offset {
			return
		}
		b.addInFlowAliasEdges(b.nodeFromVal(f.Params[i+offset]), argNodes[k])
	}
}

// tupleInFlow reports whether a type can flow to t or, for a tuple, to one
// of its elements.
func tupleInFlow(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok {
		for i := range tup.Len() {
			if inFlow(tup.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return inFlow(t)
}

func (b *builder) multiconvert(c *ssa.MultiConvert) {
	dst, src := termSet(c.Type()), termSet(c.X.Type())
	for _, s := range src {
		us := s.Type().Underlying()
		for _, d := range dst {
			ud := d.Type().Underlying()
			if valuePreserving(us, ud) {
				b.addInFlowAliasEdges(b.nodeFromVal(c), b.nodeFromVal(c.X))
				return
			}
		}
	}
}

// valuePreserving reports whether a conversion between the underlying
// types src and dst only changes the type.
func valuePreserving(src, dst types.Type) bool {
	if types.IdenticalIgnoreTags(dst, src) {
		return true
	}
	switch dst.(type) {
	case *types.Chan:
		_, ok := src.(*types.Chan)
		return ok
	case *types.Pointer:
		_, ok := src.(*types.Pointer)
		return ok
	}
	return false
}

// addInFlowAliasEdges adds r -> l, and l -> r when both can alias.
func (b *builder) addInFlowAliasEdges(l, r node) {
	b.addInFlowEdge(r, l)
	if b.isReference(l) && b.isReference(r) {
		b.addInFlowEdge(l, r)
	}
}

func (b *builder) isReference(n node) bool {
	switch n.(type) {
	case nestedPtrInterface, nestedPtrFunction:
		return true
	}
	_, ok := types.Unalias(n.Type()).(*types.Pointer)
	return ok
}

// addInFlowEdge adds s -> d when a type can flow to d.
func (b *builder) addInFlowEdge(s, d node) {
	if b.hasInFlow(d) {
		b.addEdge(b.representative(s), b.representative(d))
	}
}

func (b *builder) hasInFlow(n node) bool {
	switch n.(type) {
	case panicArg, recoverReturn:
		return true
	}
	return inFlow(n.Type())
}

// inFlow reports whether a concrete type can flow to a value of type t:
// an interface, a function, or a pointer to one, through pointers (VTA's
// hasInFlow: interfaceUnderPtr, functionUnderPtr, IsInterface, isFunction).
// Cheaper to walk than to remember: most types of a program are met once.
func inFlow(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Interface, *types.Signature:
		return true
	case *types.Pointer:
		return underPtr(t, func(e types.Type) bool { return types.IsInterface(e) || isFunction(e) }) != nil
	}
	return false
}

// interfaceUnderPtr returns the interface t is a pointer to, through
// pointers, or nil.
func (b *builder) interfaceUnderPtr(t types.Type) types.Type { return underPtr(t, types.IsInterface) }

// functionUnderPtr returns the function type t is a pointer to, through
// pointers, or nil.
func (b *builder) functionUnderPtr(t types.Type) types.Type { return underPtr(t, isFunction) }

// underPtr returns the first type of the chain of pointers t is that
// satisfies is, or nil (the chain ends, or loops: type P *P).
func underPtr(t types.Type, is func(types.Type) bool) types.Type {
	for range 64 {
		p, ok := t.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		if is(p.Elem()) {
			return p.Elem()
		}
		t = p.Elem()
	}
	return nil
}

func isFunction(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

func canHaveMethods(t types.Type) bool {
	t = types.Unalias(t)
	if _, ok := t.(*types.Named); ok {
		return true
	}
	switch t.Underlying().(type) {
	case *types.Interface, *types.Signature, *types.Struct:
		return true
	}
	return false
}

// nodeFromVal is the node of an SSA value.
func (b *builder) nodeFromVal(val ssa.Value) node {
	if p, ok := types.Unalias(val.Type()).(*types.Pointer); ok && !types.IsInterface(p.Elem()) && !isFunction(p.Elem()) {
		if i := b.interfaceUnderPtr(p.Elem()); i != nil {
			return nestedPtrInterface{typ: i}
		}
		if f := b.functionUnderPtr(p.Elem()); f != nil {
			return nestedPtrFunction{typ: f}
		}
		return pointer{typ: p}
	}
	switch v := val.(type) {
	case *ssa.Const:
		return constant{typ: val.Type()}
	case *ssa.Global:
		return global{val: v}
	case *ssa.Function:
		return function{f: v}
	case *ssa.Parameter, *ssa.FreeVar, ssa.Instruction:
		return local{val: v}
	}
	panic(fmt.Errorf("flow: unsupported value %v in node creation", val))
}

// representative is the node with canonical types.
func (b *builder) representative(n node) node {
	switch i := n.(type) {
	case constant:
		return constant{typ: b.rep(i.typ)}
	case pointer:
		return pointer{typ: b.rep(i.typ).(*types.Pointer)}
	case sliceElem:
		return sliceElem{typ: b.rep(i.typ)}
	case mapKey:
		return mapKey{typ: b.rep(i.typ)}
	case mapValue:
		return mapValue{typ: b.rep(i.typ)}
	case channelElem:
		return channelElem{typ: b.rep(i.typ)}
	case nestedPtrInterface:
		return nestedPtrInterface{typ: b.rep(i.typ)}
	case nestedPtrFunction:
		return nestedPtrFunction{typ: b.rep(i.typ)}
	case field:
		return field{StructType: b.rep(i.StructType), index: i.index}
	case indexedLocal:
		return indexedLocal{typ: b.rep(i.typ), val: i.val, index: i.index}
	case local, global, panicArg, recoverReturn, function, resultVar:
		return n
	}
	panic(fmt.Errorf("flow: canonicalizing unrecognized node %v", n))
}
