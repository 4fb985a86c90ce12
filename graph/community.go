package graph

import (
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/archcheck/archcheck/internal/par"
	"github.com/archcheck/archcheck/load"
)

// LouvainSeed seeds the Louvain runs: the same code gives the same
// clusters on every run and machine.
const LouvainSeed = 1

// Cluster is one community of packages found by Louvain.
type Cluster struct {
	Packages []string // sorted
	// Modules counts the cluster's packages per declared module ("" for
	// unassigned), keyed by module name.
	Modules map[string]int
}

// Clustering is the natural partition of the package graph and how the
// declared modules sit in it.
type Clustering struct {
	Clusters []Cluster // ordered by their first package
	// QDeclared and QFound are the Newman modularity of the declared
	// modules and of the clusters found, over the same weighted graph.
	QDeclared, QFound float64
	Splits            []Split // declared modules spread over several clusters
	Merges            []Merge // clusters holding several declared modules
}

// Split is a declared module whose packages fall into two or more clusters.
type Split struct {
	Module string
	Parts  [][]string // its packages per cluster, largest part first
	// Names, Lines: each part's name (PartName) and non-blank lines.
	Names []string
	Lines []int
	// ImportsCut counts the package imports between the parts: what the
	// split would cut.
	ImportsCut int
}

// Merge is a cluster that holds the packages of two or more modules.
type Merge struct {
	Modules  []string // declaration order
	Packages []string
	Lines    int
}

// pkgWeights are the undirected weights between packages: one per import
// (non-test), plus one per static call site between them.
func pkgWeights(g *Graph, paths []string) (map[[2]int]float64, map[string]int) {
	id := make(map[string]int, len(paths))
	for i, p := range paths {
		id[p] = i
	}
	w := map[[2]int]float64{}
	add := func(a, b string, x float64) {
		i, ok1 := id[a]
		j, ok2 := id[b]
		if !ok1 || !ok2 || i == j {
			return
		}
		if i > j {
			i, j = j, i
		}
		w[[2]int{i, j}] += x
	}
	for _, e := range g.PkgEdges {
		add(e.From, e.To, 1)
	}
	for _, c := range g.Calls {
		if !c.Publish {
			add(c.FromPkg, c.ToPkg, 1)
		}
	}
	return w, id
}

// Communities runs Louvain (gonum's community.Modularize, resolution 1,
// fixed seed) on the graph of the packages that belong to a module that
// is not shared, weighted by imports and calls, and compares the clusters
// with the declared modules. Shared modules and programs (modules of main
// packages only) are left out: everyone uses the first by design and the
// second wire everything together, so they would glue unrelated clusters
// together. A
// package with no edge to another stays alone and is not reported as a
// split.
func Communities(g *Graph) *Clustering {
	domain := map[string]bool{} // modules with a package that is not main
	for _, p := range g.Packages {
		if p.Name != "main" {
			domain[g.Module[p.ImportPath]] = true
		}
	}
	var paths []string
	for _, p := range g.Packages {
		if m := g.Module[p.ImportPath]; m != "" && g.CouplingTo(m) && domain[m] {
			paths = append(paths, p.ImportPath)
		}
	}
	og := newOrdered(g, paths)
	found := og.louvain(paths)
	res := &Clustering{}
	for _, members := range found {
		c := Cluster{Packages: members, Modules: map[string]int{}}
		for _, p := range members {
			c.Modules[g.Module[p]]++
		}
		res.Clusters = append(res.Clusters, c)
	}
	declared := map[string][]string{}
	for _, p := range paths {
		declared[g.Module[p]] = append(declared[g.Module[p]], p)
	}
	var declParts [][]string
	for _, m := range g.Modules {
		if len(declared[m]) > 0 {
			declParts = append(declParts, declared[m])
		}
	}
	res.QDeclared = og.q(declParts)
	res.QFound = og.q(found)
	res.Splits = splits(g, og, found)
	res.Merges = merges(g, found)
	if len(res.Splits)+len(res.Merges) > 0 {
		lines := PackageLines(g)
		modPath := ""
		if g.Main != nil {
			modPath = g.Main.Path
		}
		for i := range res.Splits {
			sp := &res.Splits[i]
			for _, part := range sp.Parts {
				n := 0
				for _, p := range part {
					n += lines[p]
				}
				sp.Names = append(sp.Names, PartName(part, modPath))
				sp.Lines = append(sp.Lines, n)
			}
			sp.ImportsCut = ImportsCut(g, sp.Parts)
		}
		for i := range res.Merges {
			for _, p := range res.Merges[i].Packages {
				res.Merges[i].Lines += lines[p]
			}
		}
	}
	return res
}

