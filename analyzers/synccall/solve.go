package synccall

import (
	"go/types"

	"github.com/archcheck/archcheck/rules"

	"golang.org/x/tools/go/analysis"
)

// solver computes each node's shortest chains: from blocking operations and
// imported facts at the leaves, then a worklist over the package's call
// graph until nothing improves. The result is the unique minimum per kind
// (shortest, then lexically least), whatever the visiting order, and the
// iteration terminates on recursion because chains only ever decrease.
type solver struct {
	pass  *analysis.Pass
	graph *callGraph
	match *matcher
	queue []*node
	// chains memoises calleeChains for callees outside the package.
	chains map[*types.Func][]Chain
}

func solve(pass *analysis.Pass, g *callGraph, m *matcher) *solver {
	s := &solver{pass: pass, graph: g, match: m, chains: map[*types.Func][]Chain{}}
	for _, n := range g.nodes {
		s.seed(n)
	}
	for len(s.queue) > 0 {
		n := s.queue[0]
		s.queue = s.queue[1:]
		n.queued = false
		for _, caller := range n.callers {
			s.relax(caller, n.best)
		}
	}
	return s
}

// seed links n to the nodes it calls and starts it from the chains of the
// operations and imported functions it calls.
func (s *solver) seed(n *node) {
	for _, st := range n.sites {
		if st.async {
			continue
		}
		if callee, ok := s.graph.funcs[st.callee]; ok && s.match.classify(st.callee) == (target{}) {
			callee.callers = append(callee.callers, n)
			continue
		}
		for _, c := range s.calleeChains(st.callee) {
			s.relaxKind(n, kindIndex(c.Kind), c.Steps)
		}
	}
}

// relax improves caller's chains from a callee's.
func (s *solver) relax(caller *node, best [numKinds][]Step) {
	for k, tail := range best {
		if tail != nil {
			s.relaxKind(caller, k, tail)
		}
	}
}

func (s *solver) relaxKind(n *node, k int, tail []Step) {
	if k < 0 || !extends(tail, n.best[k]) {
		return
	}
	n.best[k] = prepend(n.step, tail)
	if !n.queued {
		n.queued = true
		s.queue = append(s.queue, n)
	}
}

// calleeChains returns the chains of a callee that is not a node of the
// package: a blocking operation is a chain of itself; an event seam has
// none; anything else has the chains of its imported fact.
func (s *solver) calleeChains(fn *types.Func) []Chain {
	if c, ok := s.chains[fn]; ok {
		return c
	}
	var chains []Chain
	switch t := s.match.classify(fn); {
	case t.seam != "":
	case t.op != "":
		chains = []Chain{{Kind: t.op, Steps: []Step{stepOf(fn)}}}
	case fn.Pkg() != nil && fn.Pkg() != s.pass.Pkg:
		var f Blocks
		if s.pass.ImportObjectFact(fn, &f) {
			chains = f.Chains
		}
		// A database library is a database whatever it does inside: the
		// chain stops at its API.
		if lib := databaseLib(fn.Pkg().Path()); len(chains) > 0 && lib != "" && lib != databaseLib(s.pass.Pkg.Path()) {
			chains = []Chain{{Kind: rules.KindDatabase, Steps: []Step{stepOf(fn)}}}
		}
	}
	s.chains[fn] = chains
	return chains
}

// chainsOf returns the chains a call of fn blocks on: a node's computed
// chains, or calleeChains.
func (s *solver) chainsOf(fn *types.Func) []Chain {
	if n, ok := s.graph.funcs[fn]; ok && s.match.classify(fn) == (target{}) {
		return n.chains()
	}
	return s.calleeChains(fn)
}

// chains returns n's chains in the canonical kind order.
func (n *node) chains() []Chain {
	var out []Chain
	for k, steps := range n.best {
		if steps != nil {
			out = append(out, Chain{Kind: kindAt(k), Steps: steps})
		}
	}
	return out
}

// exportFacts exports a Blocks fact for each declared function, method and
// interface method that can block.
func (s *solver) exportFacts() {
	for _, n := range s.graph.nodes {
		if n.fn == nil {
			continue
		}
		if chains := n.chains(); len(chains) > 0 {
			s.pass.ExportObjectFact(n.fn, &Blocks{Chains: chains})
		}
	}
}

// blocking returns the chains of each declared function, method and
// interface method that can block, by fully qualified name.
func (s *solver) blocking() map[string][]Chain {
	out := map[string][]Chain{}
	for _, n := range s.graph.nodes {
		if n.fn == nil {
			continue
		}
		if chains := n.chains(); len(chains) > 0 {
			out[n.step.Full] = chains
		}
	}
	return out
}
