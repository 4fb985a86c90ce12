package sqltables

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/archcheck/archcheck/internal/analysisdoc"
)

//go:embed doc.go
var docSource string

// Analyzer records the SQL tables each function reads and writes. It needs
// no config: the libraries it knows are matched by name.
var Analyzer = &analysis.Analyzer{
	Name:       "sqltables",
	Doc:        analysisdoc.Extract(docSource, "sqltables"),
	URL:        "https://github.com/archcheck/archcheck/blob/main/docs/suggest.md#data-ownership",
	Run:        run,
	FactTypes:  []analysis.Fact{new(Access)},
	ResultType: reflect.TypeFor[*Result](),
}

// Result lists a package's table uses, sorted by position, then table.
type Result struct {
	Uses []Use
}

// Use is one table read or written by a query at Pos.
type Use struct {
	Pos   token.Pos
	Func  string // fully qualified, "path.init" for package-level initialisers
	Table string
	Write bool
}

// Access is the fact of a function that runs SQL: the tables it reads and
// writes directly (not through the functions it calls).
type Access struct {
	Reads, Writes []string // sorted
}

// AFact marks Access as an analysis fact.
func (*Access) AFact() {}

func (a *Access) String() string {
	var parts []string
	if len(a.Reads) > 0 {
		parts = append(parts, "reads "+strings.Join(a.Reads, ", "))
	}
	if len(a.Writes) > 0 {
		parts = append(parts, "writes "+strings.Join(a.Writes, ", "))
	}
	return strings.Join(parts, "; ")
}

// run finds the query calls of every function, records their tables and
// exports one fact per function.
func run(pass *analysis.Pass) (any, error) {
	res := new(Result)
	if !usesQueryFunc(pass.TypesInfo) {
		// No query function is callable here: skip the traversal. This
		// keeps the analyzer cheap on the many packages of a program that
		// never touch a database (it runs on all of them, on the typed
		// load it shares with sync-call).
		return res, nil
	}
	ins := inspector.New(pass.Files)
	locals := localInits(pass, ins)
	facts := map[*types.Func]*Access{}
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		arg := queryArg(pass, call)
		if arg == nil {
			continue
		}
		text, ok := queryText(pass, arg, locals)
		if !ok {
			continue
		}
		fn, name := enclosing(pass, cur)
		reads, writes := Tables(text)
		for _, t := range reads {
			res.Uses = append(res.Uses, Use{Pos: call.Pos(), Func: name, Table: t})
		}
		for _, t := range writes {
			res.Uses = append(res.Uses, Use{Pos: call.Pos(), Func: name, Table: t, Write: true})
		}
		if fn != nil && len(reads)+len(writes) > 0 {
			a := facts[fn]
			if a == nil {
				a = new(Access)
				facts[fn] = a
			}
			a.Reads = union(a.Reads, reads)
			a.Writes = union(a.Writes, writes)
		}
	}
	for fn, a := range facts {
		pass.ExportObjectFact(fn, a)
	}
	slices.SortStableFunc(res.Uses, func(a, b Use) int {
		if a.Pos != b.Pos {
			return int(a.Pos - b.Pos)
		}
		return strings.Compare(a.Table, b.Table)
	})
	return res, nil
}

func union(a, b []string) []string {
	for _, x := range b {
		if !slices.Contains(a, x) {
			a = append(a, x)
		}
	}
	slices.Sort(a)
	return a
}

// enclosing returns the declared function around the cursor (function
// literals belong to it) and its fully qualified name; package-level
// initialisers belong to "path.init", which has no object.
func enclosing(pass *analysis.Pass, cur inspector.Cursor) (*types.Func, string) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := c.Node().(*ast.FuncDecl)
		fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if fn == nil {
			break
		}
		return fn, fullName(fn)
	}
	return nil, pass.Pkg.Path() + ".init"
}

// fullName spells a function as the sync-call chains do:
// "path.F", "path.T.M", "(*path.T).M".
func fullName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	t := recv.Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	name := "?"
	if n, ok := types.Unalias(t).(*types.Named); ok {
		name = n.Obj().Name()
	}
	if ptr {
		return "(*" + fn.Pkg().Path() + "." + name + ")." + fn.Name()
	}
	return fn.Pkg().Path() + "." + name + "." + fn.Name()
}

// libraries are the packages whose calls take queries, by path prefix
// ("/" ends a prefix), with the name prefixes of the functions and
// methods that do.
var libraries = []struct {
	path  string
	names []string
}{
	{"database/sql", []string{"Query", "Exec", "Prepare"}},
	{"github.com/jackc/pgx/", []string{"Query", "Exec", "Prepare", "Queue", "SendBatch"}},
	{"github.com/jmoiron/sqlx", []string{"Query", "Exec", "Prepare", "Get", "Select", "MustExec", "Named"}},
	{"github.com/georgysavva/scany/", []string{"Get", "Select", "Query"}},
}

