package graph

import (
	"sort"

	"github.com/archcheck/archcheck/rules"
)

// Call is one call site as the sync-call analyzer sees it: in Graph.Calls
// a synchronous call from one module into another or into an event seam; in
// Graph.Sites a synchronous call site of the main module whose callee can
// block on any kind, intra-package and intra-module calls included. The
// engine converts the analyzer's results to Calls so that graph stays
// independent of the analyzers.
//
// Both follow sync-call's rules (SPEC "Calls, closures and goroutines"): a
// function literal is a function of its own, named as the compiler names
// it ("pkg.Outer.func1", nested "pkg.Outer.func1.2"); a call inside a
// literal that surely runs in its enclosing function (called in place,
// deferred, through a local holding only it, passed to a callee that calls
// that parameter synchronously, or in a goroutine the function waits for)
// has the enclosing function as Caller, any other (a stored literal's) has
// the literal. Calls in an unwaited goroutine are in neither list.
type Call struct {
	Caller, Callee string // fully qualified function names, as in chains
	FromPkg, ToPkg string
	FromModule     string // "" when unassigned
	// ToModule is "" when the callee is unassigned or outside the main
	// module (a dependency, the standard library), or the seam for
	// publishes to a built-in seam.
	ToModule string
	Kinds    []rules.Kind            // the kinds the callee can block on, canonical order
	Chains   map[rules.Kind][]string // shortest chain per kind, caller first
	// Names are the names of the chains' packages that are not their
	// path's last element (package client in .../hydra-client-go/v2), a
	// main package's left out; nil: none (Graph.PkgNames).
	Names map[string]string
	// Via says how the call was resolved: "" a static call, "waited
	// goroutine" (run by a goroutine the caller waits for), "interface" or
	// "function value" (whole-program mode only).
	Via          string
	Publish      bool   // a call into an event seam
	Seam         string // the seam's name when Publish
	File         string // relative to the main module root
	Line, Column int
}

// Blocking reports whether the callee can block on any kind.
func (c Call) Blocking() bool { return len(c.Kinds) > 0 }

// ModCallStats are the call counts on a module edge.
type ModCallStats struct {
	Calls         int // static call sites outside go statements
	BlockingCalls int // of those, calls whose callee can block
	Publishes     int // calls into an event seam
}

func (g *Graph) sortEdges() {
	order := g.ModuleOrder()
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
