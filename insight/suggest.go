package insight

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// The weights of the extraction score (docs/suggest.md). They sum to 1, so
// the base score is in [0, 1]: 1 is a module nothing depends on, that
// depends on nothing, owning its data, tightly knit, never blocking or
// blocked on across its boundary, talking to the outside world itself and
// changing alone. Without change history its weight is shared out among
// the others in proportion.
const (
	WeightInbound  = 0.30
	WeightOutbound = 0.15
	WeightData     = 0.15
	WeightCohesion = 0.05
	WeightSync     = 0.10
	WeightOutside  = 0.10
	WeightHistory  = 0.15
	// CycleFactor scales the score of a module in a module cycle: it cannot
	// leave before the cycle is broken.
	CycleFactor = 0.5
	// RoleFactor scales the score of a shared module (a library every
	// module may use), of a program (the composition root that wires the
	// domains), of test support (imported only by other modules' tests)
	// and of generated code (protobuf stubs, API docs). They are ranked
	// after the domain modules whatever their score.
	RoleFactor = 0.5
	// ServiceLines is the size from which a module is big enough to be a
	// service of its own: smaller modules have their score scaled by
	// lines / min(ServiceLines, a quarter of the average domain module's
	// lines), so a 50-line helper does not rank above a domain.
	ServiceLines = 500
	// BigCycle is the number of modules from which a cycle is described
	// once, above the candidates, rather than as a reason of each member.
	BigCycle = 4
	// minHistoryCommits is the number of commits from which a module's
	// change history is a reason.
	minHistoryCommits = 3
)

// Terms are the score's factors: the weighted terms, each in [0, 1] (1 is
// best for extraction), and the multipliers.
type Terms struct {
	Inbound  float64 // 1 / (1 + Ca + api/2 + leaked/2)
	Outbound float64 // 1 / (1 + Ce)
	Data     float64 // 1 / (1 + contested tables)
	Cohesion float64 // (internal+1) / (internal+external+1); 0.5 for one package
	Sync     float64 // 1 / (1 + inbound blocking + outbound blocking/2)
	Outside  float64 // 1 network I/O of its own, 0.5 other I/O, 0 none
	History  float64 // (commits alone + 1) / (commits + 1); -1 without history
	Cycle    float64 // CycleFactor in a module cycle, else 1
	Role     float64 // RoleFactor for shared modules and programs, else 1
	Size     float64 // min(1, lines / the service size)
	Reach    float64 // 1 - Ca / (modules - 1): the share of the others not depending on it
}

// Candidate is one module as an extraction candidate.
type Candidate struct {
	Rank    int
	Module  string
	Score   float64 // rounded to 3 decimals
	Terms   Terms
	Metrics *graph.Metrics
	Reasons []string // 2 to 5 plain sentences, most telling first
}

// Ranking is suggest's answer: the candidates, and what holds for many of
// them and is said once (a cycle most modules sit in, missing history).
type Ranking struct {
	Candidates []Candidate
	Notes      []string
	History    *History // nil when not asked for
}

// Suggest scores and ranks every declared module as a candidate for
// extraction into a service, without change history (Rank).
func Suggest(g *graph.Graph, tables []graph.TableUse) []Candidate {
	return Rank(g, tables, nil).Candidates
}

