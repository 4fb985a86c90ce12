package graph

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// The weights of the extraction score (docs/suggest.md). They sum to 1, so
// the base score is in [0, 1]: 1 is a module nothing depends on, that
// depends on nothing, owning its data, tightly knit and never blocking or
// blocked on across its boundary.
const (
	WeightInbound  = 0.35
	WeightOutbound = 0.20
	WeightData     = 0.20
	WeightCohesion = 0.10
	WeightSync     = 0.15
	// CycleFactor scales the score of a module in a module cycle: it cannot
	// leave before the cycle is broken.
	CycleFactor = 0.5
	// RoleFactor scales the score of a shared module (a library every
	// module may use) and of a program (main packages only: the
	// composition root that wires the domains). Both are ranked after the
	// domain modules whatever their score.
	RoleFactor = 0.5
)

// Terms are the score's factors: the five weighted terms, each in [0, 1]
// (1 is best for extraction), and the two multipliers.
type Terms struct {
	Inbound  float64 // 1 / (1 + Ca + api/2 + leaked/2)
	Outbound float64 // 1 / (1 + Ce)
	Data     float64 // 1 / (1 + contested tables)
	Cohesion float64 // (internal+1) / (internal+external+1)
	Sync     float64 // 1 / (1 + inbound blocking + outbound blocking/2)
	Cycle    float64 // CycleFactor in a module cycle, else 1
	Role     float64 // RoleFactor for shared modules and programs, else 1
}

// Candidate is one module as an extraction candidate.
type Candidate struct {
	Rank    int
	Module  string
	Score   float64 // rounded to 3 decimals
	Terms   Terms
	Metrics *Metrics
	Reasons []string // 2 to 5 plain sentences, most telling first
}

// Suggest scores and ranks every declared module as a candidate for
// extraction into a service: domain modules first, then shared modules and
// programs, each group best first, ties in declaration order.
func Suggest(g *Graph, tables []TableUse) []Candidate {
	ms := ComputeMetrics(g, tables)
	out := make([]Candidate, len(ms))
	for i, m := range ms {
		t := terms(m)
		s := WeightInbound*t.Inbound + WeightOutbound*t.Outbound + WeightData*t.Data +
			WeightCohesion*t.Cohesion + WeightSync*t.Sync
		out[i] = Candidate{Module: m.Module, Score: round3(s * t.Cycle * t.Role), Terms: t, Metrics: m, Reasons: Reasons(m)}
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
	return out
}

func terms(m *Metrics) Terms {
	t := Terms{
		Inbound:  1 / (1 + float64(m.Afferent) + float64(len(m.APIUsed))/2 + float64(len(m.LeakedTypes))/2),
		Outbound: 1 / (1 + float64(m.Efferent)),
		Data:     1 / (1 + float64(len(m.SharedTables))),
		Cohesion: m.Cohesion,
		Sync:     1 / (1 + float64(m.InboundBlockingCalls) + float64(m.OutboundBlockingCalls)/2),
		Cycle:    1,
		Role:     1,
	}
	if m.InCycle {
		t.Cycle = CycleFactor
	}
	if m.Shared || m.Program {
		t.Role = RoleFactor
	}
	return t
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Reasons explains a module's metrics in 2 to 5 sentences, the most
// telling first: what depends on it, cycles, contested tables, blocking
// calls, what it depends on, the I/O it owns, leaked types, cohesion, size.
func Reasons(m *Metrics) []string {
	var rs []string
	add := func(format string, args ...any) { rs = append(rs, fmt.Sprintf(format, args...)) }
	if m.Shared {
		add("shared module: every module may use it, so extract it as a library rather than a service")
	}
	if m.Program {
		add("main packages only: it wires the other modules together, it is not a domain to extract")
	}
	if m.InCycle {
		add("in a cycle with %s", andList(m.CycleWith))
	}
	rs = append(rs, inboundReason(m))
	for i, st := range m.SharedTables {
		if i == 2 {
			add("shares %d more tables with other modules", len(m.SharedTables)-2)
			break
		}
		rs = append(rs, tableReason(st))
	}
	if m.InboundBlockingCalls > 0 {
		add("%s from other modules %s on its I/O; make them events or add timeouts before extracting",
			count(m.InboundBlockingCalls, "call"), plural3(m.InboundBlockingCalls, "block"))
	}
	rs = append(rs, outboundReason(m))
	if len(m.BlockingIO) > 0 {
		kinds := make([]string, len(m.BlockingIO))
		for i, k := range m.BlockingIO {
			kinds[i] = string(k)
		}
		add("performs its own %s I/O, which extraction moves out of the monolith's process", andList(kinds))
	}
	if len(m.LeakedTypes) > 0 {
		add("%s in the exported signatures of %s", countVerb(len(m.LeakedTypes), "of its types", "appear"), andList(m.LeakedInto))
	}
	if m.ExternalEdges > m.InternalEdges+1 {
		add("loosely knit: %s inside vs %d across its boundary", count(m.InternalEdges, "import"), m.ExternalEdges)
	}
	add("size: %s, %s", count(m.Packages, "package"), count(m.Lines, "line"))
	if len(rs) > 5 {
		rs = rs[:5]
	}
	return rs
}

func inboundReason(m *Metrics) string {
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

func outboundReason(m *Metrics) string {
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
		s += fmt.Sprintf("; %s into them can block", count(m.OutboundBlockingCalls, "call"))
	}
	return s
}

func tableReason(st SharedTable) string {
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
