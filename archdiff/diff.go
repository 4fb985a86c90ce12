// Package archdiff compares the architecture of two trees of one Go module
// (`archcheck diff`): module edges with their imports, calls and blocking
// calls, sync-call groups, findings matched by their baseline keys,
// packages without a module, and the size and coupling of the modules the
// change touches. It also computes what a change affects (`archcheck
// affected`, affected.go).
//
// A Side is what one analysis gives, reduced to what the comparison
// needs; it is small and serialisable, so that the base's Side can be
// cached by commit.
package archdiff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/archcheck/archcheck/baseline"
	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/report"
	"github.com/archcheck/archcheck/rules"
)

// SideFormat changes whenever Side's layout or meaning does (it names the
// cached base sides).
const SideFormat = "archdiff-side-1"

// Side is one tree's architecture, as the diff compares it.
type Side struct {
	Modules  []ModuleStats   // declaration order
	Edges    []EdgeStats     // between modules, the graph's order
	Packages []PackageInfo   // the main module's listed packages, by path
	Findings []rules.Finding // sorted, suppressed ones left out
}

// ModuleStats are one module's size and coupling (graph.ComputeCoupling's
// Ca, Ce and I: the numbers graph, suggest and the report show).
type ModuleStats struct {
	Name        string
	Shared      bool
	Packages    int
	Lines       int
	Afferent    int
	Efferent    int
	Instability float64
}

// EdgeStats are the counts of one module edge, as `graph --format json`
// gives them.
type EdgeStats struct {
	From, To      string
	Imports       int
	Calls         int
	BlockingCalls int
}

// PackageInfo is a listed package and its module ("" when it has none).
type PackageInfo struct {
	Path     string
	Module   string
	Excluded bool
}

// NewSide reduces one analysis to its Side: v is the module-level graph
// view of g (with the source's line and import-spec counts), fs the
// findings.
func NewSide(g *graph.Graph, v *report.GraphView, fs []rules.Finding) *Side {
	s := &Side{Findings: fs}
	coupling := map[string]*graph.Coupling{}
	for _, c := range graph.ComputeCoupling(g) {
		coupling[c.Module] = c
	}
	for _, n := range v.Nodes {
		if n.Kind != report.NodeModule {
			continue
		}
		m := ModuleStats{Name: n.ID, Shared: n.Shared, Packages: n.Packages, Lines: n.Lines}
		if c := coupling[n.ID]; c != nil {
			m.Afferent, m.Efferent, m.Instability = c.Afferent, c.Efferent, c.Instability
		}
		s.Modules = append(s.Modules, m)
	}
	for _, e := range v.Edges {
		from, to := v.Node(e.From), v.Node(e.To)
		if from == nil || to == nil || from.Kind != report.NodeModule || to.Kind != report.NodeModule {
			continue // publishing into an event seam
		}
		s.Edges = append(s.Edges, EdgeStats{From: e.From, To: e.To, Imports: e.Imports, Calls: e.Calls, BlockingCalls: e.BlockingCalls})
	}
	for _, p := range g.Packages {
		info := PackageInfo{Path: p.ImportPath, Module: g.Module[p.ImportPath]}
		if g.Config != nil {
			info.Excluded = g.Config.Excluded(p.ImportPath)
		}
		s.Packages = append(s.Packages, info)
	}
	slices.SortFunc(s.Packages, func(a, b PackageInfo) int { return strings.Compare(a.Path, b.Path) })
	return s
}

// Diff is what a change does to the architecture.
type Diff struct {
	BaseRef    string // as given (--base)
	BaseCommit string // the merge base
	// ConfigChanged is set when archcheck.yaml differs from the base's;
	// both sides are analysed with the working tree's.
	ConfigChanged bool

	EdgesAdded   []EdgeStats
	EdgesRemoved []EdgeStats
	EdgesChanged []EdgeChange

	GroupsAdded   []Group
	GroupsRemoved []Group

	FindingsAdded []rules.Finding
	FindingsFixed []rules.Finding
	ByRule        []RuleCount // rules with findings added or fixed, in rule order

	PackagesAdded   []PackageInfo
	PackagesRemoved []PackageInfo
	Unassigned      []string // packages added without a module (and not excluded)

	Modules []ModuleChange // the touched modules whose size or coupling changed, declaration order

	order map[string]int // module declaration order (head's, then base's)
	kept  []EdgeStats    // edges the change leaves as they are (the Mermaid graph's context)
}