// Louvain partitions the packages into communities; each community is
// sorted and the communities are ordered by their first package. Packages
// without edges form singleton communities.
func Louvain(g *Graph, paths []string) [][]string {
	return newOrdered(g, paths).louvain(paths)
}

func (o *ordered) louvain(paths []string) [][]string {
	if len(paths) == 0 {
		return nil
	}
	var parts [][]string
	if o.total == 0 {
		for _, p := range paths {
			parts = append(parts, []string{p})
		}
		return parts
	}
	reduced := community.Modularize(o, 1, rand.NewPCG(LouvainSeed, LouvainSeed))
	for _, comm := range reduced.Communities() {
		var members []string
		for _, n := range comm {
			members = append(members, paths[n.ID()])
		}
		sort.Strings(members)
		parts = append(parts, members)
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i][0] < parts[j][0] })
	return parts
}

// splits lists the modules whose connected packages fall into two or more
// clusters.
func splits(g *Graph, og *ordered, found [][]string) []Split {
	edges := func(p string) bool { i, ok := og.id[p]; return ok && len(og.adj[i]) > 0 }
	var out []Split
	for _, m := range g.Modules {
		var parts [][]string
		for _, members := range found {
			var part []string
			for _, p := range members {
				if g.Module[p] == m && edges(p) {
					part = append(part, p)
				}
			}
			if len(part) > 0 {
				parts = append(parts, part)
			}
		}
		if len(parts) < 2 {
			continue
		}
		sort.SliceStable(parts, func(i, j int) bool { return len(parts[i]) > len(parts[j]) })
		out = append(out, Split{Module: m, Parts: parts})
	}
	return out
}

func merges(g *Graph, found [][]string) []Merge {
	order := g.ModuleOrder()
	var out []Merge
	for _, members := range found {
		set := map[string]bool{}
		for _, p := range members {
			set[g.Module[p]] = true
		}
		if len(set) < 2 {
			continue
		}
		mods := sortedKeys(set)
		sort.SliceStable(mods, func(i, j int) bool { return order[mods[i]] < order[mods[j]] })
		out = append(out, Merge{Modules: mods, Packages: members})
	}
	return out
}

// ordered is an undirected weighted graph over packages 0..n-1 whose
// iterators are in ID order, so Louvain's result depends only on the seed
// (gonum's simple graphs iterate in map order).
type ordered struct {
	n     int
	adj   [][]int // sorted neighbour IDs
	w     map[[2]int]float64
	id    map[string]int // package path -> node ID
	total float64
}

var _ gg.WeightedUndirected = (*ordered)(nil)

func newOrdered(g *Graph, paths []string) *ordered {
	w, id := pkgWeights(g, paths)
	og := &ordered{n: len(paths), adj: make([][]int, len(paths)), w: w, id: id}
	keys := make([][2]int, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		og.adj[k[0]] = append(og.adj[k[0]], k[1])
		og.adj[k[1]] = append(og.adj[k[1]], k[0])
		og.total += w[k]
	}
	for _, a := range og.adj {
		sort.Ints(a)
	}
	return og
}

