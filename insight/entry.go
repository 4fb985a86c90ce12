package insight

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"

	"github.com/archcheck/archcheck/graph"
)

// pkgSource is what the declarations of one package say about its entry
// points: the functions' shapes and the names registered as HTTP
// handlers. The callers of a function come from the typed call sites
// (callIndex), never from here.
type pkgSource struct {
	funcs    map[string]*ast.FuncDecl // by local name: "F", "T.M", "(*T).M"
	handlers map[string]bool          // bare names registered with a mux or converted to http.HandlerFunc
	http     map[*ast.File]string
	files    map[*ast.FuncDecl]*ast.File
}

// parsePackage indexes the non-test files of p: those the typed load
// already parsed (g.Parsed), the others read through the overlay. Files
// that do not parse are skipped.
func parsePackage(p *graph.Package, g *graph.Graph) *pkgSource {
	s := &pkgSource{funcs: map[string]*ast.FuncDecl{},
		handlers: map[string]bool{}, http: map[*ast.File]string{}, files: map[*ast.FuncDecl]*ast.File{}}
	fset := token.NewFileSet()
	for _, name := range p.GoFiles {
		full := filepath.Join(p.Dir, name)
		f := g.Parsed[full]
		if f == nil {
			src, err := g.ReadFile(full)
			if err != nil {
				continue
			}
			if f, err = parser.ParseFile(fset, full, src, parser.SkipObjectResolution); f == nil || err != nil {
				continue
			}
		}
		for n, path := range graph.ImportNames(f, p) {
			if path == "net/http" {
				s.http[f] = n
			}
		}
		imports := graph.ImportNames(f, p)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				local := localName(d)
				s.funcs[local] = d
				s.files[d] = f
				if d.Body != nil {
					s.indexBody(d.Body, imports)
				}
			case *ast.GenDecl:
				// Package-level initialisers belong to the package's init.
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, v := range vs.Values {
							s.indexBody(v, imports)
						}
					}
				}
			}
		}
	}
	return s
}

// localName spells a declaration as the sync-call chains do, without the
// package: "F", "T.M" or "(*T).M".
func localName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	t := d.Recv.List[0].Type
	ptr := false
	if st, ok := t.(*ast.StarExpr); ok {
		ptr, t = true, st.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	name := "?"
	if id, ok := t.(*ast.Ident); ok {
		name = id.Name
	}
	if ptr {
		return "(*" + name + ")." + d.Name.Name
	}
	return name + "." + d.Name.Name
}

// indexBody records the functions a body registers as HTTP handlers.
func (s *pkgSource) indexBody(body ast.Node, imports map[string]string) {
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := fn.X.(*ast.Ident); ok {
			if path, isPkg := imports[id.Name]; isPkg {
				if path == "net/http" && fn.Sel.Name == "HandlerFunc" {
					s.registerArgs(call.Args)
				}
				if path == "net/http" && (fn.Sel.Name == "HandleFunc" || fn.Sel.Name == "Handle") {
					s.registerArgs(call.Args[min(1, len(call.Args)):])
				}
				return true // another package's function
			}
		}
		if fn.Sel.Name == "HandleFunc" || fn.Sel.Name == "Handle" {
			s.registerArgs(call.Args[min(1, len(call.Args)):]) // mux.HandleFunc(pattern, h)
		}
		return true
	})
}

// registerArgs records function names passed as handlers: `h`, `x.h`,
// `http.HandlerFunc(h)`.
func (s *pkgSource) registerArgs(args []ast.Expr) {
	for _, a := range args {
		switch a := ast.Unparen(a).(type) {
		case *ast.Ident:
			s.handlers[a.Name] = true
		case *ast.SelectorExpr:
			s.handlers[a.Sel.Name] = true
		}
	}
}

// isHTTPHandler reports whether the declaration has the shape of an
// http.HandlerFunc, func(http.ResponseWriter, *http.Request), or its name
// is registered with a mux in the package.
func (s *pkgSource) isHTTPHandler(local string) bool {
	d := s.funcs[local]
	if d == nil {
		return false
	}
	if s.handlers[d.Name.Name] {
		return true
	}
	httpName, ok := s.http[s.files[d]]
	if !ok {
		return false
	}
	var types []ast.Expr
	for _, f := range d.Type.Params.List {
		n := max(1, len(f.Names))
		for range n {
			types = append(types, f.Type)
		}
	}
	if len(types) != 2 {
		return false
	}
	isSel := func(e ast.Expr, name string) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && id.Name == httpName && sel.Sel.Name == name
	}
	star, ok := types[1].(*ast.StarExpr)
	return isSel(types[0], "ResponseWriter") && ok && isSel(star.X, "Request")
}
