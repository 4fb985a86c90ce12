package graph

import (
	"cmp"
	"go/ast"
	"slices"
	"sort"

	"github.com/archcheck/archcheck/rules"
)

// A Builder assembles a Graph from the results of the analyses that run
// after the import graph is built: the calls and call sites of sync-call,
// the files the typed load parsed, and the findings' violations. Finish
// returns the finished graph, which nothing mutates afterwards; which of
// its fields are filled then depends on what was added, not on when.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	g *Graph
}

// NewBuilder starts from an import graph (Build) and the overlay its
// packages were listed with; g itself is not modified.
func NewBuilder(g *Graph, overlay Overlay) *Builder {
	ng := *g
	ng.Overlay = overlay
	ng.ModEdges = make([]*ModEdge, len(g.ModEdges))
	for i, e := range g.ModEdges {
		ce := *e
		ce.Violations = slices.Clone(e.Violations)
		ng.ModEdges[i] = &ce
	}
	ng.Calls = slices.Clone(g.Calls)
	ng.Sites = slices.Clone(g.Sites)
	return &Builder{g: &ng}
}

// Graph is the graph as built so far, for the analyses that read the
// import graph (and the overlay) while the others still run. Its call
// fields are complete only after Finish.
func (b *Builder) Graph() *Graph { return b.g }

// AddCalls records calls into other modules and seams and counts them on
// module edges, creating edges that have calls but no imports (through an
// event seam).
func (b *Builder) AddCalls(calls []Call) {
	g := b.g
	g.Calls = append(g.Calls, calls...)
	sort.SliceStable(g.Calls, func(i, j int) bool {
		a, b := g.Calls[i], g.Calls[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	for _, c := range calls {
		if c.FromModule == "" || c.ToModule == "" || c.FromModule == c.ToModule {
			continue
		}
		e := g.Edge(c.FromModule, c.ToModule)
		if e == nil {
			e = &ModEdge{From: c.FromModule, To: c.ToModule}
			g.ModEdges = append(g.ModEdges, e)
		}
		if c.Publish {
			e.Publishes++
			continue
		}
		e.Calls++
		if c.Blocking() {
			e.BlockingCalls++
		}
	}
	g.sortEdges()
}

// AddSites records blocking call sites of the main module (Graph.Sites),
// kept sorted by position and callee; sites with equal keys keep the order
// they were added in (one file, one package, in its order).
func (b *Builder) AddSites(sites []Call) {
	b.g.Sites = append(b.g.Sites, sites...)
	slices.SortStableFunc(b.g.Sites, func(x, y Call) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Line, y.Line), cmp.Compare(x.Column, y.Column),
			cmp.Compare(x.Callee, y.Callee))
	})
}

// SetParsed records the files the typed load parsed, by absolute name, so
// that metrics need not parse them again.
func (b *Builder) SetParsed(files map[string]*ast.File) { b.g.Parsed = files }

// Finish marks on each module edge the rules of the findings between its
// two modules and returns the finished graph. The Builder must not be used
// afterwards.
func (b *Builder) Finish(fs []rules.Finding) *Graph {
	g := b.g
	b.g = nil
	for _, f := range fs {
		if f.FromModule == "" || f.ToModule == "" {
			continue
		}
		e := g.Edge(f.FromModule, f.ToModule)
		if e == nil || slices.Contains(e.Violations, f.Rule) {
			continue
		}
		e.Violations = append(e.Violations, f.Rule)
		sort.Strings(e.Violations)
	}
	return g
}