// q is the Newman modularity of a partition of the packages, given as
// package paths; 0 for a graph without edges.
func (o *ordered) q(parts [][]string) float64 {
	if o.total == 0 || len(parts) == 0 {
		return 0
	}
	comms := make([][]gg.Node, 0, len(parts))
	for _, part := range parts {
		var c []gg.Node
		for _, p := range part {
			if i, ok := o.id[p]; ok {
				c = append(c, simple.Node(int64(i)))
			}
		}
		comms = append(comms, c)
	}
	return community.Q(o, comms, 1)
}

func (o *ordered) Node(id int64) gg.Node {
	if id < 0 || id >= int64(o.n) {
		return nil
	}
	return simple.Node(id)
}

func (o *ordered) Nodes() gg.Nodes {
	nodes := make([]gg.Node, o.n)
	for i := range nodes {
		nodes[i] = simple.Node(int64(i))
	}
	return iterator.NewOrderedNodes(nodes)
}

func (o *ordered) From(id int64) gg.Nodes {
	if id < 0 || id >= int64(o.n) || len(o.adj[id]) == 0 {
		return gg.Empty
	}
	nodes := make([]gg.Node, len(o.adj[id]))
	for i, j := range o.adj[id] {
		nodes[i] = simple.Node(int64(j))
	}
	return iterator.NewOrderedNodes(nodes)
}

func (o *ordered) key(x, y int64) [2]int {
	if x > y {
		x, y = y, x
	}
	return [2]int{int(x), int(y)}
}

func (o *ordered) HasEdgeBetween(x, y int64) bool { _, ok := o.w[o.key(x, y)]; return ok && x != y }

func (o *ordered) Edge(u, v int64) gg.Edge { return o.WeightedEdge(u, v) }

func (o *ordered) EdgeBetween(x, y int64) gg.Edge { return o.WeightedEdge(x, y) }

func (o *ordered) WeightedEdgeBetween(x, y int64) gg.WeightedEdge { return o.WeightedEdge(x, y) }

func (o *ordered) WeightedEdge(u, v int64) gg.WeightedEdge {
	w, ok := o.w[o.key(u, v)]
	if !ok || u == v {
		return nil
	}
	return simple.WeightedEdge{F: simple.Node(u), T: simple.Node(v), W: w}
}

func (o *ordered) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	w, ok := o.w[o.key(x, y)]
	return w, ok
}

// PackageLines counts the non-blank lines of every package's non-test
// files (through the overlay), in parallel.
func PackageLines(g *Graph) map[string]int {
	n := make([]int, len(g.Packages))
	par.Each(g.Packages, func(i int, p *Package) {
		for _, name := range p.GoFiles {
			if src, err := g.ReadFile(filepath.Join(p.Dir, name)); err == nil {
				n[i] += load.NonBlankLines(src)
			}
		}
	})
	out := make(map[string]int, len(g.Packages))
	for i, p := range g.Packages {
		out[p.ImportPath] = n[i]
	}
	return out
}

// PartName names a set of packages after its shortest package path
// relative to the main module (ties lexically), with how many more it
// holds: "internal/inventory/shipping +2", "." for the root package.
func PartName(pkgs []string, modPath string) string {
	if len(pkgs) == 0 {
		return ""
	}
	best := pkgs[0]
	for _, p := range pkgs[1:] {
		if len(p) < len(best) || len(p) == len(best) && p < best {
			best = p
		}
	}
	name := best
	if modPath != "std" {
		switch {
		case best == modPath:
			name = "."
		case strings.HasPrefix(best, modPath+"/"):
			name = strings.TrimPrefix(best, modPath+"/")
		}
	}
	if len(pkgs) > 1 {
		name += " +" + strconv.Itoa(len(pkgs)-1)
	}
	return name
}

// ImportsCut counts the package imports between different parts.
func ImportsCut(g *Graph, parts [][]string) int {
	part := map[string]int{}
	for i, ps := range parts {
		for _, p := range ps {
			part[p] = i
		}
	}
	n := 0
	for _, e := range g.PkgEdges {
		i, ok1 := part[e.From]
		j, ok2 := part[e.To]
		if ok1 && ok2 && i != j {
			n++
		}
	}
	return n
}
