package insight

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

func pkgs(mod string, lines ...string) []*graph.Package {
	var out []*graph.Package
	for _, l := range lines {
		from, imps, _ := strings.Cut(l, "->")
		from = strings.TrimSpace(from)
		p := &graph.Package{ImportPath: mod, Name: "x"}
		if from != "." {
			p.ImportPath = mod + "/" + from
		}
		prod, test, _ := strings.Cut(imps, "|")
		for _, imp := range strings.Fields(prod) {
			p.Imports = append(p.Imports, mod+"/"+imp)
		}
		for _, imp := range strings.Fields(test) {
			p.TestImports = append(p.TestImports, mod+"/"+imp)
		}
		out = append(out, p)
	}
	return out
}

func TestProposeFolders(t *testing.T) {
	main := &graph.MainModule{Path: "example.com/m"}
	p := Propose(main, pkgs("example.com/m",
		". -> internal/a",
		"internal/a -> internal/b | internal/c/deep", // a test imports c
		"internal/b ->",
		"internal/c/deep ->",
		"cmd/tool -> internal/a",
		"a -> ", // a top-level folder named like internal/a
	))
	got := map[string]ProposedModule{}
	for _, m := range p.Modules {
		got[m.Name] = m
	}
	if p.From != "folders" || len(p.Modules) != 6 {
		t.Fatalf("proposal %+v", p)
	}
	if m := got["internal-a"]; !reflect.DeepEqual(m.DependsOn, []string{"b", "c"}) || !reflect.DeepEqual(m.Packages, []string{"./internal/a/..."}) {
		t.Errorf("internal-a: %+v (test imports must count)", m)
	}
	if m := got["a"]; !reflect.DeepEqual(m.Packages, []string{"./a/..."}) {
		t.Errorf("a: %+v", m)
	}
	if m := got["m"]; !reflect.DeepEqual(m.Packages, []string{"example.com/m"}) {
		t.Errorf("root: %+v", m)
	}
	if len(p.Cycles) != 0 || strings.Contains(string(p.YAML()), "cycle: warn") {
		t.Errorf("no cycles expected: %v", p.Cycles)
	}
	assertLoads(t, p, main)
}

func TestProposeCycles(t *testing.T) {
	main := &graph.MainModule{Path: "example.com/m"}
	p := Propose(main, pkgs("example.com/m",
		"internal/a -> internal/b",
		"internal/b -> internal/a",
		"internal/c -> | internal/a", // a test-only edge back is no cycle
		"internal/a/x -> internal/c",
	))
	if !reflect.DeepEqual(p.Cycles, [][]string{{"a", "b"}}) {
		t.Errorf("cycles %v", p.Cycles)
	}
	if y := string(p.YAML()); !strings.Contains(y, "cycle: warn") || !strings.Contains(y, "(a, b)") {
		t.Errorf("YAML does not turn cycle down:\n%s", y)
	}
	assertLoads(t, p, main)
}

func TestProposeCommunities(t *testing.T) {
	main := &graph.MainModule{Path: "example.com/flat"}
	// Everything under one folder: the folders say nothing.
	p := Propose(main, pkgs("example.com/flat",
		"lib/ab -> lib/ab/x lib/ab/y",
		"lib/ab/x -> lib/ab/y",
		"lib/ab/y ->",
		"lib/cd -> lib/cd/x lib/cd/y",
		"lib/cd/x -> lib/cd/y",
		"lib/cd/y ->",
	))
	if p.From != "communities" || len(p.Modules) != 2 {
		t.Fatalf("proposal %+v", p)
	}
	if m := p.Modules[0]; m.Name != "ab" || !reflect.DeepEqual(m.Packages, []string{"./lib/ab", "./lib/ab/x", "./lib/ab/y"}) {
		t.Errorf("first community %+v", m)
	}
	assertLoads(t, p, main)
}

// assertLoads parses the proposal back and checks every package is assigned.
func assertLoads(t *testing.T, p Proposal, main *graph.MainModule) {
	t.Helper()
	cfg, err := rules.Parse("archcheck.yaml", p.YAML())
	if err != nil {
		t.Fatalf("proposal does not parse: %v\n%s", err, p.YAML())
	}
	cfg.Bind(main.Path)
	for _, m := range p.Modules {
		for _, pat := range m.Packages {
			path := strings.TrimSuffix(strings.Replace(pat, "./", main.Path+"/", 1), "/...")
			if got := cfg.ModuleOf(path); got == nil || got.Name != m.Name {
				t.Errorf("%s: assigned to %v, want %s", path, got, m.Name)
			}
		}
	}
}

