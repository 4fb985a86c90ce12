package insight

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/rules"
)

// Data ownership (issue 20): init's proposal of `tables` and `reads`, and
// suggest's reasons once the config declares ownership.

// TableProposal is what init proposes for data ownership from today's SQL:
// a table written by one module is owned by it; a table written by
// several is owned by none and listed in a comment; each module reads the
// tables of other modules it reads today. DDL and test files do not count.
type TableProposal struct {
	Owned     map[string][]string // module → the tables it owns, sorted
	Reads     map[string][]string // module → other modules' tables it reads, sorted
	Contested []ContestedTable    // written by several modules, by table
}

// ContestedTable is a table several modules write.
type ContestedTable struct {
	Table   string
	Writers []string // in declaration order
}

// ProposeTables proposes ownership from the table uses of a run with the
// proposed modules (cfg, bound).
func ProposeTables(cfg *rules.Config, uses []graph.TableUse) *TableProposal {
	writers := map[string]map[string]bool{}
	readers := map[string]map[string]bool{}
	add := func(m map[string]map[string]bool, table, mod string) {
		if m[table] == nil {
			m[table] = map[string]bool{}
		}
		m[table][mod] = true
	}
	for _, u := range uses {
		if u.DDL || strings.HasSuffix(u.File, "_test.go") {
			continue
		}
		m := cfg.ModuleOf(u.Package)
		if m == nil {
			continue
		}
		if u.Write {
			add(writers, u.Table, m.Name)
		} else {
			add(readers, u.Table, m.Name)
		}
	}
	order := map[string]int{}
	for i, m := range cfg.Modules {
		order[m.Name] = i
	}
	inOrder := func(set map[string]bool) []string {
		out := make([]string, 0, len(set))
		for m := range set {
			out = append(out, m)
		}
		sort.Slice(out, func(i, j int) bool { return order[out[i]] < order[out[j]] })
		return out
	}
	p := &TableProposal{Owned: map[string][]string{}, Reads: map[string][]string{}}
	owner := map[string]string{}
	for table, ws := range writers {
		if len(ws) == 1 {
			for m := range ws {
				owner[table] = m
				p.Owned[m] = append(p.Owned[m], table)
			}
			continue
		}
		p.Contested = append(p.Contested, ContestedTable{Table: table, Writers: inOrder(ws)})
	}
	for table, rs := range readers {
		o, ok := owner[table]
		if !ok {
			continue
		}
		for m := range rs {
			if m != o {
				p.Reads[m] = append(p.Reads[m], table)
			}
		}
	}
	for _, m := range p.Owned {
		slices.Sort(m)
	}
	for _, m := range p.Reads {
		slices.Sort(m)
	}
	slices.SortFunc(p.Contested, func(a, b ContestedTable) int { return strings.Compare(a.Table, b.Table) })
	return p
}

// yamlModule writes a module's tables and reads.
func (p *TableProposal) yamlModule(b *strings.Builder, module string) {
	if p == nil {
		return
	}
	if ts := p.Owned[module]; len(ts) > 0 {
		fmt.Fprintf(b, "    tables: [%s]\n", quoteList(ts))
	}
	if ts := p.Reads[module]; len(ts) > 0 {
		fmt.Fprintf(b, "    reads: [%s]\n", quoteList(ts))
	}
}

// yamlComment says which tables several modules write (owned by none).
func (p *TableProposal) yamlComment(b *strings.Builder) {
	if p == nil || len(p.Contested) == 0 {
		return
	}
	b.WriteString("\n# Tables written by several modules today, owned by none until one module\n")
	b.WriteString("# takes them (add them to its tables) or they become shared_tables:\n")
	for _, c := range p.Contested {
		fmt.Fprintf(b, "#   %s: written by %s\n", c.Table, strings.Join(c.Writers, ", "))
	}
}

// tableReasonFor is suggest's reason for a table module shares with
// others: with declared ownership it names the owner ("writes table
// invoices, owned by billing"; "owns table orders, which checkout also
// writes"), otherwise it says who else uses it (tableReason).
func tableReasonFor(cfg *rules.Config, module string, st graph.SharedTable) string {
	if cfg == nil || !cfg.DeclaresTables() || cfg.SharedTable(st.Table) {
		return tableReason(st)
	}
	o := cfg.TableOwner(st.Table)
	switch {
	case o == nil:
		return tableReason(st) + " (owned by no module)"
	case o.Name == module && len(st.OthersWrite) > 0:
		return fmt.Sprintf("owns table %s, which %s also %s", st.Table, andList(st.OthersWrite), plural3(len(st.OthersWrite), "write"))
	case o.Name == module:
		return fmt.Sprintf("owns table %s, which %s %s", st.Table, andList(st.Others), plural3(len(st.Others), "read"))
	case st.Write:
		return fmt.Sprintf("writes table %s, owned by %s", st.Table, o.Name)
	}
	return fmt.Sprintf("reads table %s, owned by %s", st.Table, o.Name)
}

// ownedReasons rewrites the table reasons of a module's reasons with the
// declared ownership, when the config declares it.
func ownedReasons(cfg *rules.Config, m *graph.Metrics, rs []string) []string {
	if cfg == nil || !cfg.DeclaresTables() {
		return rs
	}
	for _, st := range m.SharedTables {
		if i := slices.Index(rs, tableReason(st)); i >= 0 {
			rs[i] = tableReasonFor(cfg, m.Module, st)
		}
	}
	return rs
}
