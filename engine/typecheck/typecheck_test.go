package typecheck_test

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/engine/typecheck"
	"github.com/archcheck/archcheck/load"
)

// files of the test program: a main module whose roots import each other,
// the standard library, and a module replaced by a directory (built to
// export data like any dependency), with a type error, a parse error,
// generics across modules and, when a C compiler is present, cgo.
var files = map[string]string{
	"go.mod":     "module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ./dep\n",
	"dep/go.mod": "module example.com/dep\n\ngo 1.22\n",
	"dep/dep.go": `package dep

import "net/http"

type Box[T any] struct{ V T }

func (b Box[T]) Get() T { return b.V }

func Fetch(url string) (*http.Response, error) { return http.Get(url) }
`,
	"a/a.go": `package a

import (
	"fmt"
	"example.com/dep"
)

type Order struct{ ID int }

func (o *Order) String() string { return fmt.Sprint(o.ID) }

func Load() dep.Box[Order] {
	resp, _ := dep.Fetch("http://example.com")
	_ = resp.Body.Close()
	return dep.Box[Order]{V: Order{1}}
}
`,
	"b/b.go": `package b

import "example.com/m/a"

func Use() string {
	b := a.Load()
	o := b.Get()
	return o.String()
}
`,
	"typeerr/t.go":  "package typeerr\n\nfunc F() int { return \"x\" }\n",
	"parseerr/p.go": "package parseerr\n\nfunc F( {\n",
	"c/c.go":        "package c\n\n// int twice(int x) { return 2*x; }\nimport \"C\"\n\nfunc Twice(x int) int { return int(C.twice(C.int(x))) }\n",
}

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if _, err := exec.LookPath("gcc"); err != nil && strings.HasPrefix(name, "c/") {
			continue
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var testEnv = []string{"GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"}

func list(t *testing.T, dir string, patterns ...string) []*load.Package {
	t.Helper()
	pkgs, _, _, err := load.List(context.Background(), load.Options{Dir: dir, Patterns: patterns, Env: testEnv})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

// TestSameAsPackagesLoad checks that every root gets the types, type
// information and errors that packages.Load gives it.
func TestSameAsPackagesLoad(t *testing.T) {
	dir := writeModule(t, files)
	env := append(os.Environ(), testEnv...)
	got, err := typecheck.Load(context.Background(), typecheck.Config{Dir: dir, Env: env}, list(t, dir, "./..."))
	if err != nil {
		t.Fatal(err)
	}
	want, err := packages.Load(&packages.Config{Mode: driver.Mode, Dir: dir, Env: env}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b *packages.Package) int { return strings.Compare(a.PkgPath, b.PkgPath) })
	if g, w := paths(got), paths(want); !slices.Equal(g, w) {
		t.Fatalf("packages %q, want %q", g, w)
	}
	for i, g := range got {
		w := want[i]
		if g.Name != w.Name || g.Types.Name() != w.Types.Name() || g.Module.Path != w.Module.Path || g.Module.GoVersion != w.Module.GoVersion {
			t.Errorf("%s: name %s/%s, module %+v; want %s/%s, %+v", g.PkgPath, g.Name, g.Types.Name(), g.Module, w.Name, w.Types.Name(), w.Module)
		}
		if gs, ws := describe(g), describe(w); gs != ws {
			t.Errorf("%s: type information differs\n got: %s\nwant: %s", g.PkgPath, gs, ws)
		}
		if gs, ws := errorsOf(g, packages.ParseError, packages.TypeError), errorsOf(w, packages.ParseError, packages.TypeError); !slices.Equal(gs, ws) {
			t.Errorf("%s: errors %q, want %q", g.PkgPath, gs, ws)
		}
		if len(g.CompiledGoFiles) == 0 || len(g.Syntax) != len(w.Syntax) {
			t.Errorf("%s: compiled files %q, %d parsed; want %d", g.PkgPath, g.CompiledGoFiles, len(g.Syntax), len(w.Syntax))
		}
		if gi, wi := importKeys(g), importKeys(w); !slices.Equal(gi, wi) {
			t.Errorf("%s: imports %q, want %q", g.PkgPath, gi, wi)
		}
	}
	if _, err := exec.LookPath("gcc"); err == nil {
		c := got[slices.Index(paths(got), "example.com/m/c")]
		if len(c.CompiledGoFiles) < 2 || len(c.Errors) > 0 || c.Types.Scope().Lookup("Twice") == nil {
			t.Errorf("cgo package: compiled %q, errors %v", c.CompiledGoFiles, c.Errors)
		}
	}
	// b's view of a is a's own types: one universe for the roots.
	a, b := got[slices.Index(paths(got), "example.com/m/a")], got[slices.Index(paths(got), "example.com/m/b")]
	if !slices.Contains(b.Types.Imports(), a.Types) {
		t.Errorf("b imports a copy of a's types")
	}
}

func paths(pkgs []*packages.Package) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.PkgPath)
	}
	return out
}

