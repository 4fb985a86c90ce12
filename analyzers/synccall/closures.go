package synccall

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/archcheck/archcheck/catalog"
)

// This file decides what runs synchronously where (SPEC "Calls, closures
// and goroutines"): a function literal is a function of its own, and its
// body counts for the enclosing function only where it surely runs there;
// a function passed as an argument runs only when the callee calls that
// parameter synchronously; goroutines are asynchronous unless waited for.

// CallsParams is the fact exported for each function or method that calls
// some of its function-typed parameters synchronously, directly or by
// passing them on to a callee that does: a literal or function value passed
// there runs during the call.
type CallsParams struct {
	Params []int // indices among the parameters (the receiver not counted), ascending
}

// AFact marks CallsParams as an analysis fact.
func (*CallsParams) AFact() {}

func (f *CallsParams) String() string {
	s := "calls params"
	for _, p := range f.Params {
		s += " " + strconv.Itoa(p)
	}
	return s
}

// WaitedSuffix marks a sync-call made in a goroutine its caller waits for:
// it follows "synchronously" in the message.
const WaitedSuffix = " (in a goroutine the caller waits for)"

// ctx is where a walk is: the node calls are attributed to, the named
// function (or init) it belongs to, the body whose waits count, and
// whether the code runs in an unwaited goroutine (async) or a waited one.
type ctx struct {
	n, top        *node
	sc            *scope
	async, waited bool
}

// scope is what a function body (a declaration's, or a stored literal's)
// says about its own literals and goroutines.
type scope struct {
	waits  map[string]bool           // receivers of Wait on a sync.WaitGroup or errgroup.Group
	inline map[*ast.FuncLit]bool     // literals held only by a local the body calls
	locals map[*types.Var]bool       // those locals
	params map[*types.Var]int        // paramCalls: the function-typed parameters, by index
	found  map[int]bool              // paramCalls: the parameters called synchronously
	vals   map[*types.Var][]ast.Expr // each local's assigned values (nil: unknown)
}

// builder walks function bodies into the call graph's nodes (or, with pre
// set, only finds which parameters each function calls).
type builder struct {
	g      *callGraph
	info   *types.Info
	match  *matcher
	pre    bool
	names  map[*ast.FuncLit]string // "Outer.func1", "Outer.func1.2"
	fields map[*ast.FuncLit]string // the composite-literal field or assigned field holding it
	count  map[string]int          // literals numbered so far per named function
	cur    *scope                  // paramCalls: the body being scanned
}

// decl adds the node of a function declaration, or the initialisers of a
// var declaration to init.
func (b *builder) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		fn, ok := b.info.Defs[d.Name].(*types.Func)
		if !ok || d.Body == nil {
			return
		}
		n := b.g.initNode()
		if d.Recv != nil || d.Name.Name != "init" {
			n = b.g.add(fn)
		}
		b.nameLits(d.Body, n.step.Name)
		b.walk(d.Body, ctx{n: n, top: n, sc: b.scope(d.Body, nil)})
	case *ast.GenDecl:
		if d.Tok != token.VAR {
			return
		}
		for _, spec := range d.Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				n := b.g.initNode()
				b.nameLits(v, "init")
				b.walk(v, ctx{n: n, top: n, sc: b.scope(v, nil)})
			}
		}
	}
}

