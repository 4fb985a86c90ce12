package archdiff

import (
	"reflect"
	"testing"
)

func TestCompareGoMod(t *testing.T) {
	const mod = "module m\n\ngo 1.22\n\nrequire (\n\texample.org/a v1.0.0\n\texample.org/b v1.0.0\n\texample.org/c v1.0.0\n)\n"
	const sum = "example.org/a v1.0.0 h1:aaa=\nexample.org/a v1.0.0/go.mod h1:am=\nexample.org/b v1.0.0 h1:bbb=\n"
	cases := []struct {
		name           string
		newMod, newSum string
		goLine         string
		modules        []ModuleVersionChange
	}{
		{"same", mod, sum, "", nil},
		{"go line", "module m\n\ngo 1.23\n\nrequire (\n\texample.org/a v1.0.0\n\texample.org/b v1.0.0\n\texample.org/c v1.0.0\n)\n", sum, "go 1.22 → go 1.23", nil},
		{"toolchain", mod + "\ntoolchain go1.23.1\n", sum, "go 1.22 → go 1.22, toolchain go1.23.1", nil},
		{"upgrade, removal, addition", "module m\n\ngo 1.22\n\nrequire (\n\texample.org/a v1.1.0\n\texample.org/b v1.0.0\n\texample.org/d v0.1.0\n)\n", sum, "",
			[]ModuleVersionChange{{"example.org/a", "v1.0.0", "v1.1.0"}, {"example.org/c", "v1.0.0", ""}, {"example.org/d", "", "v0.1.0"}}},
		{"replace", mod + "\nreplace example.org/b => ../b\n", sum, "",
			[]ModuleVersionChange{{"example.org/b", "v1.0.0", "=> ../b"}}},
		{"replace of another version", mod + "\nreplace example.org/b v0.9.0 => ../b\n", sum, "", nil},
		// go.sum: a new line for a version is not a change; another hash for the same version is.
		{"go.sum hash", mod, "example.org/a v1.0.0 h1:zzz=\nexample.org/a v1.0.0/go.mod h1:am=\nexample.org/b v1.0.0 h1:bbb=\nexample.org/b v0.9.0 h1:old=\n", "",
			[]ModuleVersionChange{{"example.org/a", "v1.0.0", "v1.0.0"}}},
		{"does not parse", "module m\n\ngo 1.22\nrequire (\n", sum, "go.mod does not parse", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CompareGoMod([]byte(mod), []byte(c.newMod), []byte(sum), []byte(c.newSum))
			if got.GoLine != c.goLine || !reflect.DeepEqual(got.Modules, c.modules) {
				t.Errorf("got %+v, want go line %q, modules %+v", got, c.goLine, c.modules)
			}
		})
	}
}

// fixture: a monolith m in /r/m (the checkout's top is /r) using
// example.org/x through example.org/y.
func affectedFixture() []*ListedPackage {
	main := &ListedModule{Path: "m", Main: true, GoMod: "/r/m/go.mod"}
	x := &ListedModule{Path: "example.org/x", Version: "v1.0.0"}
	return []*ListedPackage{
		{ImportPath: "fmt", Standard: true},
		{ImportPath: "example.org/x/y", Dir: "/mod/x/y", Module: x, Imports: []string{"fmt"}},
		{ImportPath: "m/core", Dir: "/r/m/core", Module: main, Imports: []string{"fmt"}, EmbedFiles: []string{"static/a.css"}},
		{ImportPath: "m/api", Dir: "/r/m/api", Module: main, Imports: []string{"m/core"}},
		{ImportPath: "m/web", Dir: "/r/m/web", Module: main, Imports: []string{"m/api"}},
		{ImportPath: "m/client", Dir: "/r/m/client", Module: main, Imports: []string{"example.org/x/y"}},
		{ImportPath: "m/tool", Dir: "/r/m/tool", Module: main, TestImports: []string{"m/web"}},
		{ImportPath: "m/lone", Dir: "/r/m/lone", Module: main},
	}
}

func TestAffected(t *testing.T) {
	cases := []struct {
		name    string
		changed []string
		gomod   GoModChange
		want    []AffectedPackage
	}{
		{"a Go file: importers and tests that import them", []string{"m/core/core.go"}, GoModChange{}, []AffectedPackage{
			{"m/api", ReasonImports, "m/core"}, {"m/core", ReasonChanged, "m/core/core.go"},
			{"m/tool", ReasonTestImports, "m/web"}, {"m/web", ReasonImports, "m/api"}}},
		{"an embedded file", []string{"m/core/static/a.css"}, GoModChange{}, []AffectedPackage{
			{"m/api", ReasonImports, "m/core"}, {"m/core", ReasonChanged, "m/core/static/a.css"},
			{"m/tool", ReasonTestImports, "m/web"}, {"m/web", ReasonImports, "m/api"}}},
		{"testdata", []string{"m/web/testdata/deep/golden.txt"}, GoModChange{}, []AffectedPackage{
			{"m/tool", ReasonTestImports, "m/web"}, {"m/web", ReasonChanged, "m/web/testdata/deep/golden.txt"}}},
		{"a file in no package's directory, and a skipped one", []string{"m/docs/README.md", "m/go.mod"}, GoModChange{}, nil},
		{"a requirement", []string{"m/go.mod"}, GoModChange{Modules: []ModuleVersionChange{{"example.org/x", "v1.0.0", "v1.1.0"}}}, []AffectedPackage{
			{"m/client", ReasonRequirement, "example.org/x/y"}}},
		{"the go line", []string{"m/go.mod"}, GoModChange{GoLine: "go 1.22 → go 1.23"}, []AffectedPackage{
			{"m/api", ReasonGoVersion, "go 1.22 → go 1.23"}, {"m/client", ReasonGoVersion, "go 1.22 → go 1.23"},
			{"m/core", ReasonGoVersion, "go 1.22 → go 1.23"}, {"m/lone", ReasonGoVersion, "go 1.22 → go 1.23"},
			{"m/tool", ReasonGoVersion, "go 1.22 → go 1.23"}, {"m/web", ReasonGoVersion, "go 1.22 → go 1.23"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Affected(AffectedInput{Packages: affectedFixture(), Top: "/r", Changed: c.changed,
				Skip: map[string]bool{"m/go.mod": true}, GoMod: c.gomod})
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}
