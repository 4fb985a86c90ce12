package graph

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/archcheck/archcheck/internal/par"
	"github.com/archcheck/archcheck/load"
)

// sourceScan is what ComputeMetrics reads from the source files.
type sourceScan struct {
	modules map[string]*moduleSource
}

type moduleSource struct {
	lines      int
	types      int             // named types declared
	interfaces int             // of those, interfaces
	leaked     map[string]bool // its types named in other modules' exported signatures
	leakedInto map[string]bool
	io         map[string]bool // the blocking I/O functions its code uses (ioUses)
}

// scanSources parses the non-test files of every package of a module: one
// full parse per file, no type checking, unless g.Parsed has the file. Packages are parsed in parallel
// and merged in package order, so the result does not depend on timing.
func scanSources(g *Graph) *sourceScan {
	s := &sourceScan{modules: map[string]*moduleSource{}}
	get := func(mod string) *moduleSource {
		ms := s.modules[mod]
		if ms == nil {
			ms = &moduleSource{leaked: map[string]bool{}, leakedInto: map[string]bool{}, io: map[string]bool{}}
			s.modules[mod] = ms
		}
		return ms
	}
	scans := make([]pkgScan, len(g.Packages))
	par.Each(g.Packages, func(i int, p *Package) {
		if g.Module[p.ImportPath] != "" {
			scans[i] = scanPackage(p, g)
		}
	})
	for i, p := range g.Packages {
		mod := g.Module[p.ImportPath]
		if mod == "" {
			continue
		}
		ms := get(mod)
		ms.lines += scans[i].lines
		ms.types += scans[i].types
		ms.interfaces += scans[i].interfaces
		for _, fn := range scans[i].io {
			ms.io[fn] = true
		}
		for _, leak := range scans[i].leaks {
			owner := g.Module[leak.pkg]
			if owner == "" || owner == mod {
				continue
			}
			om := get(owner)
			om.leaked[leak.pkg+"."+leak.name] = true
			om.leakedInto[mod] = true
		}
	}
	return s
}

// pkgScan is what one package's files contribute to its module.
type pkgScan struct {
	lines, types, interfaces int
	leaks                    []typeRef
	io                       []string
}

func scanPackage(p *Package, g *Graph) pkgScan {
	var ps pkgScan
	fset := token.NewFileSet()
	for _, name := range p.GoFiles {
		path := filepath.Join(p.Dir, name)
		src, err := g.ReadFile(path)
		if err != nil {
			continue
		}
		ps.lines += load.NonBlankLines(src)
		f := g.Parsed[path]
		if f == nil {
			if f, err = parser.ParseFile(fset, name, src, parser.SkipObjectResolution); f == nil || err != nil {
				continue
			}
		}
		countTypes(f, &ps)
		ps.leaks = append(ps.leaks, leakedTypes(f, p)...)
		ps.io = append(ps.io, IOUses(f, p)...)
	}
	return ps
}

func countTypes(f *ast.File, ps *pkgScan) {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			ps.types++
			if _, ok := ts.Type.(*ast.InterfaceType); ok {
				ps.interfaces++
			}
		}
	}
}

type typeRef struct{ pkg, name string }

// leakedTypes returns the imported types named in the parameters and
// results of f's exported functions and methods: `func Pay(o *orders.Order)`
// leaks orders.Order into this package's API.
func leakedTypes(f *ast.File, p *Package) []typeRef {
	imports := ImportNames(f, p)
	var out []typeRef
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || !fd.Name.IsExported() || (fd.Recv != nil && !exportedRecv(fd.Recv)) {
			continue
		}
		ast.Inspect(fd.Type, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				if path, ok := imports[id.Name]; ok && sel.Sel.IsExported() {
					out = append(out, typeRef{path, sel.Sel.Name})
				}
			}
			return false
		})
	}
	return out
}

func exportedRecv(fl *ast.FieldList) bool {
	if len(fl.List) == 0 {
		return false
	}
	t := fl.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return false
		}
	}
}

// ImportNames maps the names a file refers to its imports by to their
// resolved import paths. An import without a name is known by its last
// element (or the element before a /vN suffix), which is right for the
// packages of the main module this is used on.
func ImportNames(f *ast.File, p *Package) map[string]string {
	m := map[string]string{}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		if to, ok := p.ImportMap[path]; ok {
			path = to
		}
		name := defaultImportName(path)
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		m[name] = path
	}
	return m
}

func defaultImportName(path string) string {
	base := load.Base(path)
	if isVersionElem(base) && strings.Contains(path[:max(len(path)-len(base)-1, 0)], "/") {
		base = load.Base(path[:len(path)-len(base)-1]) // github.com/ory/pop/v6: pop; example.com/v2 stays v2
	}
	return base
}