// nameLits names the literals under root the way the compiler does: the
// outermost ones prefix.func1, prefix.func2, … in source order (numbered
// across the declarations sharing prefix, as init's), nested ones
// parent.1, parent.2, …; and notes the field each is stored in.
func (b *builder) nameLits(root ast.Node, prefix string) {
	if b.names == nil {
		b.names, b.fields, b.count = map[*ast.FuncLit]string{}, map[*ast.FuncLit]string{}, map[string]int{}
	}
	var visit func(root ast.Node, next func() string)
	visit = func(root ast.Node, next func() string) {
		ast.Inspect(root, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.KeyValueExpr:
				if lit, ok := ast.Unparen(x.Value).(*ast.FuncLit); ok {
					if id, ok := x.Key.(*ast.Ident); ok {
						b.fields[lit] = id.Name
					}
				}
			case *ast.AssignStmt:
				if len(x.Lhs) == len(x.Rhs) {
					for i, r := range x.Rhs {
						lit, ok := ast.Unparen(r).(*ast.FuncLit)
						if sel, isSel := x.Lhs[i].(*ast.SelectorExpr); ok && isSel {
							b.fields[lit] = sel.Sel.Name
						}
					}
				}
			case *ast.FuncLit:
				name := next()
				b.names[x] = name
				k := 0
				visit(x.Body, func() string { k++; return name + "." + strconv.Itoa(k) })
				return false
			}
			return true
		})
	}
	visit(root, func() string { b.count[prefix]++; return prefix + ".func" + strconv.Itoa(b.count[prefix]) })
}

// scope scans a body for the groups it waits on and the literals held only
// by a local it calls.
func (b *builder) scope(body ast.Node, params map[*types.Var]int) *scope {
	sc := &scope{waits: map[string]bool{}, inline: map[*ast.FuncLit]bool{}, locals: map[*types.Var]bool{},
		params: params, found: map[int]bool{}}
	assigned := map[*types.Var][]ast.Expr{} // each local's assigned values (nil: not a literal)
	called := map[*types.Var]bool{}
	local := func(id *ast.Ident) *types.Var {
		obj := b.info.ObjectOf(id)
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || params[v] != 0 {
			return nil
		}
		return v
	}
	assign := func(lhs []ast.Expr, rhs []ast.Expr) {
		for i, l := range lhs {
			id, ok := ast.Unparen(l).(*ast.Ident)
			if !ok {
				continue
			}
			if v := local(id); v != nil {
				var val ast.Expr
				if len(lhs) == len(rhs) {
					val = rhs[i]
				} else if _, ok := ast.Unparen(rhs[0]).(*ast.IndexExpr); ok && i == 0 && len(rhs) == 1 {
					val = rhs[0] // v, ok := m[k]
				}
				assigned[v] = append(assigned[v], val)
			}
		}
	}
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			assign(x.Lhs, x.Rhs)
		case *ast.ValueSpec:
			if len(x.Values) > 0 {
				lhs := make([]ast.Expr, len(x.Names))
				for i, n := range x.Names {
					lhs[i] = n
				}
				assign(lhs, x.Values)
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
				if v := local(id); v != nil {
					called[v] = true
				}
			}
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Wait" {
				if fn, ok := typeutil.Callee(b.info, x).(*types.Func); ok && isGroup(fn) {
					sc.waits[recvKey(sel.X)] = true
				}
			}
		}
		return true
	})
	sc.vals = assigned
	for v, vals := range assigned {
		if len(vals) != 1 || !called[v] {
			continue
		}
		if lit, ok := ast.Unparen(vals[0]).(*ast.FuncLit); ok {
			sc.inline[lit] = true
			sc.locals[v] = true
		}
	}
	return sc
}

// groups are the catalog's goroutine groups (sync.WaitGroup, errgroup.Group).
var groups = catalog.Groups()

// isGroup reports whether fn is a method of a goroutine group.
func isGroup(fn *types.Func) bool {
	n := nameOf(fn)
	for _, g := range groups {
		if n.Pkg == g.Pkg && n.Recv == g.Recv {
			return true
		}
	}
	return false
}

// isGroupGo reports whether fn starts a goroutine of a group: the Go and
// TryGo methods of errgroup.Group, sync.WaitGroup's Go.
func isGroupGo(fn *types.Func) bool {
	return isGroup(fn) && (fn.Name() == "Go" || fn.Name() == "TryGo")
}

// recvKey spells a group's expression without & and parentheses, so that
// wg.Add, (&wg).Wait and a goroutine's wg.Done name one group.
func recvKey(x ast.Expr) string {
	x = ast.Unparen(x)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		x = ast.Unparen(u.X)
	}
	return types.ExprString(x)
}

