package graph

import (
	"go/ast"
	"sort"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// The graph is built from what package load lists; these are its types
// under the names the graph's code and callers use.
type (
	Package    = load.Package
	MainModule = load.MainModule
	Overlay    = load.Overlay
	PkgEdge    = load.PkgEdge // an import of package To by package From (non-test files)
)

// ModEdge is the set of imports from one module to another.
type ModEdge struct {
	From, To string
	// Imports counts package-level import edges; CountImportSpecs refines
	// it to import specs.
	Imports int
	Pairs   []PkgEdge // sorted
	ModCallStats
	Violations []string // rule IDs of findings between the two modules, sorted
}

// Graph is the package and module graph of the checked packages. Build
// makes the import graph; a Builder adds the results of later analyses
// (calls, call sites, parsed files, violations) and finishes it. A finished
// graph is not modified: its readers (metrics, communities, insight, the
// report) take it as a value.
type Graph struct {
	Main     *MainModule
	Config   *rules.Config
	Packages []*Package          // the listed packages, sorted by import path
	Index    map[string]*Package // by import path
	Module   map[string]string   // import path -> module name; absent: unassigned or excluded
	PkgEdges []PkgEdge           // imports between listed packages, non-test, sorted
	Modules  []string            // module names in declaration order
	ModEdges []*ModEdge          // inter-module edges, sorted by declaration order of From, To
	Calls    []Call              // calls into other modules and seams, when sync-call ran (Builder.AddCalls)
	// Sites are every synchronous call site of the main module whose
	// callee can block, intra-package and intra-module ones included,
	// from the same sync-call analysis (default mode, closures as their
	// own functions; Builder.AddSites); nil when sync-call did not run.
	// impact climbs through them.
	Sites []Call
	// Parsed holds files already parsed (by the typed load), by absolute
	// file name, so that metrics need not parse them again; nil: none.
	Parsed map[string]*ast.File
	// Overlay is GOFLAGS -overlay's file replacements: the source readers
	// (metrics, line counts) see what go list and the type checker saw.
	Overlay Overlay
}

// ReadFile reads a package's source file, through the overlay.
func (g *Graph) ReadFile(name string) ([]byte, error) { return g.Overlay.ReadFile(name) }

// Build assigns the packages to the config's modules and derives the module
// graph. Only non-test imports make edges (SPEC: test imports count for the
// import rules, not for the graph or cycles).
func Build(main *MainModule, cfg *rules.Config, pkgs []*Package) *Graph {
	g := &Graph{Main: main, Config: cfg, Packages: pkgs,
		Index: make(map[string]*Package, len(pkgs)), Module: make(map[string]string, len(pkgs))}
	for _, p := range pkgs {
		g.Index[p.ImportPath] = p
		if m := cfg.ModuleOf(p.ImportPath); m != nil {
			g.Module[p.ImportPath] = m.Name
		}
	}
	for _, m := range cfg.Modules {
		g.Modules = append(g.Modules, m.Name)
	}
	edges := map[[2]string]*ModEdge{}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if _, ok := g.Index[imp]; !ok {
				continue
			}
			e := PkgEdge{From: p.ImportPath, To: imp}
			g.PkgEdges = append(g.PkgEdges, e)
			from, to := g.Module[p.ImportPath], g.Module[imp]
			if from == "" || to == "" || from == to {
				continue
			}
			me := edges[[2]string{from, to}]
			if me == nil {
				me = &ModEdge{From: from, To: to}
				edges[[2]string{from, to}] = me
			}
			me.Imports++
			me.Pairs = append(me.Pairs, e)
		}
	}
	for _, me := range edges {
		g.ModEdges = append(g.ModEdges, me)
	}
	g.sortEdges()
	return g
}

// ModuleOrder maps module names to their declaration index.
func (g *Graph) ModuleOrder() map[string]int {
	order := make(map[string]int, len(g.Modules))
	for i, m := range g.Modules {
		order[m] = i
	}
	return order
}

// Edge returns the module edge from -> to, or nil.
func (g *Graph) Edge(from, to string) *ModEdge {
	for _, e := range g.ModEdges {
		if e.From == from && e.To == to {
			return e
		}
	}
	return nil
}

// Cycle is one strongly connected component of the module graph.
type Cycle struct {
	Members []string // in declaration order
	Path    []string // one shortest cycle, from the first-declared member back to it
	First   *ModEdge // the module edge Path[0] -> Path[1]
}

// Cycles returns one Cycle per strongly connected component of two or more
// modules (gonum's Tarjan SCC), ordered by their first-declared member.
func (g *Graph) Cycles() []Cycle {
	order := g.ModuleOrder()
	dg := simple.NewDirectedGraph()
	for i := range g.Modules {
		dg.AddNode(simple.Node(int64(i)))
	}
	for _, e := range g.ModEdges {
		dg.SetEdge(simple.Edge{F: simple.Node(int64(order[e.From])), T: simple.Node(int64(order[e.To]))})
	}
	var cycles []Cycle
	for _, scc := range topo.TarjanSCC(dg) {
		if len(scc) < 2 {
			continue
		}
		ids := make([]int, len(scc))
		in := map[int]bool{}
		for i, n := range scc {
			ids[i] = int(n.ID())
			in[ids[i]] = true
		}
		sort.Ints(ids)
		c := Cycle{}
		for _, id := range ids {
			c.Members = append(c.Members, g.Modules[id])
		}
		path := shortestCycle(dg, ids[0], in)
		for _, id := range path {
			c.Path = append(c.Path, g.Modules[id])
		}
		c.First = g.Edge(c.Path[0], c.Path[1])
		cycles = append(cycles, c)
	}
	sort.Slice(cycles, func(i, j int) bool {
		return order[cycles[i].Members[0]] < order[cycles[j].Members[0]]
	})
	return cycles
}

// shortestCycle finds, by breadth-first search inside the component, the
// shortest path from start back to start; successors are visited in
// declaration order, so ties go to the earlier-declared module.
func shortestCycle(dg *simple.DirectedGraph, start int, in map[int]bool) []int {
	prev := map[int]int{}
	queue := []int{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, next := range successors(dg, cur, in) {
			if next == start {
				return unwind(prev, cur, start)
			}
			if _, seen := prev[next]; seen || next == start {
				continue
			}
			prev[next] = cur
			queue = append(queue, next)
		}
	}
	return []int{start, start} // unreachable for a real component
}

func successors(dg *simple.DirectedGraph, id int, in map[int]bool) []int {
	var out []int
	it := dg.From(int64(id))
	for it.Next() {
		if n := int(it.Node().ID()); in[n] {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

func unwind(prev map[int]int, last, start int) []int {
	path := []int{start}
	for cur := last; cur != start; cur = prev[cur] {
		path = append(path, cur)
	}
	// path is start, last, ..., second; reverse all but the leading start.
	for i, j := 1, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return append(path, start)
}
