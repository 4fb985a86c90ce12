package report

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// A layered drawing (Sugiyama), top to bottom, for --format svg: break
// cycles by reversing DFS back edges, rank by longest path, give every
// edge a dummy node per rank it crosses (its label rides on one of them,
// so labels take space like nodes and never overlap), order each rank by
// barycentre sweeps keeping the order with the fewest crossings, then place
// nodes by weighted isotonic regression towards their neighbours (straight
// long edges, no overlaps). Deterministic: no maps are iterated.

const (
	rankSep    = 22.0 // between consecutive ranks (labels sit on odd ranks)
	nodeGap    = 28.0 // between real nodes in a rank
	dummyGap   = 10.0 // around edge dummies
	orderIters = 24
	placeIters = 8
	margin     = 16.0
)

type lnode struct {
	w, h   float64
	x, y   float64 // centre
	rank   int
	pos    int  // index in its rank
	dummy  bool // a bend point of a long edge
	label  int  // label dummy: index+1 of the edge whose label it holds
	up, dn []int
}

type ledge struct {
	from, to int // as given
	rev      bool
	labelW   float64
	labelH   float64
	chain    []int // top to bottom, real nodes at both ends
	labelAt  int   // node holding the label, -1 if none
}

type layout struct {
	nodes         []*lnode
	edges         []*ledge
	ranks         [][]int
	width, height float64
	key           []float64 // sortRank's barycenters, by node
}

// newLayout lays out nodes of the given sizes and edges (with label sizes;
// zero for none).
func newLayout(sizes [][2]float64, edges [][2]int, labels [][2]float64) *layout {
	l := &layout{}
	for _, s := range sizes {
		l.nodes = append(l.nodes, &lnode{w: s[0], h: s[1]})
	}
	for i, e := range edges {
		if e[0] == e[1] {
			continue
		}
		l.edges = append(l.edges, &ledge{from: e[0], to: e[1], labelW: labels[i][0], labelH: labels[i][1], labelAt: -1})
	}
	l.breakCycles()
	l.rank()
	l.chains()
	l.order()
	l.place()
	return l
}

// breakCycles reverses the back edges of a depth-first search from the
// nodes in their given order.
func (l *layout) breakCycles() {
	out := make([][]*ledge, len(l.nodes))
	for _, e := range l.edges {
		out[e.from] = append(out[e.from], e)
	}
	state := make([]byte, len(l.nodes)) // 0 new, 1 on stack, 2 done
	var visit func(int)
	visit = func(v int) {
		state[v] = 1
		for _, e := range out[v] {
			switch state[e.to] {
			case 0:
				visit(e.to)
			case 1:
				e.rev = true
			}
		}
		state[v] = 2
	}
	for v := range l.nodes {
		if state[v] == 0 {
			visit(v)
		}
	}
}

func (e *ledge) top() int {
	if e.rev {
		return e.to
	}
	return e.from
}

func (e *ledge) bottom() int {
	if e.rev {
		return e.from
	}
	return e.to
}

// rank assigns longest-path ranks, pulls sources down next to their
// successors, and doubles ranks when labels need the ranks in between.
func (l *layout) rank() {
	n := len(l.nodes)
	indeg := make([]int, n)
	succ := make([][]int, n)
	for _, e := range l.edges {
		succ[e.top()] = append(succ[e.top()], e.bottom())
		indeg[e.bottom()]++
	}
	var queue, topo []int
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	rank := make([]int, n)
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		topo = append(topo, v)
		for _, s := range succ[v] {
			rank[s] = max(rank[s], rank[v]+1)
			if indeg[s]--; indeg[s] == 0 {
				queue = append(queue, s)
			}
		}
	}
	hasIn := make([]bool, n)
	for _, e := range l.edges {
		hasIn[e.bottom()] = true
	}
	for i := len(topo) - 1; i >= 0; i-- {
		v := topo[i]
		if hasIn[v] || len(succ[v]) == 0 {
			continue
		}
		m := math.MaxInt
		for _, s := range succ[v] {
			m = min(m, rank[s]-1)
		}
		rank[v] = m
	}
	factor := 1
	for _, e := range l.edges {
		if e.labelW > 0 {
			factor = 2
		}
	}
	for v, nd := range l.nodes {
		nd.rank = rank[v] * factor
	}
}

