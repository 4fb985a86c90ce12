package synccall

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// This file follows calls through package-level function variables of the
// dependencies, for the whole-program view (check --whole-program): there,
// dependencies are known from export data only, so a call such as
// jsonschema.LoadURL(ctx, url) — a variable whose initialiser is a literal
// that calls through the Loaders map, which another package's init fills
// with an HTTP loader — resolves to nothing. Each package says, in a
// package fact, which functions it stores in package-level variables (its
// own or another package's), what they block on and which such variables
// they call through; the main module's packages resolve their calls
// through a dependency's variable with the facts of the packages they
// import (Result.VarCalls). The default mode never follows them (a call
// through a function value is whole-program only, SPEC "Calls, closures
// and goroutines").

// FuncVars is the package fact of a package that stores functions in
// package-level variables: a function-typed variable (var LoadURL =
// func…), or the elements of a map or slice of functions (Loaders["http"]
// = Load), declared in the package or in one it imports.
type FuncVars struct {
	Stores []VarStore
}

// AFact marks FuncVars as an analysis fact.
func (*FuncVars) AFact() {}

func (f *FuncVars) String() string {
	parts := make([]string, len(f.Stores))
	for i, s := range f.Stores {
		parts[i] = s.Var[strings.LastIndexByte(s.Var, '/')+1:] + " = " + s.Func.Qualified()
		for _, c := range s.Calls {
			parts[i] += " (calls " + c[strings.LastIndexByte(c, '/')+1:] + ")"
		}
		for _, c := range s.Chains {
			parts[i] += " [" + string(c.Kind) + ": " + c.qualified() + "]"
		}
	}
	return strings.Join(parts, "; ")
}

// VarStore is one function stored in a package-level variable.
type VarStore struct {
	Var    string  // the variable, fully qualified: "github.com/ory/jsonschema/v3.Loaders"
	Func   Step    // the function stored (a literal by its compiler-style name)
	Chains []Chain // what it blocks on by static calls, each starting at Func
	Calls  []string
}

// store is a function value stored in a package-level variable: a literal
// (its node) or a declared function.
type store struct {
	v   *types.Var
	lit *ast.FuncLit
	fn  *types.Func
}

// funcVar returns the package-level variable a call's function expression
// reads: the variable itself (V(…), pkg.V(…)), an element of it (V[k](…)),
// or a local assigned once from one of those (loader, ok := Loaders[s];
// loader(…)); nil otherwise.
func (b *builder) funcVar(fun ast.Expr, sc *scope) *types.Var {
	switch x := ast.Unparen(fun).(type) {
	case *ast.Ident:
		v, _ := b.info.Uses[x].(*types.Var)
		if v == nil {
			return nil
		}
		if isPackageVar(v) {
			return v
		}
		if sc == nil {
			return nil
		}
		if vals := sc.vals[v]; len(vals) == 1 && vals[0] != nil {
			if ix, ok := ast.Unparen(vals[0]).(*ast.IndexExpr); ok {
				return b.funcVar(ix.X, sc)
			}
			if g := b.funcVar(vals[0], nil); g != nil {
				return g
			}
		}
	case *ast.SelectorExpr:
		if _, ok := b.info.Selections[x]; ok {
			return nil // a field or method
		}
		if v, ok := b.info.Uses[x.Sel].(*types.Var); ok && isPackageVar(v) {
			return v
		}
	case *ast.IndexExpr:
		return b.funcVar(x.X, sc)
	}
	return nil
}

// isPackageVar reports whether v is a package-level variable.
func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && !v.IsField() && v.Parent() == v.Pkg().Scope()
}

// varName is a package-level variable's fully qualified name.
func varName(v *types.Var) string { return v.Pkg().Path() + "." + v.Name() }