// walk records the calls in root as sites of c.n.
func (b *builder) walk(root ast.Node, c ctx) {
	if root == nil {
		return
	}
	ast.Inspect(root, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.GoStmt:
			b.goStmt(x, c)
			return false
		case *ast.FuncLit:
			b.lit(x, c)
			return false
		case *ast.CallExpr:
			b.call(x, c)
			return false
		}
		return true
	})
}

// lit handles a literal that is not called where it is written: its body
// runs here if a local holding only it is called; otherwise it is stored
// (a field, a variable, a return value, a channel send, a callback that is
// not called synchronously) and is a node of its own.
func (b *builder) lit(x *ast.FuncLit, c ctx) {
	if c.sc.inline[x] {
		b.runs(x, c)
		b.walk(x.Body, c)
		return
	}
	if b.pre {
		return // a stored literal's calls are not its enclosing function's
	}
	step := newStep(b.g.pass.Pkg, b.names[x])
	step.Field = b.fields[x]
	key := "lit"
	if step.Field != "" {
		key = step.Field
	}
	n := &node{step: step, key: c.top.key + "." + key}
	b.g.nodes = append(b.g.nodes, n)
	if b.g.lits == nil {
		b.g.lits = map[*ast.FuncLit]*node{}
	}
	b.g.lits[x] = n
	b.walk(x.Body, ctx{n: n, top: c.top, sc: b.scope(x.Body, nil), async: c.async})
}

// runs notes that literal x runs synchronously in its enclosing function
// (unless c is an unwaited goroutine): its calls are that function's
// (Result.Ran).
func (b *builder) runs(x *ast.FuncLit, c ctx) {
	if b.pre || c.async {
		return
	}
	if b.g.ran == nil {
		b.g.ran = map[string]bool{}
	}
	b.g.ran[newStep(b.g.pass.Pkg, b.names[x]).Full] = true
}

// goStmt records `go f(args)`: the call of f and the bodies of literals in
// it are asynchronous unless the function waits for the goroutine (a
// literal whose body calls Done on a sync.WaitGroup the function calls
// Wait on); the evaluation of f's receiver and of the arguments is not.
func (b *builder) goStmt(s *ast.GoStmt, c ctx) {
	fun := ast.Unparen(s.Call.Fun)
	inner := c
	if lit, ok := fun.(*ast.FuncLit); ok && !c.async && b.waitedGo(lit.Body, c.sc) {
		inner.waited = true
	} else if !c.async && b.waitedWorker(s.Call, c.sc) {
		inner.waited = true
	} else {
		inner.async = true
	}
	if fn, ok := typeutil.Callee(b.info, s.Call).(*types.Func); ok {
		b.addSite(s.Call, fn, inner)
	}
	switch fun := fun.(type) {
	case *ast.FuncLit:
		b.runs(fun, inner)
		b.walk(fun.Body, inner)
	case *ast.SelectorExpr:
		b.walk(fun.X, c)
	default:
		b.walk(fun, c)
	}
	for _, arg := range s.Call.Args {
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			b.walk(lit.Body, inner)
		} else {
			b.walk(arg, c)
		}
	}
}

// waitedGo reports whether a goroutine's body calls Done on a
// sync.WaitGroup that the function waits on.
func (b *builder) waitedGo(body ast.Node, sc *scope) bool {
	found := false
	ast.Inspect(body, func(x ast.Node) bool {
		call, ok := x.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
			if fn, ok := typeutil.Callee(b.info, call).(*types.Func); ok && isGroup(fn) && sc.waits[recvKey(sel.X)] {
				found = true
			}
		}
		return true
	})
	return found
}