// Rank scores and ranks every declared module as a candidate for
// extraction into a service: domain modules first, then shared modules and
// programs, each group best first, ties in declaration order. hist may be
// nil (not asked for) or have no commits (History.Missing says why).
func Rank(g *graph.Graph, tables []graph.TableUse, hist *History) *Ranking {
	ms := graph.ComputeMetrics(g, tables)
	r := &Ranking{History: hist}
	var changes map[string]*graph.ChangeStats
	if hist != nil && hist.Missing == "" {
		changes = hist.ModuleChanges(g)
		for _, m := range ms {
			m.Changes = changes[m.Module]
		}
	}
	if hist != nil && hist.Missing != "" {
		r.Notes = append(r.Notes, fmt.Sprintf("no change history (%s): ranked without it", hist.Missing))
	}
	big := bigCycles(g)
	for _, cy := range big {
		r.Notes = append(r.Notes, cycleNote(g, cy))
	}
	service := serviceSize(ms)
	out := make([]Candidate, len(ms))
	for i, m := range ms {
		t := terms(m, service, len(ms))
		out[i] = Candidate{Module: m.Module, Score: round3(score(t)), Terms: t, Metrics: m, Reasons: ownedReasons(g.Config, m, Reasons(m, t, big))}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := out[i].Terms.Role, out[j].Terms.Role; ri != rj {
			return ri > rj
		}
		return out[i].Score > out[j].Score
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	r.Candidates = out
	return r
}

func score(t Terms) float64 {
	s := WeightInbound*t.Inbound + WeightOutbound*t.Outbound + WeightData*t.Data +
		WeightCohesion*t.Cohesion + WeightSync*t.Sync + WeightOutside*t.Outside
	if t.History >= 0 {
		s += WeightHistory * t.History
	} else {
		s /= 1 - WeightHistory
	}
	return s * t.Cycle * t.Role * t.Size * t.Reach
}

// serviceSize is the size from which a module counts as big enough to be
// a service: ServiceLines, or a quarter of the average domain module's
// lines in a smaller codebase, at least 1; 0 when no lines are known.
func serviceSize(ms []*graph.Metrics) float64 {
	total, n := 0, 0
	for _, m := range ms {
		if !m.Shared && !m.Program && !m.TestSupport && !m.Generated {
			total += m.Lines
			n++
		}
	}
	if total == 0 {
		return 0
	}
	return max(1, min(ServiceLines, float64(total)/float64(n)/4))
}

func terms(m *graph.Metrics, service float64, modules int) Terms {
	t := Terms{
		Inbound:  1 / (1 + float64(m.Afferent) + float64(len(m.APIUsed))/2 + float64(len(m.LeakedTypes))/2),
		Outbound: 1 / (1 + float64(m.Efferent)),
		Data:     1 / (1 + float64(len(m.SharedTables))),
		Cohesion: m.Cohesion,
		Sync:     1 / (1 + float64(m.InboundBlockingCalls) + float64(m.OutboundBlockingCalls)/2),
		History:  -1,
		Cycle:    1,
		Role:     1,
		Size:     1,
		Reach:    1,
	}
	if modules > 1 {
		t.Reach = max(0, 1-float64(m.Afferent)/float64(modules-1))
	}
	if service > 0 {
		t.Size = min(1, float64(m.Lines)/service)
	}
	if m.Packages == 1 {
		t.Cohesion = 0.5 // one package says nothing about how a module is knit
	}
	switch {
	case slices.Contains(m.BlockingIO, rules.KindNetwork):
		t.Outside = 1
	case len(m.BlockingIO) > 0:
		t.Outside = 0.5
	}
	if m.Changes != nil {
		t.History = float64(m.Changes.Alone+1) / float64(m.Changes.Commits+1)
	}
	if m.InCycle {
		t.Cycle = CycleFactor
	}
	if m.Shared || m.Program || m.TestSupport || m.Generated {
		t.Role = RoleFactor
	}
	return t
}

// bigCycles returns the module cycles described once (BigCycle members
// or more).
func bigCycles(g *graph.Graph) []graph.Cycle {
	var out []graph.Cycle
	for _, cy := range g.Cycles() {
		if len(cy.Members) >= BigCycle {
			out = append(out, cy)
		}
	}
	return out
}

// cycleNote describes a big cycle once: its members, and the module edge
// with the fewest imports on its shortest loop, the cheapest to cut.
func cycleNote(g *graph.Graph, cy graph.Cycle) string {
	var cut *graph.ModEdge
	for i := 0; i+1 < len(cy.Path); i++ {
		if e := g.Edge(cy.Path[i], cy.Path[i+1]); e != nil && (cut == nil || e.Imports < cut.Imports) {
			cut = e
		}
	}
	s := fmt.Sprintf("%d modules form one import cycle (%s): none can leave before it is broken", len(cy.Members), andList(cy.Members))
	if cut != nil {
		s += fmt.Sprintf("; its shortest loop is %s, and %s → %s is its thinnest edge (%s)",
			strings.Join(cy.Path, " → "), cut.From, cut.To, count(cut.Imports, "import"))
	}
	return s
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Reasons explains a module's metrics in 2 to 5 sentences, the most
// telling first: its role, size when too small to be a service, a small
// cycle, what depends on it, contested tables, blocking calls, the I/O it
// owns, change history, what it depends on, leaked types, cohesion. A
// cycle of big (described once by Rank) is not repeated, and nothing is
// said that holds for every one-package module.
func Reasons(m *graph.Metrics, t Terms, big []graph.Cycle) []string {
	rs := roleReasons(m, t, big)
	rs = append(rs, inboundReason(m))
	rs = append(rs, tableReasons(m)...)
	if m.InboundBlockingCalls > 0 {
		rs = append(rs, fmt.Sprintf("%s from other modules %s on it; make them events or add timeouts before extracting",
			count(m.InboundBlockingCalls, "call"), plural3(m.InboundBlockingCalls, "block")))
	}
	for _, r := range []string{ioReason(m), historyReason(m)} {
		if r != "" {
			rs = append(rs, r)
		}
	}
	rs = append(rs, outboundReason(m))
	rs = append(rs, shapeReasons(m, t)...)
	if len(rs) > 5 {
		rs = rs[:5]
	}
	return rs
}

// roleReasons say what kind of module it is when it is no ordinary domain
// (shared, test support, a program, small) and the cycle it is in.
func roleReasons(m *graph.Metrics, t Terms, big []graph.Cycle) []string {
	var rs []string
	add := func(format string, args ...any) { rs = append(rs, fmt.Sprintf(format, args...)) }
	if m.Shared {
		add("shared module: every module may use it, so extract it as a library rather than a service")
	}
	if m.TestSupport {
		add("test support: only the tests of %s import it, so it is no service to extract", andList(m.TestUsers))
	}
	if m.Program {
		add("a program (its main packages and their wiring): it ties the other modules together, it is not a domain to extract")
	}
	if m.Generated && !m.Shared && !m.Program && !m.TestSupport {
		add("generated code (every file says DO NOT EDIT): it moves with the schema or code it is generated from, not on its own")
	}
	if t.Size < 0.5 && !m.Shared && !m.Program && !m.TestSupport && !m.Generated {
		add("small: %s, %s, too little to be a service of its own", count(m.Packages, "package"), count(m.Lines, "line"))
	}
	if m.InCycle {
		inBig := false
		for _, cy := range big {
			inBig = inBig || slices.Contains(cy.Members, m.Module)
		}
		if !inBig { // a big cycle is said once, in the ranking's notes
			add("in a cycle with %s", andList(m.CycleWith))
		}
	}
	return rs
}

// tableReasons name the first two tables it shares, and how many more.
func tableReasons(m *graph.Metrics) []string {
	var rs []string
	for i, st := range m.SharedTables {
		if i == 2 {
			rs = append(rs, fmt.Sprintf("shares %d more tables with other modules", len(m.SharedTables)-2))
			break
		}
		rs = append(rs, tableReason(st))
	}
	return rs
}

// ioReason names the blocking I/O a module that is not shared does itself.
func ioReason(m *graph.Metrics) string {
	if len(m.BlockingIO) == 0 || m.Shared {
		return ""
	}
	kinds := make([]string, len(m.BlockingIO))
	for i, k := range m.BlockingIO {
		kinds[i] = string(k)
	}
	what := ""
	if len(m.IOCalls) > 0 {
		what = " (" + strings.Join(shortFuncs(m.IOCalls, 2), ", ") + ")"
	}
	return fmt.Sprintf("does %s I/O of its own%s: extraction moves it out of the monolith's process", andList(kinds), what)
}

// shapeReasons are the module's leaked types, loose knit and size.
func shapeReasons(m *graph.Metrics, t Terms) []string {
	var rs []string
	add := func(format string, args ...any) { rs = append(rs, fmt.Sprintf(format, args...)) }
	if len(m.LeakedTypes) > 0 {
		add("%s in the exported signatures of %s", countVerb(len(m.LeakedTypes), "of its types", "appear"), andList(m.LeakedInto))
	}
	if m.Packages > 1 && m.ExternalEdges > m.InternalEdges+1 {
		add("loosely knit: %s inside vs %d across its boundary", count(m.InternalEdges, "import"), m.ExternalEdges)
	}
	if t.Size >= 0.5 || m.Shared || m.Program || m.TestSupport || m.Generated {
		add("size: %s, %s", count(m.Packages, "package"), count(m.Lines, "line"))
	}
	return rs
}

// historyReason describes a module's change history: changing alone makes
// a good cut, changing with one other module most of the time says they
// belong together.
func historyReason(m *graph.Metrics) string {
	c := m.Changes
	if c == nil || c.Commits < minHistoryCommits {
		return "" // too few commits to say anything
	}
	partner, most := "", 0
	for o, n := range c.With {
		if n > most || n == most && o < partner {
			partner, most = o, n
		}
	}
	switch {
	case most*2 > c.Commits:
		return fmt.Sprintf("changed together with %s in %d of its %s: keep them together", partner, most, count(c.Commits, "commit"))
	case c.Alone*2 >= c.Commits:
		return fmt.Sprintf("changed alone in %d of its %s: a clean cut", c.Alone, count(c.Commits, "commit"))
	}
	return ""
}

func shortFuncs(fns []string, n int) []string {
	var out []string
	for i, f := range fns {
		if i == n {
			out = append(out, fmt.Sprintf("%d more", len(fns)-n))
			break
		}
		out = append(out, graph.ShortFunc(f))
	}
	return out
}

func inboundReason(m *graph.Metrics) string {
	api := count(len(m.APIUsed), "function")
	switch {
	case m.Afferent == 0 && m.InboundCalls == 0:
		return "no other module imports or calls it"
	case len(m.Callers) == 1:
		return fmt.Sprintf("only %s calls it, through %s", m.Callers[0], api)
	case m.Afferent == 1 && len(m.Callers) == 0:
		return fmt.Sprintf("only %s imports it", m.Importers[0])
	case len(m.Callers) > 1:
		return fmt.Sprintf("%d modules call it (%s), through %s", len(m.Callers), strings.Join(m.Callers, ", "), api)
	}
	return fmt.Sprintf("%d modules import it (%s)", m.Afferent, strings.Join(m.Importers, ", "))
}

func outboundReason(m *graph.Metrics) string {
	var s string
	switch {
	case m.Efferent == 0 && len(m.UsesShared) == 0:
		s = "depends on no other module"
	case m.Efferent == 0:
		s = "depends only on the shared " + andList(m.UsesShared)
	default:
		s = "depends on " + andList(m.Imports)
	}
	if m.OutboundBlockingCalls > 0 {
		them := "them" // the Ce modules: blocking calls into shared ones are not counted here
		if len(m.Imports) == 1 {
			them = "it"
		}
		s += fmt.Sprintf("; %s into %s can block", count(m.OutboundBlockingCalls, "call"), them)
	}
	return s
}

func tableReason(st graph.SharedTable) string {
	verb, others := "reads", st.Others
	if st.Write {
		verb = "writes"
	}
	switch {
	case len(st.OthersWrite) > 0 && st.Write:
		return fmt.Sprintf("%s table %s, which %s also %s", verb, st.Table, andList(st.OthersWrite), plural3(len(st.OthersWrite), "write"))
	case len(st.OthersWrite) > 0:
		return fmt.Sprintf("%s table %s, which %s %s", verb, st.Table, andList(st.OthersWrite), plural3(len(st.OthersWrite), "write"))
	}
	return fmt.Sprintf("%s table %s, which %s %s", verb, st.Table, andList(others), plural3(len(others), "read"))
}

// plural3 conjugates a verb for a subject of n modules: "writes", "write".
func plural3(n int, verb string) string {
	if n == 1 {
		return verb + "s"
	}
	return verb
}

// countVerb renders "1 of its types appears", "2 of its types appear".
func countVerb(n int, noun, verb string) string {
	if n == 1 {
		return count(n, noun) + " " + verb + "s"
	}
	return count(n, noun) + " " + verb
}

// count renders "1 call", "2 calls", "1 of its types" / "2 of its types".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if rest, ok := strings.CutPrefix(noun, "of its "); ok {
		return fmt.Sprintf("%d of its %s", n, rest)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// andList joins names as "a", "a and b", "a, b and c".
func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