// holdsFuncs reports whether t is a function type, or a map, slice or
// array of one.
func holdsFuncs(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Signature:
		return true
	case *types.Map:
		return holdsFuncs(u.Elem())
	case *types.Slice:
		return holdsFuncs(u.Elem())
	case *types.Array:
		return holdsFuncs(u.Elem())
	}
	return false
}

// findStores collects the function values the files store in package-level
// variables: initialisers (var V = f, var V = map[…]F{k: f}) and
// assignments anywhere (V = f, V[k] = f, pkg.V[k] = f).
func (b *builder) findStores(files []*ast.File) []store {
	var out []store
	add := func(v *types.Var, val ast.Expr) { out = append(out, b.storesOf(v, val)...) }
	target := b.storeTarget
	for _, f := range files {
		ast.Inspect(f, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.AssignStmt:
				if x.Tok == token.ASSIGN && len(x.Lhs) == len(x.Rhs) {
					for i, l := range x.Lhs {
						add(target(l), x.Rhs[i])
					}
				}
			case *ast.GenDecl:
				if x.Tok != token.VAR {
					return true
				}
				for _, spec := range x.Specs {
					vs := spec.(*ast.ValueSpec)
					if len(vs.Names) != len(vs.Values) {
						continue
					}
					for i, name := range vs.Names {
						v, _ := b.info.Defs[name].(*types.Var)
						add(v, vs.Values[i])
					}
				}
			}
			return true
		})
	}
	return out
}

// storesOf returns the function values val stores in v, when v is a
// package-level variable that holds functions: val itself, or the
// elements (the values, for keyed ones) of a composite literal.
func (b *builder) storesOf(v *types.Var, val ast.Expr) []store {
	if v == nil || !isPackageVar(v) || !holdsFuncs(v.Type()) {
		return nil
	}
	var elems []ast.Expr
	switch x := ast.Unparen(val).(type) {
	case *ast.CompositeLit:
		for _, e := range x.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			elems = append(elems, e)
		}
	default:
		elems = []ast.Expr{x}
	}
	var out []store
	for _, e := range elems {
		e = ast.Unparen(e)
		if lit, ok := e.(*ast.FuncLit); ok {
			out = append(out, store{v: v, lit: lit})
		} else if fn := b.funcValue(e); fn != nil {
			out = append(out, store{v: v, fn: fn.Origin()})
		}
	}
	return out
}

// storeTarget is the variable an assignment's left-hand side stores in
// (V, V[k], pkg.V, pkg.V[k]); nil for a field or anything else.
func (b *builder) storeTarget(lhs ast.Expr) *types.Var {
	lhs = ast.Unparen(lhs)
	if ix, ok := lhs.(*ast.IndexExpr); ok {
		lhs = ast.Unparen(ix.X)
	}
	switch x := lhs.(type) {
	case *ast.Ident:
		v, _ := b.info.ObjectOf(x).(*types.Var)
		return v
	case *ast.SelectorExpr:
		if _, ok := b.info.Selections[x]; !ok {
			v, _ := b.info.Uses[x.Sel].(*types.Var)
			return v
		}
	}
	return nil
}

// funcVarsFact returns the package's FuncVars fact (nil when it stores no
// function in a package-level variable).
func (s *solver) funcVarsFact() *FuncVars {
	g := s.graph
	var f FuncVars
	for _, st := range g.stores {
		vs := VarStore{Var: varName(st.v)}
		var n *node
		switch {
		case st.lit != nil:
			if n = g.lits[st.lit]; n == nil {
				continue
			}
			vs.Func, vs.Chains = n.step, n.chains()
		default:
			vs.Func, vs.Chains = stepOf(st.fn), s.chainsOf(st.fn)
			if s.match.classify(st.fn) == (target{}) {
				n = g.funcs[st.fn]
			}
		}
		if n != nil {
			for _, v := range n.vcalls {
				if name := varName(v); !slices.Contains(vs.Calls, name) {
					vs.Calls = append(vs.Calls, name)
				}
			}
			slices.Sort(vs.Calls)
		}
		f.Stores = append(f.Stores, vs)
	}
	if len(f.Stores) == 0 {
		return nil
	}
	slices.SortStableFunc(f.Stores, func(a, b VarStore) int {
		return cmp.Or(cmp.Compare(a.Var, b.Var), cmp.Compare(a.Func.Full, b.Func.Full))
	})
	return &f
}