// chains adds a dummy node on every rank an edge crosses.
func (l *layout) chains() {
	for ei, e := range l.edges {
		top, bot := e.top(), e.bottom()
		e.chain = []int{top}
		lo, hi := l.nodes[top].rank, l.nodes[bot].rank
		mid := -1
		if e.labelW > 0 {
			mid = lo + (hi-lo)/2
			if (mid-lo)%2 == 0 && mid-1 > lo {
				mid--
			}
		}
		for r := lo + 1; r < hi; r++ {
			d := &lnode{rank: r, dummy: true}
			if r == mid {
				d.w, d.h, d.label = e.labelW, e.labelH, ei+1
				e.labelAt = len(l.nodes)
			}
			l.nodes = append(l.nodes, d)
			e.chain = append(e.chain, len(l.nodes)-1)
		}
		e.chain = append(e.chain, bot)
		for i := 0; i+1 < len(e.chain); i++ {
			a, b := e.chain[i], e.chain[i+1]
			l.nodes[a].dn = append(l.nodes[a].dn, b)
			l.nodes[b].up = append(l.nodes[b].up, a)
		}
	}
	maxRank := 0
	for _, nd := range l.nodes {
		maxRank = max(maxRank, nd.rank)
	}
	l.ranks = make([][]int, maxRank+1)
	for v, nd := range l.nodes {
		l.ranks[nd.rank] = append(l.ranks[nd.rank], v)
	}
}

// order reduces crossings with alternating barycentre sweeps and keeps the
// best order seen.
func (l *layout) order() {
	l.setPos()
	best := l.snapshot()
	bestCross := l.crossings()
	l.key = make([]float64, len(l.nodes))
	n := sweeps(len(l.nodes), orderIters)
	for it := 0; it < n && bestCross > 0; it++ {
		if it%2 == 0 {
			for r := 1; r < len(l.ranks); r++ {
				l.sortRank(r, true)
			}
		} else {
			for r := len(l.ranks) - 2; r >= 0; r-- {
				l.sortRank(r, false)
			}
		}
		if c := l.crossings(); c < bestCross {
			bestCross, best = c, l.snapshot()
		}
	}
	l.ranks = best
	l.setPos()
}

// orderBudget bounds the node visits of the ordering sweeps: a package graph
// of thousands of packages (with its virtual nodes on long edges) gets fewer
// sweeps, so a report of a 3,000-package monolith lays out in about a
// second instead of fifteen; small graphs keep all orderIters.
const orderBudget = 2_000_000

// sweeps returns how many sweeps of up to full a graph of n nodes (edge
// dummies included) gets within orderBudget: at least 2, and an even number
// so the last sweep looks both ways.
func sweeps(n, full int) int {
	return max(2, min(full, orderBudget/max(n, 1))) &^ 1
}

func (l *layout) setPos() {
	for _, rk := range l.ranks {
		for i, v := range rk {
			l.nodes[v].pos = i
		}
	}
}

func (l *layout) snapshot() [][]int {
	s := make([][]int, len(l.ranks))
	for i, rk := range l.ranks {
		s[i] = append([]int(nil), rk...)
	}
	return s
}

// sortRank orders rank r by the mean position of each node's neighbours in
// the rank above (down) or below; nodes without any keep their position.
func (l *layout) sortRank(r int, down bool) {
	rk := l.ranks[r]
	key := l.key // indexed by node: no map in the sort's hot comparison
	for _, v := range rk {
		nb := l.nodes[v].up
		if !down {
			nb = l.nodes[v].dn
		}
		if len(nb) == 0 {
			key[v] = float64(l.nodes[v].pos)
			continue
		}
		sum := 0.0
		for _, u := range nb {
			sum += float64(l.nodes[u].pos)
		}
		key[v] = sum / float64(len(nb))
	}
	sort.SliceStable(rk, func(i, j int) bool { return key[rk[i]] < key[rk[j]] })
	for i, v := range rk {
		l.nodes[v].pos = i
	}
}

// crossings counts edge crossings between consecutive ranks (sorting the
// segments and counting inversions with a Fenwick tree).
func (l *layout) crossings() int {
	total := 0
	for r := 0; r+1 < len(l.ranks); r++ {
		var segs [][2]int
		for _, v := range l.ranks[r] {
			for _, w := range l.nodes[v].dn {
				segs = append(segs, [2]int{l.nodes[v].pos, l.nodes[w].pos})
			}
		}
		sort.Slice(segs, func(i, j int) bool {
			if segs[i][0] != segs[j][0] {
				return segs[i][0] < segs[j][0]
			}
			return segs[i][1] < segs[j][1]
		})
		tree := make([]int, len(l.ranks[r+1])+1)
		for i, s := range segs {
			// segments seen so far ending strictly right of s cross it
			le := 0
			for k := s[1] + 1; k > 0; k -= k & -k {
				le += tree[k]
			}
			total += i - le
			for k := s[1] + 1; k < len(tree); k += k & -k {
				tree[k]++
			}
		}
	}
	return total
}

