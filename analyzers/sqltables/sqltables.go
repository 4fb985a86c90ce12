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

	"github.com/archcheck/archcheck/catalog"
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
	FactTypes:  []analysis.Fact{new(Access), new(TableName), new(Wrappers)},
	ResultType: reflect.TypeFor[*Result](),
}

// Result lists a package's table uses, sorted by position, then table,
// and the database calls whose tables it could not tell.
type Result struct {
	Uses       []Use
	Unresolved []Unresolved
}

// Use is one table read or written by a query at Pos.
type Use struct {
	Pos   token.Pos
	Func  string // fully qualified, "path.init" for package-level initialisers
	Table string // without its schema
	Write bool   // INSERT, UPDATE, DELETE, MERGE, TRUNCATE, an ORM write, or DDL
	DDL   bool   // CREATE, ALTER or DROP TABLE (Write is set too)
	Stmt  string // the statement, shortened, or the ORM or builder call
	Via   string // "sql", or the ORM or builder: "gorm", "pop", "squirrel", "goqu"
}

// Unresolved is a database call whose tables are not known: its query is
// not a constant (nor a concatenation, a Sprintf format, a wrapper's
// argument), or its ORM model's type or table name is not.
type Unresolved struct {
	Pos    token.Pos
	Func   string
	Reason string
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
	a := &analyzer{pass: pass, res: res, facts: map[*types.Func]*Access{}, pkgWrappers: map[*types.Package]*Wrappers{}}
	a.exportTableNames() // model packages often run no query themselves
	if !a.usesDatabase() {
		// No query function is callable here: skip the traversal. This
		// keeps the analyzer cheap on the many packages of a program that
		// never touch a database (it runs on all of them, on the typed
		// load it shares with sync-call).
		return res, nil
	}
	ins := inspector.New(pass.Files)
	a.locals = localInits(pass, ins)
	a.ins = ins
	// One traversal: ORM and builder calls are read at once; query calls
	// and calls of the package's own functions (which may turn out to be
	// wrappers) are kept, and read once the wrappers are known.
	var sites []inspector.Cursor
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if arg, _ := a.queryArg(call); arg != nil || a.ownCall(call) {
			sites = append(sites, cur)
			continue
		}
		a.orm(cur, call) // orm.go
	}
	a.findWrappers(sites)
	for _, cur := range sites {
		call := cur.Node().(*ast.CallExpr)
		if arg, wrapped := a.queryArg(call); arg != nil {
			a.query(cur, call, arg, wrapped)
		}
	}
	for fn, acc := range a.facts {
		pass.ExportObjectFact(fn, acc)
	}
	slices.SortStableFunc(res.Uses, func(a, b Use) int {
		if a.Pos != b.Pos {
			return int(a.Pos - b.Pos)
		}
		if c := strings.Compare(a.Table, b.Table); c != 0 {
			return c
		}
		return boolCmp(a.Write, b.Write)
	})
	slices.SortStableFunc(res.Unresolved, func(a, b Unresolved) int { return int(a.Pos - b.Pos) })
	return res, nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// analyzer is the state of one pass.
type analyzer struct {
	pass        *analysis.Pass
	res         *Result
	locals      map[types.Object]ast.Expr
	facts       map[*types.Func]*Access
	tableNames  map[*types.Func]string // TableName methods of this package with a constant result
	wrappers    map[*types.Func]int    // functions of this package passing a parameter on as a query
	built       map[types.Object]bool  // variables holding a builder's ToSql() text: its tables are the builder's
	ins         *inspector.Inspector   // builtSQL runs on the first query whose text is not constant
	pkgWrappers map[*types.Package]*Wrappers
}

// query records the tables of the query text arg of a call.
func (a *analyzer) query(cur inspector.Cursor, call *ast.CallExpr, arg ast.Expr, wrapped bool) {
	fn, name := enclosing(a.pass, cur)
	if a.isParam(cur, arg) {
		return // a wrapper: its callers' texts are read where they call it
	}
	text, ok := a.text(arg)
	if !ok {
		if a.built == nil {
			a.built = builtSQL(a.pass, a.ins) // orm.go
		}
		if id, isID := ast.Unparen(arg).(*ast.Ident); isID && a.built[a.pass.TypesInfo.Uses[id]] {
			return // the builder's calls named its tables (squirrel, goqu)
		}
		a.unresolved(call.Pos(), name, "query text not constant")
		return
	}
	reads, writes, ddl := Statement(text)
	if len(reads)+len(writes)+len(ddl) == 0 && strings.Contains(text, Unknown) {
		a.unresolved(call.Pos(), name, "table name not constant: "+Shorten(text))
		return
	}
	a.use(call.Pos(), fn, name, "sql", Shorten(text), reads, writes, ddl)
}

// use records tables read, written and changed by DDL at pos.
func (a *analyzer) use(pos token.Pos, fn *types.Func, name, via, stmt string, reads, writes, ddl []string) {
	for _, t := range reads {
		a.res.Uses = append(a.res.Uses, Use{Pos: pos, Func: name, Table: t, Stmt: stmt, Via: via})
	}
	for _, t := range writes {
		a.res.Uses = append(a.res.Uses, Use{Pos: pos, Func: name, Table: t, Write: true, Stmt: stmt, Via: via})
	}
	for _, t := range ddl {
		if !slices.Contains(writes, t) {
			a.res.Uses = append(a.res.Uses, Use{Pos: pos, Func: name, Table: t, Write: true, DDL: true, Stmt: stmt, Via: via})
		}
	}
	if fn != nil && len(reads)+len(writes)+len(ddl) > 0 {
		acc := a.facts[fn]
		if acc == nil {
			acc = new(Access)
			a.facts[fn] = acc
		}
		acc.Reads = union(acc.Reads, reads)
		acc.Writes = union(union(acc.Writes, writes), ddl)
	}
}

