package synccall

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/rules"
)

// A site is one call in the body of a node.
type site struct {
	// at is the call expression, or the function value passed to a callee
	// that calls it; nil for the edge from an interface method to an
	// implementation.
	at     ast.Expr
	callee *types.Func // the generic origin
	async  bool        // the callee of a go statement, or a call in its body
	via    string      // how the call was resolved (Call.Via)
}

// A node is a function of the package's static call graph: a declared
// function or method, the package's init (declared init functions and
// package-level initialisers), a function literal that does not surely run
// where it is written (stored, returned, passed as a callback that is not
// called synchronously), or a method of a declared interface, whose sites
// are edges to its implementations in the package.
type node struct {
	fn      *types.Func // nil for init and literals
	step    Step
	key     string // the caller's part of a baseline symbol: step.Full, or for a literal its enclosing function's plus its field or "lit"
	sites   []site
	best    [numKinds][]Step // shortest chain per kind; nil if none
	callers []*node          // nodes with a synchronous site calling this one
	queued  bool
	// vcalls are the package-level function variables the node calls
	// through synchronously (funcvars.go), at vpos.
	vcalls []*types.Var
	vpos   []token.Pos
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
	// params are the function-typed parameters each declared function
	// calls synchronously (the CallsParams facts of the package).
	params map[*types.Func][]int
	// ran holds the literals (full names) that run synchronously in their
	// enclosing function (Result.Ran).
	ran map[string]bool
	// dones are the *sync.WaitGroup parameters each declared function
	// calls Done on (workerDones).
	dones map[*types.Func][]int
	// lits are the nodes of stored literals; stores the function values
	// the package stores in package-level variables (funcvars.go).
	lits   map[*ast.FuncLit]*node
	stores []store
}

// buildGraph collects the nodes of the package and their call sites.
func buildGraph(pass *analysis.Pass, m *matcher) *callGraph {
	g := &callGraph{pass: pass, funcs: map[*types.Func]*node{}}
	var files []*ast.File
	for _, f := range pass.Files {
		if !isTestFile(pass.Fset, f) {
			files = append(files, f)
		}
	}
	g.params = paramCalls(pass, m, files)
	g.dones = workerDones(pass.TypesInfo, files)
	b := &builder{g: g, info: pass.TypesInfo, match: m}
	for _, f := range files {
		for _, d := range f.Decls {
			b.decl(d)
		}
	}
	g.stores = b.findStores(files)
	g.interfaces()
	return g
}

func isTestFile(fset *token.FileSet, f *ast.File) bool {
	return strings.HasSuffix(fset.File(f.Pos()).Name(), "_test.go")
}

func (g *callGraph) add(fn *types.Func) *node {
	n := &node{fn: fn, step: stepOf(fn)}
	n.key = n.step.Full
	g.nodes = append(g.nodes, n)
	g.funcs[fn] = n
	return n
}

func (g *callGraph) initNode() *node {
	if g.init == nil {
		g.init = &node{step: newStep(g.pass.Pkg, "init")}
		g.init.key = g.init.step.Full
		g.nodes = append(g.nodes, g.init)
	}
	return g.init
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