// TestProposeSizes: a folder holding most of the code is split into its
// subfolders, recursively; small leaf folders fold into their parent's
// module, small top-level ones into the shared platform module, except a
// folder doing blocking I/O of its own.
func TestProposeSizes(t *testing.T) {
	main := &graph.MainModule{Path: "example.com/m"}
	ps := pkgs("example.com/m",
		"cmd/app -> pkg/cmd/pr pkg/cmd/issue",
		"tools/gen ->", // a small program at the top: stays a module
		"pkg/cmd/pr -> pkg/cmd/pr/shared pkg/cmd/pr/view",
		"pkg/cmd/pr/shared ->",
		"pkg/cmd/pr/view -> pkg/cmd/pr/shared",
		"pkg/cmd/issue -> pkg/cmd/version",
		"pkg/cmd/version ->",  // tiny leaf: folds into its parent, cmd
		"pkg/cmd/gitexec ->",  // tiny, but runs git: a module of its own
		"pkg/cmd/lookpath ->", // tiny, exec.LookPath only: folds
		"internal/text ->",    // tiny top-level utilities: platform
		"internal/slices ->",  //
		"internal/mailer ->",  // tiny, sends mail: stays
		"api -> internal/text",
	)
	for _, p := range ps {
		if strings.HasPrefix(p.ImportPath, "example.com/m/cmd/") || strings.HasPrefix(p.ImportPath, "example.com/m/tools/") {
			p.Name = "main"
		}
	}
	lines := map[string]int{
		"cmd/app": 400, "pkg/cmd/pr": 3000, "pkg/cmd/pr/shared": 2000, "pkg/cmd/pr/view": 1500,
		"pkg/cmd/issue": 2500, "tools/gen": 20, "pkg/cmd/version": 30, "pkg/cmd/gitexec": 40, "pkg/cmd/lookpath": 20,
		"internal/text": 60, "internal/slices": 40, "internal/mailer": 50, "api": 1200,
	}
	io := map[string]string{"pkg/cmd/gitexec": "os/exec.Command", "internal/mailer": "net/smtp.SendMail"}
	facts := map[string]PkgFacts{}
	for rel, n := range lines {
		facts["example.com/m/"+rel] = PkgFacts{Lines: n, IO: io[rel]}
	}
	p := ProposeWith(main, ps, facts)
	got := map[string]string{}
	for _, m := range p.Modules {
		got[m.Name] = fmt.Sprintf("%v %d %d %v", m.Packages, m.PackageCount, m.Lines, m.Shared)
	}
	want := map[string]string{
		// pkg/cmd held 83% of the lines: split into its subfolders; pr,
		// at 59%, into its own package and its subfolders.
		"pr":      "[./pkg/cmd/pr/...] 1 3000 false",
		"shared":  "[./pkg/cmd/pr/shared/...] 1 2000 false",
		"view":    "[./pkg/cmd/pr/view/...] 1 1500 false",
		"issue":   "[./pkg/cmd/issue/...] 1 2500 false",
		"gitexec": "[./pkg/cmd/gitexec/...] 1 40 false",
		"mailer":  "[./internal/mailer/...] 1 50 false",
		// version and lookpath fold back into what is left of pkg/cmd
		// (small, but a split folder is no utility: it stays a module).
		"pkg-cmd":  "[./pkg/cmd/...] 2 50 false",
		"platform": "[./internal/slices/... ./internal/text/...] 2 100 true",
		"cmd":      "[./cmd/...] 1 400 false",
		"tools":    "[./tools/...] 1 20 false", // a program: never folded into platform
		"api":      "[./api/...] 1 1200 false",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("modules:\n%v\nwant:\n%v", got, want)
	}
	if y := string(p.YAML()); !strings.Contains(y, "shared: true") {
		t.Errorf("platform is not shared:\n%s", y)
	}
	assertLoads(t, p, main)
}

func TestReadPkgFactsIO(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) *graph.Package {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "x.go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		p := &graph.Package{ImportPath: "example.com/m/" + name, Dir: d, GoFiles: []string{"x.go"}}
		f, _ := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ImportsOnly)
		for _, imp := range f.Imports {
			p.Imports = append(p.Imports, strings.Trim(imp.Path.Value, `"`))
		}
		return p
	}
	runs := write("runs", "package runs\n\nimport \"os/exec\"\n\nfunc Git() error { return exec.Command(\"git\").Run() }\n")
	looks := write("looks", "package looks\n\nimport \"os/exec\"\n\nfunc Has() bool { _, err := exec.LookPath(\"git\"); return err == nil }\n")
	client := write("client", "package client\n\nimport h \"net/http\"\n\nvar c = h.DefaultClient\n")
	injected := write("injected", "package injected\n\nimport \"net/http\"\n\ntype Opts struct{ HTTPClient func() (*http.Client, error) }\n")
	facts := ReadPkgFacts([]*graph.Package{runs, looks, client, injected})
	if f := facts[runs.ImportPath]; f.IO != "os/exec.Command" || f.Lines != 3 {
		t.Errorf("runs: %+v", f)
	}
	if f := facts[looks.ImportPath]; f.IO != "" {
		t.Errorf("exec.LookPath is not I/O: %+v", f)
	}
	if f := facts[client.ImportPath]; f.IO != "net/http.DefaultClient" {
		t.Errorf("client: %+v", f)
	}
	if f := facts[injected.ImportPath]; f.IO != "" {
		t.Errorf("a *http.Client passed in is not I/O: %+v", f)
	}
}

func TestProposeNoPackages(t *testing.T) {
	if p := ProposeWith(&graph.MainModule{Path: "example.com/m"}, nil, nil); len(p.Modules) != 0 {
		t.Errorf("modules from nothing: %+v", p.Modules)
	}
}