func importKeys(p *packages.Package) []string {
	var out []string
	for k, v := range p.Imports {
		out = append(out, k+"="+v.PkgPath)
	}
	slices.Sort(out)
	return out
}

func errorsOf(p *packages.Package, kinds ...packages.ErrorKind) []string {
	var out []string
	for _, e := range p.Errors {
		if slices.Contains(kinds, e.Kind) {
			out = append(out, e.Error())
		}
	}
	slices.Sort(out)
	return out
}

// describe summarises a package's type information by position.
func describe(p *packages.Package) string {
	var lines []string
	pos := func(n ast.Node) string {
		at := p.Fset.Position(n.Pos())
		return fmt.Sprintf("%s:%d:%d", filepath.Base(at.Filename), at.Line, at.Column)
	}
	for id, obj := range p.TypesInfo.Defs {
		if obj != nil {
			lines = append(lines, "def "+pos(id)+" "+types.ObjectString(obj, nil))
		}
	}
	for id, obj := range p.TypesInfo.Uses {
		lines = append(lines, "use "+pos(id)+" "+types.ObjectString(obj, nil))
	}
	for e, tv := range p.TypesInfo.Types {
		lines = append(lines, "type "+pos(e)+" "+tv.Type.String())
	}
	for id, inst := range p.TypesInfo.Instances {
		lines = append(lines, "inst "+pos(id)+" "+inst.Type.String())
	}
	for s, sel := range p.TypesInfo.Selections {
		lines = append(lines, "sel "+pos(s)+" "+sel.String())
	}
	for f, v := range p.TypesInfo.FileVersions {
		lines = append(lines, "version "+pos(f)+" "+v)
	}
	slices.Sort(lines)
	return fmt.Sprintf("%d facts, scope %v, sizes %d", len(lines), p.Types.Scope().Names(), p.TypesSizes.Sizeof(types.Typ[types.Uintptr])) +
		"\n" + strings.Join(lines, "\n")
}

// TestOverlay: the parser reads overlaid contents.
func TestOverlay(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nvar V = 1\n",
	})
	name := filepath.Join(dir, "a", "a.go")
	pkgs, err := typecheck.Load(context.Background(), typecheck.Config{Dir: dir, Env: append(os.Environ(), testEnv...),
		Overlay: map[string][]byte{name: []byte("package a\n\nvar V, W = 1, \"two\"\n")}}, list(t, dir, "./..."))
	if err != nil {
		t.Fatal(err)
	}
	if obj := pkgs[0].Types.Scope().Lookup("W"); obj == nil || obj.Type().String() != "string" {
		t.Errorf("overlay not read: W = %v", obj)
	}
}