// varResolver resolves a dependency's package-level variable to the chains
// of the functions stored in it, by the FuncVars facts of every package the
// analysed package imports, transitively. (Any of them may store into the
// variable: a package read from export data lists only the imports its API
// mentions, so httploader, which fills jsonschema.Loaders in its init, does
// not say that it imports jsonschema.)
type varResolver struct {
	s      *solver
	stores map[string][]VarStore // by variable
	memo   map[string][]varChain
}

func (s *solver) newVarResolver() *varResolver {
	r := &varResolver{s: s, stores: map[string][]VarStore{}, memo: map[string][]varChain{}}
	seen := map[*types.Package]bool{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		var f FuncVars
		if p != s.pass.Pkg && s.pass.ImportPackageFact != nil && s.pass.ImportPackageFact(p, &f) {
			for _, st := range f.Stores {
				r.stores[st.Var] = append(r.stores[st.Var], st)
			}
		}
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(s.pass.Pkg)
	return r
}

// varChain is a chain with, for each step, how it is reached from the
// previous one ("" for a static call, ResolvedFuncValue for a call through
// a variable).
type varChain struct {
	Chain
	vias []string
}

// chains returns the shortest chain per kind of the functions stored in
// the variable (fully qualified), each starting at the stored function.
func (r *varResolver) chains(v string) []varChain {
	if c, ok := r.memo[v]; ok {
		return c
	}
	r.memo[v] = nil // a variable reached again through its own stores adds nothing
	var best [numKinds]*varChain
	for _, st := range r.stores[v] {
		var tails []varChain
		for _, c := range st.Chains {
			tails = append(tails, varChain{c, make([]string, len(c.Steps))})
		}
		for _, w := range st.Calls {
			for _, c := range r.chains(w) {
				vias := append([]string{"", ResolvedFuncValue}, c.vias[1:]...)
				tails = append(tails, varChain{Chain{Kind: c.Kind, Steps: prepend(st.Func, c.Steps)}, vias})
			}
		}
		for _, c := range tails {
			if k := kindIndex(c.Kind); k >= 0 && (best[k] == nil || less(c.Steps, best[k].Steps)) {
				best[k] = &c
			}
		}
	}
	var out []varChain
	for _, c := range best {
		if c != nil {
			out = append(out, *c)
		}
	}
	r.memo[v] = out
	return out
}

// varCalls returns, for a package of the main module, its calls through a
// dependency's package-level function variable that can block, resolved by
// the facts (Result.VarCalls).
func (s *solver) varCalls(cfg *rules.Config) []Call {
	var r *varResolver
	var out []Call
	for _, n := range s.graph.nodes {
		for i, v := range n.vcalls {
			if cfg.InMainModule(v.Pkg().Path()) {
				continue // the whole-program view sees the main module's stores itself
			}
			if r == nil {
				r = s.newVarResolver()
			}
			chains := r.chains(varName(v))
			if len(chains) == 0 {
				continue
			}
			c := Call{Pos: n.vpos[i], Caller: n.step.Full, CallerKey: n.key, Callee: varName(v),
				FromPkg: s.pass.Pkg.Path(), ToPkg: v.Pkg().Path(), Via: ResolvedFuncValue, CallerStep: n.step}
			for _, ch := range chains {
				vias := append([]string{ResolvedFuncValue}, ch.vias[1:]...)
				c.Blocks = append(c.Blocks, Block{Kind: ch.Kind, Chain: ch.Names(), Steps: ch.Steps, Vias: vias})
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Call) int { return cmp.Compare(a.Pos, b.Pos) })
	return out
}