func (a *analyzer) unresolved(pos token.Pos, fn, reason string) {
	a.res.Unresolved = append(a.res.Unresolved, Unresolved{Pos: pos, Func: fn, Reason: reason})
}

// Shorten is a statement as a message shows it: white space runs made
// one space, non-constant parts shown as "…", at most 80 characters.
func Shorten(q string) string {
	q = strings.Join(strings.Fields(strings.ReplaceAll(q, Unknown, "…")), " ")
	if r := []rune(q); len(r) > 80 {
		q = string(r[:79]) + "…"
	}
	return q
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

// libraries are the packages whose calls take queries (the catalog's SQL
// libraries).
var libraries = catalog.SQLLibs()

func isQueryFunc(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	path := fn.Pkg().Path()
	for _, lib := range libraries {
		if lib.Matches(path) {
			for _, n := range lib.Funcs {
				if strings.HasPrefix(fn.Name(), n) {
					return true
				}
			}
		}
	}
	return false
}

func isLibrary(path string) bool {
	for _, lib := range libraries {
		if lib.Matches(path) {
			return true
		}
	}
	return false
}

// queryParams are the parameter names that hold the query.
var queryParams = map[string]bool{"query": true, "sql": true, "stmt": true, "sqlStr": true}

// queryArg returns the query argument of a call to a query function, or
// nil: the parameter named query, sql or stmt, else the first string one;
// for a wrapper, the parameter it passes on (wrapped is then true).
func (a *analyzer) queryArg(call *ast.CallExpr) (arg ast.Expr, wrapped bool) {
	fn, ok := typeutil.Callee(a.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return nil, false
	}
	if i, ok := a.wrapperParam(fn); ok {
		if i < len(call.Args) {
			return call.Args[i], true
		}
		return nil, false
	}
	if fn.Pkg() == nil || !isQueryFunc(fn) && !isQueryMethod(fn) && !isORMQuery(fn) {
		return nil, false
	}
	idx := queryParam(fn.Signature())
	if idx < 0 || idx >= len(call.Args) {
		return nil, false
	}
	return call.Args[idx], false
}

// queryParam is the index of the query among a signature's parameters, or -1.
func queryParam(sig *types.Signature) int {
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
			return i
		}
		if idx < 0 {
			idx = i
		}
	}
	return idx
}

// text returns the text of a query expression, with Unknown for the
// parts that are not constant.
func (a *analyzer) text(e ast.Expr) (string, bool) {
	return a.textOf(e, 0)
}

func (a *analyzer) textOf(e ast.Expr, depth int) (string, bool) {
	pass := a.pass
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
		l, lok := a.textOf(e.X, depth+1)
		r, rok := a.textOf(e.Y, depth+1)
		return l + r, lok || rok
	case *ast.Ident:
		if init, ok := a.locals[pass.TypesInfo.Uses[e]]; ok {
			return a.textOf(init, depth+1)
		}
	case *ast.CallExpr:
		return a.callText(e, depth)
	}
	return Unknown, false
}

// callText is textOf for a call: fmt.Sprintf of a known format, or a
// model's TableName method that returns a constant.
func (a *analyzer) callText(e *ast.CallExpr, depth int) (string, bool) {
	fn, ok := typeutil.Callee(a.pass.TypesInfo, e).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return Unknown, false
	}
	if fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" && len(e.Args) > 0 {
		if f, ok := a.textOf(e.Args[0], depth+1); ok {
			args := make([]string, len(e.Args)-1)
			for i, arg := range e.Args[1:] {
				if t, ok := a.textOf(arg, depth+1); ok && !strings.Contains(t, Unknown) {
					args[i] = t
				} else {
					args[i] = Unknown
				}
			}
			return formatText(f, args), true
		}
	}
	if name, ok := a.tableNameOf(fn); ok { // Model{}.TableName(), a constant
		return name, true
	}
	return Unknown, false
}

// formatText formats f with the args (Unknown for those not known) for
// the verbs %s, %v and %q without flags (%[1]s included); every other
// verb is Unknown.
func formatText(f string, args []string) string {
	var b strings.Builder
	next := 0
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
		plain := true
		if i+3 < len(f) && f[i+1] == '[' && f[i+2] >= '1' && f[i+2] <= '9' && f[i+3] == ']' { // %[1]s
			next = int(f[i+2] - '1')
			i += 3
		}
		for i+1 < len(f) && strings.IndexByte("+-# 0123456789.[]*", f[i+1]) >= 0 {
			plain = false
			i++
		}
		i++ // the verb
		arg := Unknown
		if next < len(args) {
			arg = args[next]
		}
		next++
		switch {
		case !plain || i >= len(f) || arg == Unknown:
			b.WriteString(Unknown)
		case f[i] == 's' || f[i] == 'v':
			b.WriteString(arg)
		case f[i] == 'q':
			b.WriteString(`"` + arg + `"`)
		default:
			b.WriteString(Unknown)
		}
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