// TestDeclines: what typecheck does not handle, or what packages.Load
// reports better, it leaves to packages.Load: a dependency that imports a
// root (its export data would bring a second copy of the root's types), a
// dependency without export data (packages.Load type-checks it from
// source), and a failed cgo step (which packages.Load explains).
func TestDeclines(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    map[string]string
		patterns []string
		env      []string
	}{
		{"dependency imports a root", map[string]string{
			"go.mod":   "module example.com/m\n\ngo 1.22\n",
			"a/x/x.go": "package x\n\nimport \"example.com/m/c\"\n\nvar V = c.V\n",
			"a/y/y.go": "package y\n\nvar V = 1\n",
			"c/c.go":   "package c\n\nimport \"example.com/m/a/y\"\n\nvar V = y.V\n",
		}, []string{"./a/..."}, nil},
		{"dependency does not compile", map[string]string{
			"go.mod":     "module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v0.0.0\n\nreplace example.com/dep => ./dep\n",
			"dep/go.mod": "module example.com/dep\n\ngo 1.22\n",
			"dep/bad.go": "package dep\n\nfunc F() int { return \"x\" }\n",
			"a/a.go":     "package a\n\nimport \"example.com/dep\"\n\nvar V = dep.F\n",
		}, []string{"./a"}, nil},
		{"cgo fails", map[string]string{
			"go.mod": "module example.com/m\n\ngo 1.22\n",
			"c/c.go": "package c\n\n// int one(void) { return 1; }\nimport \"C\"\n\nfunc One() int { return int(C.one()) }\n",
		}, []string{"./..."}, []string{"CGO_ENABLED=1", "CC=/bin/false"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, tc.files)
			env := append(append(os.Environ(), testEnv...), tc.env...)
			_, err := typecheck.Load(context.Background(), typecheck.Config{Dir: dir, Env: env}, list(t, dir, tc.patterns...))
			if !errors.Is(err, typecheck.ErrUnsupported) {
				t.Errorf("err = %v, want ErrUnsupported", err)
			}
		})
	}
}

// TestImportCycle: roots that import each other (go list reports the cycle
// and still lists the imports) are type-checked, with errors, instead of
// waiting for each other for ever.
func TestImportCycle(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.22\n",
		"a/a.go": "package a\n\nimport \"example.com/m/b\"\n\nvar A = b.B\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\nvar B = a.A\n",
		"c/c.go": "package c\n\nvar C = 1\n",
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pkgs, err := typecheck.Load(ctx, typecheck.Config{Dir: dir, Env: append(os.Environ(), testEnv...)}, list(t, dir, "./..."))
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 3 || len(pkgs[0].Errors)+len(pkgs[1].Errors) == 0 || len(pkgs[2].Errors) != 0 {
		t.Errorf("packages %q; want 3, errors in a or b and none in c", paths(pkgs))
	}
}

// TestChecked: Checked is given every root once, type-checked, after the
// roots it imports (so that a caller can analyse each as it comes).
func TestChecked(t *testing.T) {
	dir := writeModule(t, files)
	var mu sync.Mutex
	var order []string
	seen := map[string]*packages.Package{}
	checked := func(p *packages.Package) {
		mu.Lock()
		defer mu.Unlock()
		if p.Types == nil || p.TypesInfo == nil || len(p.Syntax) == 0 {
			t.Errorf("%s given before it is type-checked", p.PkgPath)
		}
		for _, imp := range p.Types.Imports() {
			if strings.HasPrefix(imp.Path(), "example.com/m/") && seen[imp.Path()] == nil {
				t.Errorf("%s given before %s, which it imports", p.PkgPath, imp.Path())
			}
		}
		order = append(order, p.PkgPath)
		seen[p.PkgPath] = p
	}
	got, err := typecheck.Load(context.Background(), typecheck.Config{Dir: dir, Env: append(os.Environ(), testEnv...), Checked: checked},
		list(t, dir, "./..."))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(order)
	if g := paths(got); !slices.Equal(order, g) {
		t.Errorf("Checked was given %q, want each of %q once", order, g)
	}
	for _, p := range got {
		if seen[p.PkgPath] != p {
			t.Errorf("%s: Checked was given another package than Load returned", p.PkgPath)
		}
	}
}