// place sets coordinates: ranks stacked top to bottom, and within a rank
// the positions closest (weighted least squares) to the neighbours' that
// keep the order and the gaps.
func (l *layout) place() {
	y := margin
	for _, rk := range l.ranks {
		h := 0.0
		for _, v := range rk {
			h = max(h, l.nodes[v].h)
		}
		for _, v := range rk {
			l.nodes[v].y = y + h/2
		}
		y += h + rankSep
	}
	l.height = y - rankSep + margin
	for _, rk := range l.ranks {
		l.align(rk, func(*lnode) []int { return nil })
	}
	iters := sweeps(len(l.nodes), placeIters)
	for it := 0; it < iters; it++ {
		nb := func(n *lnode) []int { return n.up }
		if it%2 == 1 {
			nb = func(n *lnode) []int { return n.dn }
		}
		if it >= iters-2 {
			nb = func(n *lnode) []int { return append(append([]int(nil), n.up...), n.dn...) }
		}
		if it%2 == 0 {
			for r := 1; r < len(l.ranks); r++ {
				l.align(l.ranks[r], nb)
			}
		} else {
			for r := len(l.ranks) - 2; r >= 0; r-- {
				l.align(l.ranks[r], nb)
			}
		}
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, nd := range l.nodes {
		minX = min(minX, nd.x-nd.w/2)
		maxX = max(maxX, nd.x+nd.w/2)
	}
	if len(l.nodes) == 0 {
		minX, maxX = 0, 0
	}
	for _, nd := range l.nodes {
		nd.x += margin - minX
	}
	l.width = maxX - minX + 2*margin
}

func (l *layout) gap(a, b *lnode) float64 {
	g := nodeGap
	if a.dummy || b.dummy {
		g = dummyGap
	}
	return (a.w+b.w)/2 + g
}

// align moves the nodes of one rank towards the mean x of their neighbours
// (those without any stay), keeping order and gaps: isotonic regression by
// pool-adjacent-violators on x minus the cumulative gaps.
func (l *layout) align(rk []int, nb func(*lnode) []int) {
	type block struct {
		sum, w float64
		n      int
	}
	offs := make([]float64, len(rk))
	target := make([]float64, len(rk))
	weight := make([]float64, len(rk))
	for i, v := range rk {
		nd := l.nodes[v]
		if i > 0 {
			offs[i] = offs[i-1] + l.gap(l.nodes[rk[i-1]], nd)
		}
		t, w := nd.x, 0.5
		if ns := nb(nd); len(ns) > 0 {
			sum := 0.0
			for _, u := range ns {
				sum += l.nodes[u].x
			}
			t, w = sum/float64(len(ns)), 1
			if nd.dummy {
				w = 4 // keep long edges straight
			}
		}
		target[i], weight[i] = t-offs[i], w
	}
	var blocks []block
	for i := range rk {
		blocks = append(blocks, block{target[i] * weight[i], weight[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.w <= b.sum/b.w {
				break
			}
			blocks = append(blocks[:len(blocks)-2], block{a.sum + b.sum, a.w + b.w, a.n + b.n})
		}
	}
	i := 0
	for _, b := range blocks {
		for range b.n {
			l.nodes[rk[i]].x = b.sum/b.w + offs[i]
			i++
		}
	}
}

// points returns the drawn route of edge e, from its source to its
// target: node borders at the ends (spread over the border when several
// edges share it), dummy positions between.
func (l *layout) points(e *ledge) [][2]float64 {
	pts := make([][2]float64, 0, len(e.chain))
	for i, v := range e.chain {
		nd := l.nodes[v]
		switch {
		case i == 0:
			pts = append(pts, [2]float64{nd.x + l.port(v, e.chain[1], true), nd.y + nd.h/2})
		case i == len(e.chain)-1:
			pts = append(pts, [2]float64{nd.x + l.port(v, e.chain[i-1], false), nd.y - nd.h/2})
		case nd.label > 0:
			pts = append(pts, [2]float64{nd.x - nd.w/2, nd.y})
		default:
			pts = append(pts, [2]float64{nd.x, nd.y})
		}
	}
	if e.rev {
		for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
			pts[i], pts[j] = pts[j], pts[i]
		}
	}
	return pts
}

// port spreads the edges leaving (bottom) or entering (top) node v along
// its border, ordered by the x of the node at their other end.
func (l *layout) port(v, other int, bottom bool) float64 {
	nd := l.nodes[v]
	ns := nd.up
	if bottom {
		ns = nd.dn
	}
	if len(ns) < 2 {
		return 0
	}
	sorted := append([]int(nil), ns...)
	sort.SliceStable(sorted, func(i, j int) bool { return l.nodes[sorted[i]].x < l.nodes[sorted[j]].x })
	idx := 0
	for i, u := range sorted {
		if u == other {
			idx = i
			break
		}
	}
	step := min(14, (nd.w-16)/float64(len(ns)-1))
	return (float64(idx) - float64(len(ns)-1)/2) * step
}

// textWidth estimates the width of s in a sans-serif font of the given
// size, from rough per-glyph advances (Helvetica-like).
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("ijl.,:;'|!", r):
			w += 0.28
		case strings.ContainsRune("frt()[]-/ ", r):
			w += 0.36
		case strings.ContainsRune("mwMW", r):
			w += 0.86
		case unicode.IsUpper(r):
			w += 0.68
		case unicode.IsDigit(r):
			w += 0.56
		default:
			w += 0.54
		}
	}
	return w * size
}