// EdgeChange is a module edge on both sides whose counts differ.
type EdgeChange struct {
	From, To      string
	Before, After EdgeStats
}

// Group is a sync-call group: one caller module and one callee function.
type Group struct {
	Key        string // the findings' "group" field
	FromModule string
	ToModule   string
	Callee     string // fully qualified
	Sites      int
}

// RuleCount counts one rule's findings added and fixed.
type RuleCount struct {
	Rule         string
	Added, Fixed int
}

// ModuleChange is one module before and after; Before or After is nil for
// a module only one side has (a template expanding over a new directory).
type ModuleChange struct {
	Name          string
	Before, After *ModuleStats
}

// Compare computes what head changes relative to base.
func Compare(base, head *Side) *Diff {
	d := &Diff{order: map[string]int{}}
	for _, s := range []*Side{head, base} {
		for _, m := range s.Modules {
			if _, ok := d.order[m.Name]; !ok {
				d.order[m.Name] = len(d.order)
			}
		}
	}
	d.edges(base, head)
	d.findings(base, head)
	d.groups(base, head)
	d.packages(base, head)
	d.modules(base, head)
	return d
}

// moduleCmp orders modules by declaration, then by name.
func (d *Diff) moduleCmp(a, b string) int {
	return cmp.Or(cmp.Compare(d.order[a], d.order[b]), strings.Compare(a, b))
}

type edgeKey struct{ from, to string }

func (d *Diff) edges(base, head *Side) {
	before := map[edgeKey]EdgeStats{}
	for _, e := range base.Edges {
		before[edgeKey{e.From, e.To}] = e
	}
	after := map[edgeKey]bool{}
	for _, e := range head.Edges {
		k := edgeKey{e.From, e.To}
		after[k] = true
		b, ok := before[k]
		switch {
		case !ok:
			d.EdgesAdded = append(d.EdgesAdded, e)
		case b != e:
			d.EdgesChanged = append(d.EdgesChanged, EdgeChange{From: e.From, To: e.To, Before: b, After: e})
		default:
			d.kept = append(d.kept, e)
		}
	}
	for _, e := range base.Edges {
		if !after[edgeKey{e.From, e.To}] {
			d.EdgesRemoved = append(d.EdgesRemoved, e)
		}
	}
	byEdge := func(a, b EdgeStats) int { return cmp.Or(d.moduleCmp(a.From, b.From), d.moduleCmp(a.To, b.To)) }
	slices.SortFunc(d.EdgesAdded, byEdge)
	slices.SortFunc(d.EdgesRemoved, byEdge)
	slices.SortFunc(d.EdgesChanged, func(a, b EdgeChange) int { return byEdge(a.After, b.After) })
}

// findings matches the findings of both sides by baseline key, as a
// baseline does: of n findings with one key in the base and m in the
// head, m-n are added (the last ones, in file order) or n-m fixed.
func (d *Diff) findings(base, head *Side) {
	byKey := func(fs []rules.Finding) map[baseline.Key][]rules.Finding {
		m := map[baseline.Key][]rules.Finding{}
		for _, f := range fs {
			k := baseline.KeyOf(f)
			m[k] = append(m[k], f)
		}
		return m
	}
	before, after := byKey(base.Findings), byKey(head.Findings)
	for k, fs := range after {
		if n := len(before[k]); len(fs) > n {
			d.FindingsAdded = append(d.FindingsAdded, fs[n:]...)
		}
	}
	for k, fs := range before {
		if n := len(after[k]); len(fs) > n {
			d.FindingsFixed = append(d.FindingsFixed, fs[n:]...)
		}
	}
	sortFindings(d.FindingsAdded)
	sortFindings(d.FindingsFixed)
	counts := map[string]*RuleCount{}
	for _, f := range d.FindingsAdded {
		ruleCount(counts, f.Rule).Added++
	}
	for _, f := range d.FindingsFixed {
		ruleCount(counts, f.Rule).Fixed++
	}
	for _, c := range counts {
		d.ByRule = append(d.ByRule, *c)
	}
	slices.SortFunc(d.ByRule, func(a, b RuleCount) int { return cmp.Compare(ruleIndex(a.Rule), ruleIndex(b.Rule)) })
}

func ruleCount(m map[string]*RuleCount, rule string) *RuleCount {
	if m[rule] == nil {
		m[rule] = &RuleCount{Rule: rule}
	}
	return m[rule]
}

