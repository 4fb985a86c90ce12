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
