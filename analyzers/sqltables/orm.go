package sqltables

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/archcheck/archcheck/catalog"
)

// TableName is the fact of a TableName method (gorm's and pop's way to
// name a model's table) that returns a constant: that constant.
type TableName struct{ Name string }

// AFact marks TableName as an analysis fact.
func (*TableName) AFact() {}

func (t *TableName) String() string { return "table " + t.Name }

// Wrappers is the package fact of a package with functions that pass one
// of their string parameters on as a query: the function (as fullName
// spells it) and the parameter's index. A call of such a function is read
// as a query at the caller, whose module the access belongs to.
type Wrappers struct{ Funcs []Wrapper } // sorted by name

// Wrapper is one function of a Wrappers fact.
type Wrapper struct {
	Name  string
	Param int
}

func (w *Wrappers) param(name string) (int, bool) {
	i, ok := slices.BinarySearchFunc(w.Funcs, name, func(x Wrapper, n string) int { return strings.Compare(x.Name, n) })
	if !ok {
		return 0, false
	}
	return w.Funcs[i].Param, true
}

// AFact marks Wrappers as an analysis fact.
func (*Wrappers) AFact() {}

func (w *Wrappers) String() string {
	var parts []string
	for _, f := range w.Funcs {
		parts = append(parts, fmt.Sprintf("%s(%d)", f.Name, f.Param))
	}
	return "wrappers " + strings.Join(parts, ", ")
}

// exportTableNames exports a TableName fact for each TableName method of
// the package whose body returns a constant.
func (a *analyzer) exportTableNames() {
	for _, f := range a.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Name.Name != "TableName" || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			tv, ok := a.pass.TypesInfo.Types[ret.Results[0]]
			fn, _ := a.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || fn == nil {
				continue
			}
			if a.tableNames == nil {
				a.tableNames = map[*types.Func]string{}
			}
			name := constant.StringVal(tv.Value)
			a.tableNames[fn] = name
			a.pass.ExportObjectFact(fn, &TableName{Name: name})
		}
	}
}

// usesDatabase reports whether the package refers to any function whose
// calls this analyzer reads: a query function, an ORM or builder, an
// interface query method, a wrapper of another package. A call names its
// callee, so a package without such a use has none. It costs one pass
// over the package's uses, where a walk of its transitive imports cost one
// walk per package (quadratic on a monolith).
func (a *analyzer) usesDatabase() bool {
	lib := map[*types.Package]bool{}
	for _, obj := range a.pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil {
			continue
		}
		if isQueryMethod(fn) {
			return true
		}
		is, ok := lib[fn.Pkg()]
		if !ok {
			path := fn.Pkg().Path()
			is = isLibrary(path) || ormOf(path) != ""
			lib[fn.Pkg()] = is
		}
		if is && (isQueryFunc(fn) || ormOf(fn.Pkg().Path()) != "") {
			return true
		}
		if fn.Pkg() != a.pass.Pkg {
			if _, ok := a.wrapperParam(fn); ok {
				return true
			}
		}
	}
	return false
}

// isQueryMethod reports whether fn is an interface method that runs a
// query: named Exec*, Query* or Prepare*, with a result of database/sql or
// pgx. This is how sqlc's generated code (its DBTX interface) and most
// hand-written repository interfaces reach the database.
func isQueryMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return false
	}
	n := fn.Name()
	if !strings.HasPrefix(n, "Exec") && !strings.HasPrefix(n, "Query") && !strings.HasPrefix(n, "Prepare") {
		return false
	}
	res := fn.Signature().Results()
	for i := range res.Len() {
		t := res.At(i).Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
			switch path := n.Obj().Pkg().Path(); {
			case path == "database/sql", strings.HasPrefix(path, "github.com/jackc/pgx/"),
				strings.HasPrefix(path, "github.com/jackc/pgconn"):
				return true
			}
		}
	}
	return false
}