func isQueryFunc(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	for _, lib := range libraries {
		if path == lib.path || strings.HasSuffix(lib.path, "/") && strings.HasPrefix(path, lib.path) {
			for _, n := range lib.names {
				if strings.HasPrefix(fn.Name(), n) {
					return true
				}
			}
		}
	}
	return false
}

// usesQueryFunc reports whether the package refers to any query function:
// a query call names its callee, so a package without such a use has none.
// It costs one pass over the package's uses, where a walk of its transitive
// imports cost one walk per package (quadratic on a monolith).
func usesQueryFunc(info *types.Info) bool {
	lib := map[*types.Package]bool{}
	for _, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil {
			continue
		}
		is, ok := lib[fn.Pkg()]
		if !ok {
			is = isLibrary(fn.Pkg().Path())
			lib[fn.Pkg()] = is
		}
		if is && isQueryFunc(fn) {
			return true
		}
	}
	return false
}

func isLibrary(path string) bool {
	for _, lib := range libraries {
		if path == lib.path || strings.HasSuffix(lib.path, "/") && strings.HasPrefix(path, lib.path) {
			return true
		}
	}
	return false
}

// queryParams are the parameter names that hold the query.
var queryParams = map[string]bool{"query": true, "sql": true, "stmt": true, "sqlStr": true}

// queryArg returns the query argument of a call to a query function, or
// nil: the parameter named query, sql or stmt, else the first string one.
func queryArg(pass *analysis.Pass, call *ast.CallExpr) ast.Expr {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || !isQueryFunc(fn) {
		return nil
	}
	sig := fn.Signature()
	n := sig.Params().Len()
	if sig.Variadic() {
		n-- // args ...any
	}
	idx := -1
	for i := range n {
		p := sig.Params().At(i)
		if b, ok := p.Type().Underlying().(*types.Basic); !ok || b.Kind() != types.String {
			continue
		}
		if queryParams[p.Name()] {
			idx = i
			break
		}
		if idx < 0 {
			idx = i
		}
	}
	if idx < 0 || idx >= len(call.Args) {
		return nil
	}
	return call.Args[idx]
}

// queryText returns the text of a query expression, with Unknown for the
// parts that are not constant.
func queryText(pass *analysis.Pass, e ast.Expr, locals map[types.Object]ast.Expr) (string, bool) {
	return textOf(pass, e, locals, 0)
}

func textOf(pass *analysis.Pass, e ast.Expr, locals map[types.Object]ast.Expr, depth int) (string, bool) {
	if depth > 8 {
		return Unknown, false
	}
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			break
		}
		l, lok := textOf(pass, e.X, locals, depth+1)
		r, rok := textOf(pass, e.Y, locals, depth+1)
		return l + r, lok || rok
	case *ast.Ident:
		if init, ok := locals[pass.TypesInfo.Uses[e]]; ok {
			return textOf(pass, init, locals, depth+1)
		}
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(pass.TypesInfo, e).(*types.Func); ok && fn.Pkg() != nil &&
			fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" && len(e.Args) > 0 {
			if f, ok := textOf(pass, e.Args[0], locals, depth+1); ok {
				return formatText(f), true
			}
		}
	}
	return Unknown, false
}

// formatText replaces the verbs of a format string with Unknown.
func formatText(f string) string {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		for i+1 < len(f) && strings.IndexByte("+-# 0123456789.[]*", f[i+1]) >= 0 {
			i++
		}
		i++ // the verb
		b.WriteString(Unknown)
	}
	return b.String()
}

// localInits maps the local variables of the package that are assigned
// exactly once, by their declaration, to their initializer.
func localInits(pass *analysis.Pass, ins *inspector.Inspector) map[types.Object]ast.Expr {
	inits := map[types.Object]ast.Expr{}
	assigned := map[types.Object]int{}
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, ok := lhs.(*ast.Ident)
				if !ok {
					continue
				}
				obj := pass.TypesInfo.ObjectOf(id)
				if obj == nil {
					continue
				}
				assigned[obj]++
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) && pass.TypesInfo.Defs[id] != nil {
					inits[obj] = n.Rhs[i]
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				obj := pass.TypesInfo.Defs[id]
				if obj == nil || len(n.Values) != len(n.Names) {
					continue
				}
				if _, isVar := obj.(*types.Var); isVar && obj.Parent() != pass.Pkg.Scope() {
					assigned[obj]++
					inits[obj] = n.Values[i]
				}
			}
		}
	}
	for obj := range inits {
		if assigned[obj] != 1 {
			delete(inits, obj)
		}
	}
	return inits
}