// waitedWorker reports whether `go f(args)` starts a function of the
// package that calls Done on one of its *sync.WaitGroup parameters
// (workerDones) and the argument passed there is a group the function
// waits on: `go worker(&wg, …)` then `wg.Wait()`.
func (b *builder) waitedWorker(call *ast.CallExpr, sc *scope) bool {
	fn, ok := typeutil.Callee(b.info, call).(*types.Func)
	if !ok {
		return false
	}
	for _, i := range b.g.dones[fn.Origin()] {
		if i < len(call.Args) && sc.waits[recvKey(call.Args[i])] {
			return true
		}
	}
	return false
}

// workerDones finds, for each function and method declared in files, the
// *sync.WaitGroup parameters whose Done its body calls (directly or
// deferred, outside any literal it stores or starts): a goroutine of it,
// waited on that group, is waited for.
func workerDones(info *types.Info, files []*ast.File) map[*types.Func][]int {
	out := map[*types.Func][]int{}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			params := map[*types.Var]int{}
			ps := fn.Signature().Params()
			for i := range ps.Len() {
				if ptr, ok := ps.At(i).Type().(*types.Pointer); ok && isWaitGroup(ptr.Elem()) {
					params[ps.At(i)] = i + 1
				}
			}
			if len(params) == 0 {
				continue
			}
			found := map[int]bool{}
			ast.Inspect(fd.Body, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.FuncLit, *ast.GoStmt:
					return false
				case *ast.CallExpr:
					sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
					if !ok || sel.Sel.Name != "Done" {
						return true
					}
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok && params[v] > 0 {
							found[params[v]-1] = true
						}
					}
				}
				return true
			})
			for i := range ps.Len() {
				if found[i] {
					out[fn] = append(out[fn], i)
				}
			}
		}
	}
	return out
}

// isWaitGroup reports whether t is sync.WaitGroup.
func isWaitGroup(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "WaitGroup"
}

// call records a call: its static callee, the literal it calls in place,
// and the literals and function values among its arguments that run
// during the call.
func (b *builder) call(x *ast.CallExpr, c ctx) {
	fun := ast.Unparen(x.Fun)
	if lit, ok := fun.(*ast.FuncLit); ok {
		b.runs(lit, c)
		b.walk(lit.Body, c)
	} else {
		if fn, ok := typeutil.Callee(b.info, x).(*types.Func); ok {
			b.addSite(x, fn, c)
		} else {
			if id, ok := fun.(*ast.Ident); ok && !c.async {
				b.paramUse(id)
			}
			if v := b.funcVar(fun, c.sc); v != nil && !b.pre && !c.async && holdsFuncs(v.Type()) {
				c.n.vcalls = append(c.n.vcalls, v)
				c.n.vpos = append(c.n.vpos, x.Pos())
			}
		}
		b.walk(fun, c)
	}
	callee, _ := typeutil.Callee(b.info, x).(*types.Func)
	goFn := callee != nil && isGroupGo(callee)
	inner := c
	if goFn {
		if sel, ok := fun.(*ast.SelectorExpr); ok && !c.async && c.sc.waits[recvKey(sel.X)] {
			inner.waited = true
		} else {
			inner.async = true
		}
	}
	for i, arg := range x.Args {
		if goFn || callee != nil && b.callsParam(callee, i) {
			if b.runsArg(ast.Unparen(arg), inner) {
				continue
			}
		}
		b.walk(arg, c)
	}
}

// runsArg records an argument that runs during the call, in inner: a
// literal (walked here: it reports true), or a function value or a
// parameter it names.
func (b *builder) runsArg(a ast.Expr, inner ctx) bool {
	if lit, ok := a.(*ast.FuncLit); ok {
		b.runs(lit, inner)
		b.walk(lit.Body, inner)
		return true
	}
	if fv := b.funcValue(a); fv != nil {
		b.addSite(a, fv, inner)
	} else if id, ok := a.(*ast.Ident); ok && !inner.async {
		b.paramUse(id)
	}
	return false
}