// findWrappers finds the functions of the package that pass a string
// parameter on as the query of a query call (or of another wrapper's
// call), and exports them as the package's Wrappers fact.
func (a *analyzer) findWrappers(sites []inspector.Cursor) {
	for range 3 { // a wrapper of a wrapper of a wrapper
		grew := false
		for _, cur := range sites {
			arg, _ := a.queryArg(cur.Node().(*ast.CallExpr))
			if arg == nil {
				continue
			}
			fn, idx := a.paramOf(cur, arg)
			if fn == nil {
				continue
			}
			if _, ok := a.wrappers[fn]; !ok {
				if a.wrappers == nil {
					a.wrappers = map[*types.Func]int{}
				}
				a.wrappers[fn] = idx
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	if len(a.wrappers) > 0 {
		w := new(Wrappers)
		for fn, i := range a.wrappers {
			w.Funcs = append(w.Funcs, Wrapper{fullName(fn), i})
		}
		slices.SortFunc(w.Funcs, func(a, b Wrapper) int { return strings.Compare(a.Name, b.Name) })
		a.pass.ExportPackageFact(w)
	}
}

// ownCall reports whether call calls a function of this package with a
// string parameter: a wrapper, perhaps.
func (a *analyzer) ownCall(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(a.pass.TypesInfo, call).(*types.Func)
	return ok && fn.Pkg() == a.pass.Pkg && queryParam(fn.Signature()) >= 0
}

// paramOf returns the declared function around cur and the index of its
// parameter that arg names, or nil.
func (a *analyzer) paramOf(cur inspector.Cursor, arg ast.Expr) (*types.Func, int) {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return nil, 0
	}
	v, ok := a.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil, 0
	}
	fn, _ := enclosing(a.pass, cur)
	if fn == nil {
		return nil, 0
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if params.At(i) == v {
			if fn.Signature().Variadic() && i == params.Len()-1 {
				return nil, 0
			}
			return fn, i
		}
	}
	return nil, 0
}

// isParam reports whether arg is a parameter of the declared function
// around cur that is a wrapper.
func (a *analyzer) isParam(cur inspector.Cursor, arg ast.Expr) bool {
	fn, _ := a.paramOf(cur, arg)
	_, ok := a.wrappers[fn]
	return fn != nil && ok
}

// wrapperParam returns the query parameter of a wrapper function.
func (a *analyzer) wrapperParam(fn *types.Func) (int, bool) {
	if fn.Pkg() == nil { // a method of the universe (error.Error): no facts
		return 0, false
	}
	if fn.Pkg() == a.pass.Pkg {
		i, ok := a.wrappers[fn.Origin()]
		return i, ok
	}
	w, ok := a.pkgWrappers[fn.Pkg()]
	if !ok {
		w = new(Wrappers)
		if !a.pass.ImportPackageFact(fn.Pkg(), w) {
			w = nil
		}
		a.pkgWrappers[fn.Pkg()] = w
	}
	if w == nil {
		return 0, false
	}
	return w.param(fullName(fn.Origin()))
}

// isORMQuery reports whether fn runs SQL text through an ORM: gorm's Raw
// and Exec, pop's RawQuery.
func isORMQuery(fn *types.Func) bool {
	switch ormOf(fn.Pkg().Path()) {
	case "gorm":
		return (fn.Name() == "Raw" || fn.Name() == "Exec") && recvName(fn) == "DB"
	case "pop":
		return fn.Name() == "RawQuery"
	}
	return false
}

// ormOf names the ORM or query builder of a package path, or "" (the
// catalog declares them).
func ormOf(path string) string { return catalog.ORM(path) }

// ormOp is what an ORM method does: write or read, and which argument is
// the model (-1: none; the model comes from Model or Table in the chain).
type ormOp struct {
	write bool
	arg   int
}

var gormOps = map[string]ormOp{
	"Create": {true, 0}, "CreateInBatches": {true, 0}, "Save": {true, 0}, "Update": {true, -1},
	"Updates": {true, 0}, "UpdateColumn": {true, -1}, "UpdateColumns": {true, 0}, "Delete": {true, 0},
	"FirstOrCreate": {true, 0}, "Find": {false, 0}, "FindInBatches": {false, 0}, "First": {false, 0},
	"Last": {false, 0}, "Take": {false, 0}, "Count": {false, -1}, "Pluck": {false, -1},
	"Scan": {false, -1}, "FirstOrInit": {false, 0}, "Row": {false, -1}, "Rows": {false, -1},
}

var popOps = map[string]ormOp{
	"Create": {true, 0}, "ValidateAndCreate": {true, 0}, "Update": {true, 0}, "UpdateColumns": {true, 0},
	"ValidateAndUpdate": {true, 0}, "Save": {true, 0}, "ValidateAndSave": {true, 0}, "Destroy": {true, 0},
	"Delete": {true, 0}, "UpdateQuery": {true, 0}, "Find": {false, 0}, "First": {false, 0},
	"Last": {false, 0}, "All": {false, 0}, "Count": {false, 0}, "CountByField": {false, 0},
	"Exists": {false, 0}, "Load": {false, 0}, "Reload": {false, 0},
}

// orm records the table of an ORM call (gorm, pop) or of a query builder
// call (squirrel, goqu).
func (a *analyzer) orm(cur inspector.Cursor, call *ast.CallExpr) {
	fn, ok := typeutil.Callee(a.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	switch lib := ormOf(fn.Pkg().Path()); lib {
	case "gorm", "pop":
		a.model(cur, call, fn, lib)
	case "squirrel":
		a.squirrel(cur, call, fn)
	case "goqu":
		a.goqu(cur, call, fn)
	}
}

// recvName is the name of a method's receiver type, "" for a function.
func recvName(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// model records the table of a gorm or pop call: the chain's Table("x"),
// else the chain's Model(m), else the call's model argument; the model's
// table is its TableName method's constant or the library's naming rule.
// A call on a raw query (gorm's Raw, pop's RawQuery) is read from its SQL.
func (a *analyzer) model(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, lib string) {
	ops, recvs := gormOps, []string{"DB"}
	if lib == "pop" {
		ops, recvs = popOps, []string{"Connection", "Query"}
	}
	op, ok := ops[fn.Name()]
	if !ok || !slices.Contains(recvs, recvName(fn)) {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	table, modelArg, done := a.chain(cur, call, sel, lib)
	if done {
		return
	}
	if modelArg == nil && op.arg >= 0 && op.arg < len(call.Args) {
		modelArg = call.Args[op.arg]
		if lib == "gorm" && fn.Name() == "Updates" {
			if _, isMap := a.pass.TypesInfo.TypeOf(modelArg).Underlying().(*types.Map); isMap {
				modelArg = nil
			}
		}
	}
	fnObj, name := enclosing(a.pass, cur)
	stmt := lib + " " + fn.Name()
	if table == "" {
		if modelArg == nil {
			a.unresolved(call.Pos(), name, stmt+" without a model or table")
			return
		}
		t := a.pass.TypesInfo.TypeOf(modelArg)
		var reason string
		table, reason = a.modelTable(t)
		if table == "" {
			a.unresolved(call.Pos(), name, stmt+": "+reason)
			return
		}
		stmt += "(" + types.TypeString(t, (*types.Package).Name) + ")"
	} else {
		stmt = lib + " Table(" + table + ")." + fn.Name()
	}
	if op.write {
		a.use(call.Pos(), fnObj, name, lib, stmt, nil, []string{table}, nil)
	} else {
		a.use(call.Pos(), fnObj, name, lib, stmt, []string{table}, nil, nil)
	}
}

// chain reads the calls of lib that call sel is chained on: the first
// Table("x")'s table and the first Model(m)'s argument. done is true when
// the call is not to be recorded as a model's: the chain holds a raw query
// (read from its SQL), or a Table name that is not constant (reported).
func (a *analyzer) chain(cur inspector.Cursor, call *ast.CallExpr, sel *ast.SelectorExpr, lib string) (table string, modelArg ast.Expr, done bool) {
	for x := sel.X; ; {
		c, ok := ast.Unparen(x).(*ast.CallExpr)
		if !ok {
			return table, modelArg, false
		}
		cfn, ok := typeutil.Callee(a.pass.TypesInfo, c).(*types.Func)
		csel, isSel := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok || !isSel || cfn.Pkg() == nil || ormOf(cfn.Pkg().Path()) != lib {
			return table, modelArg, false
		}
		switch cfn.Name() {
		case "Raw", "Exec", "RawQuery":
			return "", nil, true // the SQL text is read as a query
		case "Table":
			if len(c.Args) > 0 && table == "" {
				text, ok := a.text(c.Args[0])
				reads, _, _ := Statement("SELECT 1 FROM " + text)
				if !ok || len(reads) == 0 {
					_, name := enclosing(a.pass, cur)
					a.unresolved(call.Pos(), name, lib+" Table name not constant")
					return "", nil, true
				}
				table = reads[0]
			}
		case "Model":
			if len(c.Args) > 0 && modelArg == nil {
				modelArg = c.Args[0]
			}
		}
		x = csel.X
	}
}

// modelTable is the table of a model type: pointers, slices and arrays
// are looked through to the named struct type; its TableName method's
// constant, else the default naming rule. It returns "" and a reason when
// the type or its table name is not known.
func (a *analyzer) modelTable(t types.Type) (string, string) {
	for range 4 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		case *types.Array:
			t = u.Elem()
			continue
		case *types.Named:
			if s, ok := u.Underlying().(*types.Slice); ok { // type Orders []Order
				if tn := a.tableNameMethod(u); tn == nil {
					t = s.Elem()
					continue
				}
			}
		}
		break
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return "", "model of type " + types.TypeString(t, (*types.Package).Name)
	}
	if tn := a.tableNameMethod(named); tn != nil {
		if name, ok := a.tableNameOf(tn); ok {
			return name, ""
		}
		return "", named.Obj().Name() + ".TableName does not return a constant"
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return "", "model of type " + types.TypeString(t, (*types.Package).Name)
	}
	return DefaultTableName(named.Obj().Name()), ""
}

// tableNameOf is the constant a TableName method returns.
func (a *analyzer) tableNameOf(fn *types.Func) (string, bool) {
	if fn.Name() != "TableName" {
		return "", false
	}
	fn = fn.Origin()
	if name, ok := a.tableNames[fn]; ok {
		return name, true
	}
	var fact TableName
	if fn.Pkg() != a.pass.Pkg && a.pass.ImportObjectFact(fn, &fact) {
		return fact.Name, true
	}
	return "", false
}

// tableNameMethod is the TableName method of a named type (value or
// pointer receiver), or nil.
func (a *analyzer) tableNameMethod(n *types.Named) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, n.Obj().Pkg(), "TableName")
	fn, _ := obj.(*types.Func)
	if fn != nil {
		fn = fn.Origin()
	}
	return fn
}