// ruleIndex orders rules as `archcheck rules` lists them, unknown ones last.
func ruleIndex(rule string) int {
	if i := slices.Index(rules.RuleIDs, rule); i >= 0 {
		return i
	}
	return len(rules.RuleIDs)
}

func sortFindings(fs []rules.Finding) {
	slices.SortStableFunc(fs, func(a, b rules.Finding) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message), strings.Compare(a.Symbol, b.Symbol))
	})
}

// groups compares the sync-call groups of the reported findings.
func (d *Diff) groups(base, head *Side) {
	collect := func(fs []rules.Finding) map[string]*Group {
		m := map[string]*Group{}
		for _, f := range fs {
			if f.Rule != rules.RuleSyncCall || f.Group == "" {
				continue
			}
			g := m[f.Group]
			if g == nil {
				_, callee, _ := strings.Cut(f.Group, "->")
				g = &Group{Key: f.Group, FromModule: f.FromModule, ToModule: f.ToModule, Callee: callee}
				m[f.Group] = g
			}
			g.Sites++
		}
		return m
	}
	before, after := collect(base.Findings), collect(head.Findings)
	for k, g := range after {
		if before[k] == nil {
			d.GroupsAdded = append(d.GroupsAdded, *g)
		}
	}
	for k, g := range before {
		if after[k] == nil {
			d.GroupsRemoved = append(d.GroupsRemoved, *g)
		}
	}
	byGroup := func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Sites, a.Sites), d.moduleCmp(a.FromModule, b.FromModule), strings.Compare(a.Key, b.Key))
	}
	slices.SortFunc(d.GroupsAdded, byGroup)
	slices.SortFunc(d.GroupsRemoved, byGroup)
}

func (d *Diff) packages(base, head *Side) {
	before := map[string]bool{}
	for _, p := range base.Packages {
		before[p.Path] = true
	}
	after := map[string]bool{}
	for _, p := range head.Packages {
		after[p.Path] = true
		if before[p.Path] {
			continue
		}
		d.PackagesAdded = append(d.PackagesAdded, p)
		if p.Module == "" && !p.Excluded {
			d.Unassigned = append(d.Unassigned, p.Path)
		}
	}
	for _, p := range base.Packages {
		if !after[p.Path] {
			d.PackagesRemoved = append(d.PackagesRemoved, p)
		}
	}
}

// modules lists the modules whose size or coupling changed.
func (d *Diff) modules(base, head *Side) {
	before := map[string]*ModuleStats{}
	for i := range base.Modules {
		before[base.Modules[i].Name] = &base.Modules[i]
	}
	after := map[string]*ModuleStats{}
	for i := range head.Modules {
		after[head.Modules[i].Name] = &head.Modules[i]
	}
	names := make([]string, 0, len(d.order))
	for name := range d.order {
		names = append(names, name)
	}
	slices.SortFunc(names, d.moduleCmp)
	for _, name := range names {
		b, a := before[name], after[name]
		if b != nil && a != nil && *b == *a {
			continue
		}
		d.Modules = append(d.Modules, ModuleChange{Name: name, Before: b, After: a})
	}
}

// Empty reports whether the change does nothing the diff shows.
func (d *Diff) Empty() bool {
	return !d.ConfigChanged && len(d.EdgesAdded)+len(d.EdgesRemoved)+len(d.EdgesChanged)+len(d.GroupsAdded)+
		len(d.GroupsRemoved)+len(d.FindingsAdded)+len(d.FindingsFixed)+len(d.PackagesAdded)+
		len(d.PackagesRemoved)+len(d.Modules) == 0
}

// Gates that --fail-on names.
const (
	GateNewEdge     = "new-edge"
	GateNewSyncCall = "new-sync-call"
	GateNewFinding  = "new-finding"
)

// Gates are the --fail-on values.
var Gates = []string{GateNewEdge, GateNewSyncCall, GateNewFinding}

// Failed returns the gates among gates that the diff trips: new-edge, a
// module edge added; new-sync-call, a sync-call finding added (so every
// group added); new-finding, any finding added.
func (d *Diff) Failed(gates []string) []string {
	var out []string
	for _, g := range gates {
		var hit bool
		switch g {
		case GateNewEdge:
			hit = len(d.EdgesAdded) > 0
		case GateNewSyncCall:
			hit = slices.ContainsFunc(d.FindingsAdded, func(f rules.Finding) bool { return f.Rule == rules.RuleSyncCall })
		case GateNewFinding:
			hit = len(d.FindingsAdded) > 0
		}
		if hit {
			out = append(out, g)
		}
	}
	return out
}