// paramUse notes, while finding which parameters a function calls, that id
// (called, or passed to a callee that calls it) is one of them.
func (b *builder) paramUse(id *ast.Ident) {
	if !b.pre {
		return
	}
	if v, ok := b.info.Uses[id].(*types.Var); ok {
		if i, ok := b.cur.params[v]; ok {
			b.cur.found[i-1] = true
		}
	}
}

// funcValue returns the function or method a function value names: a
// function, a method value x.M, a method expression T.M; nil otherwise.
func (b *builder) funcValue(x ast.Expr) *types.Func {
	switch x := x.(type) {
	case *ast.Ident:
		fn, _ := b.info.Uses[x].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if sel, ok := b.info.Selections[x]; ok {
			if sel.Kind() == types.FieldVal {
				return nil
			}
			fn, _ := sel.Obj().(*types.Func)
			return fn
		}
		fn, _ := b.info.Uses[x.Sel].(*types.Func) // a qualified identifier
		return fn
	case *ast.IndexExpr: // an instantiation
		return b.funcValue(ast.Unparen(x.X))
	case *ast.IndexListExpr:
		return b.funcValue(ast.Unparen(x.X))
	}
	return nil
}

func (b *builder) addSite(at ast.Expr, fn *types.Func, c ctx) {
	if b.pre {
		return
	}
	via := ResolvedDirect
	if c.waited && !c.async {
		via = ResolvedWaited
	}
	c.n.sites = append(c.n.sites, site{at: at, callee: fn.Origin(), async: c.async, via: via})
}

// callsParam reports whether fn calls its parameter i synchronously: a
// built-in callback runner, a function of the package by the fixpoint, or
// another package's by its fact.
func (b *builder) callsParam(fn *types.Func, i int) bool {
	sig := fn.Signature()
	n := sig.Params().Len()
	if sig.Variadic() && i >= n-1 {
		i = n - 1
	}
	if i < 0 || i >= n {
		return false
	}
	if _, ok := sig.Params().At(i).Type().Underlying().(*types.Signature); !ok {
		return false
	}
	if b.match.callback(fn) {
		return true
	}
	fn = fn.Origin()
	if fn.Pkg() == b.g.pass.Pkg {
		return slices.Contains(b.g.params[fn], i)
	}
	if b.g.pass.ImportObjectFact != nil {
		var f CallsParams
		if b.g.pass.ImportObjectFact(fn, &f) {
			return slices.Contains(f.Params, i)
		}
	}
	return false
}

// paramCalls computes, for each function and method declared in files,
// the function-typed parameters it calls synchronously: a fixpoint, since
// a function may pass its parameter to another of the package that calls
// it.
func paramCalls(pass *analysis.Pass, m *matcher, files []*ast.File) map[*types.Func][]int {
	type cand struct {
		fn     *types.Func
		body   *ast.BlockStmt
		params map[*types.Var]int // index+1
	}
	var cands []cand
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			params := map[*types.Var]int{}
			ps := fn.Signature().Params()
			for i := range ps.Len() {
				if _, ok := ps.At(i).Type().Underlying().(*types.Signature); ok {
					params[ps.At(i)] = i + 1
				}
			}
			if len(params) > 0 {
				cands = append(cands, cand{fn, fd.Body, params})
			}
		}
	}
	out := map[*types.Func][]int{}
	if len(cands) == 0 {
		return out
	}
	g := &callGraph{pass: pass, params: out}
	b := &builder{g: g, info: pass.TypesInfo, match: m, pre: true}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			sc := b.scope(c.body, c.params)
			b.cur = sc
			b.walk(c.body, ctx{sc: sc})
			var found []int
			for i := range sc.found {
				found = append(found, i)
			}
			slices.Sort(found)
			if !slices.Equal(found, out[c.fn]) {
				out[c.fn] = found
				changed = true
			}
		}
	}
	for _, c := range cands {
		if ps := out[c.fn]; len(ps) > 0 {
			pass.ExportObjectFact(c.fn, &CallsParams{Params: ps})
		}
	}
	return out
}