// builderText is the SQL a squirrel builder method stands for, with its
// table argument as %s: "" when the method names no table.
func squirrelText(recv, name string) (string, bool) {
	switch recv + "." + name {
	case ".Insert", ".Replace", "StatementBuilderType.Insert", "StatementBuilderType.Replace", "InsertBuilder.Into":
		return "INSERT INTO %s", true
	case ".Update", "StatementBuilderType.Update", "UpdateBuilder.Table":
		return "UPDATE %s", true
	case ".Delete", "StatementBuilderType.Delete", "DeleteBuilder.From":
		return "DELETE FROM %s", true
	case "SelectBuilder.From", "UpdateBuilder.From":
		return "SELECT 1 FROM %s", true
	case "SelectBuilder.Join", "SelectBuilder.LeftJoin", "SelectBuilder.RightJoin", "SelectBuilder.InnerJoin",
		"SelectBuilder.CrossJoin", "SelectBuilder.FullJoin":
		return "SELECT 1 FROM x JOIN %s", true
	}
	return "", false
}

// squirrel records the table a squirrel builder call names.
func (a *analyzer) squirrel(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	format, ok := squirrelText(recvName(fn), fn.Name())
	if !ok || len(call.Args) == 0 {
		return
	}
	fnObj, name := enclosing(a.pass, cur)
	text, ok := a.text(call.Args[0])
	if !ok {
		a.unresolved(call.Pos(), name, "squirrel "+fn.Name()+": table not constant")
		return
	}
	if strings.TrimSpace(text) == "" {
		return // Insert("").Into(t): the table comes later in the chain
	}
	reads, writes, _ := Statement(fmt.Sprintf(format, text))
	reads = slices.DeleteFunc(reads, func(t string) bool { return t == "x" && strings.Contains(format, " x ") })
	a.use(call.Pos(), fnObj, name, "squirrel", "squirrel "+fn.Name()+"("+Shorten(text)+")", reads, writes, nil)
}

