package graph

import (
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

func pkgs(mod string, lines ...string) []*Package {
	var out []*Package
	for _, l := range lines {
		from, imps, _ := strings.Cut(l, "->")
		from = strings.TrimSpace(from)
		p := &Package{ImportPath: mod, Name: "x"}
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
	main := &MainModule{Path: "example.com/m"}
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
	if m := got["a"]; !reflect.DeepEqual(m.DependsOn, []string{"b", "c"}) || !reflect.DeepEqual(m.Packages, []string{"./internal/a/..."}) {
		t.Errorf("a: %+v (test imports must count)", m)
	}
	if m := got["a-dir"]; !reflect.DeepEqual(m.Packages, []string{"./a/..."}) {
		t.Errorf("a-dir: %+v", m)
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
	main := &MainModule{Path: "example.com/m"}
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
	main := &MainModule{Path: "example.com/flat"}
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
func assertLoads(t *testing.T, p Proposal, main *MainModule) {
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
