package report

import (
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// Data edges (graph --data; issue 20): a node per SQL table and an edge
// from each module (or package) to each table it reads or writes, from
// the table uses of the typed run. Data edges are drawn only: they are no
// dependency for the coupling metrics.

// NodeTable is a SQL table of a data edge.
const NodeTable = "table"

// Data edge kinds: writing a table outranks reading it.
const (
	EdgeWrite = "write"
	EdgeRead  = "read"
)

// tables adds the table nodes and the data edges, marking an edge with
// data-ownership when a finding of that rule names its module and table.
// DDL and test files do not count, as for the rule.
func (b *viewBuilder) tables(uses []graph.TableUse, fs []rules.Finding) {
	if len(uses) == 0 {
		return
	}
	ids := map[string]string{}
	var names []string
	for _, u := range uses {
		if u.DDL || strings.HasSuffix(u.File, "_test.go") {
			continue
		}
		from := u.Package
		if b.v.Level == LevelModule {
			m := b.g.Config.ModuleOf(u.Package)
			if m == nil {
				continue
			}
			from = m.Name
		}
		if b.v.index[from] == nil {
			continue
		}
		id, ok := ids[u.Table]
		if !ok {
			id = "table:" + u.Table
			ids[u.Table] = id
			names = append(names, u.Table)
		}
		e := b.edge(from, id)
		if u.Write {
			e.Writes++
		} else {
			e.Reads++
		}
	}
	sort.Strings(names)
	for _, t := range names {
		b.node(&GraphNode{ID: ids[t], Kind: NodeTable, Label: t})
	}
	for _, f := range fs {
		if f.Rule != rules.RuleDataOwnership {
			continue
		}
		table := f.Symbol[strings.LastIndexByte(f.Symbol, ' ')+1:]
		from := f.FromModule
		if b.v.Level == LevelPackage {
			from = f.Package
		}
		if e := b.edges[[2]string{from, "table:" + table}]; e != nil && !containsString(e.Violations, f.Rule) {
			e.Violations = append(e.Violations, f.Rule)
		}
	}
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// DataEdge is one module → table edge of the report's data section.
type DataEdge struct {
	Module    string `json:"module"`
	Table     string `json:"table"`
	Reads     int    `json:"reads,omitempty"`
	Writes    int    `json:"writes,omitempty"`
	Violation bool   `json:"violation,omitempty"` // a data-ownership finding
}

// DataEdges are the module → table edges of the table uses (graph --data
// at module level), by module (declaration order), then table.
func DataEdges(g *graph.Graph, fs []rules.Finding, uses []graph.TableUse) ([]DataEdge, error) {
	if len(uses) == 0 || g.Config == nil {
		return nil, nil
	}
	v, err := NewGraphView(g, fs, nil, GraphOptions{Level: LevelModule, Tables: uses})
	if err != nil {
		return nil, err
	}
	var out []DataEdge
	for _, e := range v.Edges {
		if n := v.Node(e.To); n == nil || n.Kind != NodeTable {
			continue
		}
		out = append(out, DataEdge{Module: e.From, Table: v.Node(e.To).Label, Reads: e.Reads, Writes: e.Writes,
			Violation: containsString(e.Violations, rules.RuleDataOwnership)})
	}
	return out, nil
}