// goqu records the tables a goqu builder call names: string constants, or
// goqu.T("t") and goqu.I("schema.t") with constant names.
func (a *analyzer) goqu(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	recv, write := recvName(fn), false
	switch fn.Name() {
	case "From":
		write = recv == "DeleteDataset"
	case "Join", "InnerJoin", "FullOuterJoin", "RightOuterJoin", "LeftOuterJoin", "FullJoin", "RightJoin",
		"LeftJoin", "NaturalJoin", "NaturalLeftJoin", "NaturalRightJoin", "NaturalFullJoin", "CrossJoin":
		if recv != "SelectDataset" {
			return
		}
	case "Insert", "Update", "Delete":
		switch recv {
		case "", "Database", "TxDatabase", "DialectWrapper":
			write = true
		default:
			return
		}
	case "Into":
		write = recv == "InsertDataset"
	case "Table":
		write = recv == "UpdateDataset"
	default:
		return
	}
	if recv == "" && fn.Name() != "From" && !write {
		return
	}
	args := call.Args
	if strings.HasSuffix(fn.Name(), "Join") && len(args) > 1 {
		args = args[:1]
	}
	fnObj, name := enclosing(a.pass, cur)
	var tables []string
	for _, arg := range args {
		t, ok := a.goquTable(arg)
		if !ok {
			a.unresolved(call.Pos(), name, "goqu "+fn.Name()+": table not constant")
			return
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return
	}
	slices.Sort(tables)
	tables = slices.Compact(tables)
	stmt := "goqu " + fn.Name() + "(" + strings.Join(tables, ", ") + ")"
	if write {
		a.use(call.Pos(), fnObj, name, "goqu", stmt, nil, tables, nil)
	} else {
		a.use(call.Pos(), fnObj, name, "goqu", stmt, tables, nil, nil)
	}
}

// goquTable is the table a goqu argument names.
func (a *analyzer) goquTable(arg ast.Expr) (string, bool) {
	for range 4 {
		if text, ok := a.text(arg); ok && !strings.Contains(text, Unknown) {
			reads, _, _ := Statement("SELECT 1 FROM " + quoteIdent(text))
			if len(reads) == 1 {
				return reads[0], true
			}
			return "", false
		}
		c, ok := ast.Unparen(arg).(*ast.CallExpr)
		if !ok {
			return "", false
		}
		fn, ok := typeutil.Callee(a.pass.TypesInfo, c).(*types.Func)
		if !ok || fn.Pkg() == nil || ormOf(fn.Pkg().Path()) != "goqu" {
			return "", false
		}
		switch {
		case (fn.Name() == "T" || fn.Name() == "I") && len(c.Args) == 1:
			arg = c.Args[0]
		case fn.Name() == "As" || fn.Name() == "Table" && len(c.Args) == 1 && recvName(fn) != "":
			if fn.Name() == "Table" {
				arg = c.Args[0] // goqu.S("s").Table("t")
				continue
			}
			sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
			if !ok {
				return "", false
			}
			arg = sel.X // goqu.T("t").As("x")
		default:
			return "", false
		}
	}
	return "", false
}

// quoteIdent quotes each dotted element of a goqu identifier, so that a
// name that is a keyword is still read as a name.
func quoteIdent(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = `"` + strings.ReplaceAll(p, `"`, "") + `"`
	}
	return strings.Join(parts, ".")
}

// IsDatabasePackage reports whether a package's calls may run SQL this
// analyzer reads: a SQL library, an ORM or a query builder it knows.
func IsDatabasePackage(path string) bool { return isLibrary(path) || ormOf(path) != "" }

// builtSQL finds the variables assigned the text of a squirrel or goqu
// builder (sql, args, err := q.ToSql()): a query call running one is not
// unresolved, since the builder's own calls named its tables.
func builtSQL(pass *analysis.Pass, ins *inspector.Inspector) map[types.Object]bool {
	out := map[types.Object]bool{} // not nil: computed
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			continue
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			continue
		}
		fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Name() != "ToSql" && fn.Name() != "ToSQL" {
			continue
		}
		if lib := ormOf(fn.Pkg().Path()); lib != "squirrel" && lib != "goqu" {
			continue
		}
		if id, ok := as.Lhs[0].(*ast.Ident); ok {
			if obj := pass.TypesInfo.ObjectOf(id); obj != nil {
				out[obj] = true
			}
		}
	}
	return out
}
