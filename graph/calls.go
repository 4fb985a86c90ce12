package graph

import (
	"slices"
	"sort"

	"github.com/archcheck/archcheck/rules"
)

// Call is one static call site from one package into another, as the
// sync-call analyzer sees it. The engine converts the analyzer's results to
// Calls so that graph stays independent of the analyzers.
type Call struct {
	Caller, Callee string // fully qualified function names
	FromPkg, ToPkg string
	FromModule     string // "" when unassigned
	ToModule       string // "" when unassigned, or the seam for publishes to a built-in seam
	Kinds          []rules.Kind
	Chains         map[rules.Kind][]string // shortest chain per kind, caller first
	Publish        bool                    // a call into an event seam
	Seam           string                  // the seam's name when Publish
	File           string                  // relative to the main module root
	Line, Column   int
}

// Blocking reports whether the callee can block on any kind.
func (c Call) Blocking() bool { return len(c.Kinds) > 0 }

// ModCallStats are the call counts on a module edge.
type ModCallStats struct {
	Calls         int // static call sites outside go statements
	BlockingCalls int // of those, calls whose callee can block
	Publishes     int // calls into an event seam
}

// AddCalls records calls on the graph and counts them on module edges,
// creating edges that have calls but no imports (through an event seam).
func (g *Graph) AddCalls(calls []Call) {
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

// MarkViolations records, on each module edge, the rules of the findings
// between its two modules.
func (g *Graph) MarkViolations(fs []rules.Finding) {
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
}

func (g *Graph) sortEdges() {
	order := g.moduleOrder()
	rank := func(m string) int {
		if i, ok := order[m]; ok {
			return i
		}
		return len(order) // seams and unknown modules last
	}
	sort.SliceStable(g.ModEdges, func(i, j int) bool {
		a, b := g.ModEdges[i], g.ModEdges[j]
		if a.From != b.From {
			if rank(a.From) != rank(b.From) {
				return rank(a.From) < rank(b.From)
			}
			return a.From < b.From
		}
		if rank(a.To) != rank(b.To) {
			return rank(a.To) < rank(b.To)
		}
		return a.To < b.To
	})
}
