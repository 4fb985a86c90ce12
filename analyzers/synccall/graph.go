package synccall

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/archcheck/archcheck/rules"
)

// A site is one call in the body of a node.
type site struct {
	call   *ast.CallExpr // nil for the edge from an interface method to an implementation
	callee *types.Func   // the generic origin
	async  bool          // the callee of a go statement, or a call in its body
	via    string        // how the call was resolved (Call.Via)
}

// A node is a function of the package's static call graph: a declared
// function or method, the package's init (declared init functions and
// package-level initialisers), or a method of a declared interface, whose
// sites are edges to its implementations in the package.
type node struct {
	fn      *types.Func // nil for init
	step    Step
	sites   []site
	best    [numKinds][]Step // shortest chain per kind; nil if none
	callers []*node          // nodes with a synchronous site calling this one
	queued  bool
}

// numKinds is len(rules.Kinds).
const numKinds = 4

// kindIndex returns k's index in rules.Kinds, or -1.
func kindIndex(k rules.Kind) int {
	for i, kk := range rules.Kinds {
		if kk == k {
			return i
		}
	}
	return -1
}

// kindAt returns the kind at index i of rules.Kinds.
func kindAt(i int) rules.Kind { return rules.Kinds[i] }

// callGraph is the static call graph of one package's non-test files.
type callGraph struct {
	pass  *analysis.Pass
	nodes []*node               // in source order, then interface methods
	funcs map[*types.Func]*node // declared functions, methods and interface methods
	init  *node
}

// buildGraph collects the nodes of the package and their call sites.
func buildGraph(pass *analysis.Pass) *callGraph {
	g := &callGraph{pass: pass, funcs: map[*types.Func]*node{}}
	for _, f := range pass.Files {
		if isTestFile(pass.Fset, f) {
			continue
		}
		for _, d := range f.Decls {
			g.decl(d)
		}
	}
	g.interfaces()
	return g
}

func isTestFile(fset *token.FileSet, f *ast.File) bool {
	return strings.HasSuffix(fset.File(f.Pos()).Name(), "_test.go")
}

// decl adds the node of a function declaration, or the initialisers of a
// var declaration to init.
func (g *callGraph) decl(d ast.Decl) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		fn, ok := g.pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok || d.Body == nil {
			return
		}
		n := g.initNode()
		if d.Recv != nil || d.Name.Name != "init" {
			n = g.add(fn)
		}
		g.walk(d.Body, n, false)
	case *ast.GenDecl:
		if d.Tok != token.VAR {
			return
		}
		for _, spec := range d.Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				g.walk(v, g.initNode(), false)
			}
		}
	}
}

func (g *callGraph) add(fn *types.Func) *node {
	n := &node{fn: fn, step: stepOf(fn)}
	g.nodes = append(g.nodes, n)
	g.funcs[fn] = n
	return n
}

func (g *callGraph) initNode() *node {
	if g.init == nil {
		g.init = &node{step: newStep(g.pass.Pkg, "init")}
		g.nodes = append(g.nodes, g.init)
	}
	return g.init
}

// walk records the calls in root as sites of n. Everything in a go
// statement but its arguments (and the receiver expression of its callee)
// is asynchronous.
func (g *callGraph) walk(root ast.Node, n *node, async bool) {
	ast.Inspect(root, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.GoStmt:
			if !async {
				g.goStmt(x, n)
				return false
			}
		case *ast.CallExpr:
			g.site(x, n, async)
		}
		return true
	})
}

// goStmt records `go f(args)`: the call of f is asynchronous, the
// evaluation of f's receiver and of the arguments is not, and the bodies of
// function literals are asynchronous wherever they appear.
func (g *callGraph) goStmt(s *ast.GoStmt, n *node) {
	g.site(s.Call, n, true)
	switch fun := ast.Unparen(s.Call.Fun).(type) {
	case *ast.FuncLit:
		g.walk(fun.Body, n, true)
	case *ast.SelectorExpr:
		g.walk(fun.X, n, false)
	default:
		g.walk(fun, n, false)
	}
	for _, arg := range s.Call.Args {
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			g.walk(lit.Body, n, true)
		} else {
			g.walk(arg, n, false)
		}
	}
}

// site records call if its callee is a function or method known statically
// (or an interface method).
func (g *callGraph) site(call *ast.CallExpr, n *node, async bool) {
	fn, ok := typeutil.Callee(g.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	n.sites = append(n.sites, site{call: call, callee: fn.Origin(), async: async})
}

// isInterfaceMethod reports whether fn is an abstract method.
func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// interfaces adds a node for each method of each interface declared in the
// package, with edges to the implementations by the package's own types.
func (g *callGraph) interfaces() {
	ifaces, concrete := NamedTypes(g.pass.Pkg)
	for _, iface := range ifaces {
		g.implementations(iface, concrete)
	}
}

func (g *callGraph) implementations(iface *types.Named, concrete []*types.Named) {
	it := iface.Underlying().(*types.Interface)
	var impls []types.Type
	for _, c := range concrete {
		if ptr := types.NewPointer(c); types.Implements(ptr, it) {
			impls = append(impls, ptr)
		}
	}
	if len(impls) == 0 {
		return
	}
	for i := range it.NumExplicitMethods() {
		m := it.ExplicitMethod(i)
		n := g.add(m)
		for _, t := range impls {
			if fn := MethodOf(t, m); fn != nil {
				n.sites = append(n.sites, site{callee: fn})
			}
		}
	}
}

// NamedTypes returns the named types declared at package level in pkg,
// aliases and generic types left out, split into interfaces and the others,
// in scope order: the types a class hierarchy analysis considers.
func NamedTypes(pkg *types.Package) (ifaces, concrete []*types.Named) {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.TypeParams().Len() > 0 {
			continue
		}
		if types.IsInterface(named) {
			ifaces = append(ifaces, named)
		} else {
			concrete = append(concrete, named)
		}
	}
	return ifaces, concrete
}

// MethodOf returns the method of t (addressable, so *T's method set for a
// T) that implements the interface method m, or nil.
func MethodOf(t types.Type, m *types.Func) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
	if fn, ok := obj.(*types.Func); ok {
		return fn.Origin()
	}
	return nil
}
