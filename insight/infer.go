package insight

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// ProposedModule is one module that Propose infers from the tree.
type ProposedModule struct {
	Name      string
	Packages  []string // config patterns, e.g. ./internal/checkout/...
	DependsOn []string // today's dependencies, test imports included
	// Shared marks the platform module collecting small utility folders.
	Shared bool
	// Layer is its proposed layer ("" when the proposal has no layers).
	Layer string
	// Size: the packages it holds and their non-blank non-test lines.
	PackageCount, Lines int
}

// Proposal is a starting config inferred from the package tree.
type Proposal struct {
	Modules []ProposedModule
	// From says how the modules were found: "folders" or "communities".
	From string
	// Cycles lists the module cycles of today's (non-test) imports, each
	// sorted; the proposal turns the cycle rule down to warn while any
	// exist, so the first check passes.
	Cycles [][]string
	// Tables proposes data ownership from today's SQL (tables.go); nil
	// when nothing was measured.
	Tables *TableProposal
	// Layers are the proposed layers, top first, when today's module
	// graph is layered (layers.go); nil otherwise.
	Layers []string
	// LayerCycle is, when no layers are proposed because modules import
	// each other in a cycle (test imports included), one such cycle, its
	// first module repeated last.
	LayerCycle []string
}

// containers are directories whose children are the domains.
var containers = map[string]bool{"internal": true, "pkg": true, "app": true, "domain": true, "modules": true, "services": true}

// minCommunityPackages is the size from which a tree that its folders do
// not divide is divided by community detection instead.
const minCommunityPackages = 3

// Propose infers modules for the main module's packages, reading their
// files for sizes and I/O (ProposeWith).
func Propose(main *graph.MainModule, pkgs []*graph.Package) Proposal {
	return ProposeWith(main, pkgs, ReadPkgFacts(mainPackages(main, pkgs)))
}

// ProposeWith infers modules for the main module's packages from the
// folders, sized by facts (proposeBySize; docs/suggest.md "init"): the
// top-level domain folders (each child of internal/, pkg/ and similar
// containers, each other top-level folder, the root package alone), a
// folder holding more than MaxModuleShare of the lines split into its
// subfolders, folders under MinModuleLines folded into their parent or
// the shared platform module unless they do blocking I/O of their own.
// When the folders say nothing — they give a single module for three or
// more packages — the modules are the Louvain communities of the package
// import graph instead, each named after its shortest package path.
// Dependencies are today's imports, test files' included, so the first
// check of the proposal passes the dependency rule.
func ProposeWith(main *graph.MainModule, pkgs []*graph.Package, facts map[string]PkgFacts) Proposal {
	mine := mainPackages(main, pkgs)
	owner, patterns, shared, sizes := proposeBySize(main, mine, facts)
	prop := Proposal{From: "folders"}
	if len(patterns) == 1 && len(mine) >= minCommunityPackages {
		if o, p := byCommunities(main, mine); len(p) > 1 {
			owner, patterns, prop.From = o, p, "communities"
			shared = nil
			sizes = map[string][2]int{}
			for _, pkg := range mine {
				s := sizes[owner[pkg.ImportPath]]
				sizes[owner[pkg.ImportPath]] = [2]int{s[0] + 1, s[1] + facts[pkg.ImportPath].Lines}
			}
		}
	}
	deps, prodDeps := dependencies(mine, owner)
	for name, pats := range patterns {
		m := ProposedModule{Name: name, Packages: pats, DependsOn: sortedKeys(deps[name]), Shared: shared[name],
			PackageCount: sizes[name][0], Lines: sizes[name][1]}
		prop.Modules = append(prop.Modules, m)
	}
	sort.Slice(prop.Modules, func(i, j int) bool { return prop.Modules[i].Name < prop.Modules[j].Name })
	prop.Cycles = moduleCycles(prop.Modules, prodDeps)
	prop.Layers, prop.LayerCycle = proposeLayers(prop.Modules, deps) // layers.go
	return prop
}

// mainPackages returns the packages of the main module (the standard
// library's when it is "std").
func mainPackages(main *graph.MainModule, pkgs []*graph.Package) []*graph.Package {
	var out []*graph.Package
	for _, p := range pkgs {
		if main.Path == "std" {
			if p.Standard {
				out = append(out, p)
			}
			continue
		}
		if p.ImportPath == main.Path || strings.HasPrefix(p.ImportPath, main.Path+"/") {
			out = append(out, p)
		}
	}
	return out
}

func relPath(main *graph.MainModule, importPath string) string {
	if main.Path == "std" {
		return importPath
	}
	if importPath == main.Path {
		return ""
	}
	return strings.TrimPrefix(importPath, main.Path+"/")
}

// byCommunities assigns packages to the Louvain communities of their import
// graph; each community lists its packages exactly.
func byCommunities(main *graph.MainModule, pkgs []*graph.Package) (owner map[string]string, patterns map[string][]string) {
	g := &graph.Graph{Main: main, Packages: pkgs, Index: map[string]*graph.Package{}, Module: map[string]string{}}
	var paths []string
	for _, p := range pkgs {
		g.Index[p.ImportPath] = p
		paths = append(paths, p.ImportPath)
	}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if _, ok := g.Index[imp]; ok && imp != p.ImportPath {
				g.PkgEdges = append(g.PkgEdges, graph.PkgEdge{From: p.ImportPath, To: imp})
			}
		}
	}
	owner, patterns = map[string]string{}, map[string][]string{}
	for _, comm := range graph.Louvain(g, paths) {
		name := communityName(main, comm, patterns)
		for _, p := range comm {
			owner[p] = name
			pat := "./" + relPath(main, p)
			if p == main.Path {
				pat = main.Path
			}
			patterns[name] = append(patterns[name], pat)
		}
	}
	return owner, patterns
}

// communityName names a community after its shortest package path (the
// first of those, lexically), made unique.
func communityName(main *graph.MainModule, comm []string, taken map[string][]string) string {
	best := comm[0]
	for _, p := range comm[1:] {
		if len(p) < len(best) {
			best = p
		}
	}
	base := sanitize(path.Base(best))
	if best == main.Path {
		base = sanitize(path.Base(main.Path))
	}
	name := base
	for i := 2; taken[name] != nil; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name
}

// dependencies returns, per module, the modules its packages import: all
// imports (test files' included) and non-test imports only.
func dependencies(pkgs []*graph.Package, owner map[string]string) (all, prod map[string]map[string]bool) {
	all, prod = map[string]map[string]bool{}, map[string]map[string]bool{}
	for _, p := range pkgs {
		from := owner[p.ImportPath]
		for i, imps := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range imps {
				to, ok := owner[imp]
				if !ok || to == from {
					continue
				}
				addTo(all, from, to)
				if i == 0 {
					addTo(prod, from, to)
				}
			}
		}
	}
	return all, prod
}

// moduleCycles returns the strongly connected components of two or more
// modules (gonum's Tarjan), each sorted, ordered by their first member.
func moduleCycles(mods []ProposedModule, prod map[string]map[string]bool) [][]string {
	id := map[string]int64{}
	dg := simple.NewDirectedGraph()
	for i, m := range mods {
		id[m.Name] = int64(i)
		dg.AddNode(simple.Node(int64(i)))
	}
	for _, m := range mods {
		for to := range prod[m.Name] {
			dg.SetEdge(simple.Edge{F: simple.Node(id[m.Name]), T: simple.Node(id[to])})
		}
	}
	var out [][]string
	for _, scc := range topo.TarjanSCC(dg) {
		if len(scc) < 2 {
			continue
		}
		var names []string
		for _, n := range scc {
			names = append(names, mods[n.ID()].Name)
		}
		sort.Strings(names)
		out = append(out, names)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// YAML renders the proposal as an archcheck.yaml.
func (p Proposal) YAML() []byte {
	var b strings.Builder
	b.WriteString("# archcheck.yaml: module boundaries for archcheck (https://github.com/archcheck/archcheck).\n")
	fmt.Fprintf(&b, "# Inferred from the tree as it is (modules from %s); depends_on lists today's\n", p.From)
	b.WriteString("# dependencies, so the first `archcheck check` passes. Tighten it from here.\nversion: 1\n\n")
	if len(p.Layers) > 0 {
		fmt.Fprintf(&b, "# Today's module graph is layered (top first): no module imports one above it.\nlayers: [%s]\n\n", strings.Join(p.Layers, ", "))
	} else if len(p.LayerCycle) > 0 {
		fmt.Fprintf(&b, "# No layers proposed: modules import each other in a cycle (%s; test imports count,\n", strings.Join(p.LayerCycle, " → "))
		b.WriteString("# as for the layer rule). Break it and run init again, or declare layers by hand.\n\n")
	}
	b.WriteString("modules:\n")
	for _, m := range p.Modules {
		fmt.Fprintf(&b, "  %s:\n    packages: [%s]\n", m.Name, quoteList(m.Packages))
		if m.Shared {
			b.WriteString("    shared: true   # small utility folders any module may use\n")
		}
		if len(m.DependsOn) > 0 {
			fmt.Fprintf(&b, "    depends_on: [%s]\n", strings.Join(m.DependsOn, ", "))
		}
		if m.Layer != "" {
			fmt.Fprintf(&b, "    layer: %s\n", m.Layer)
		}
		p.Tables.yamlModule(&b, m.Name) // tables.go
	}
	p.Tables.yamlComment(&b)
	if len(p.Cycles) > 0 {
		b.WriteString("\nrules:\n")
		var cs []string
		for _, c := range p.Cycles {
			cs = append(cs, strings.Join(c, ", "))
		}
		fmt.Fprintf(&b, "  # Today's imports make module cycles (%s): warn until they are broken.\n", strings.Join(cs, "; "))
		b.WriteString("  cycle: warn\n")
	}
	return []byte(b.String())
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
