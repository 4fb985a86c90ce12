package rules

// Data ownership: the config keys `tables` and `reads` of a module and the
// top-level `shared_tables` (SPEC "Data ownership"). The parser (parse.go)
// hands these keys to the functions of this file.

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Rule IDs of data ownership.
const (
	RuleDataOwnership = "data-ownership"
	RuleUnownedTable  = "unowned-table"
)

// TablePattern is a table name as written in `tables`, `reads` or
// `shared_tables`: letters, digits, '_' and '$', with `*` standing for any
// run of characters (`billing_*`). Names are compared case-insensitively
// and without a schema (`"public"."orders"` in SQL is the table orders).
type TablePattern struct {
	Raw string
	Pos Pos

	low   string // lower-cased Raw
	lit   int    // characters other than '*'
	stars int
}

// CompileTablePattern checks and prepares a table pattern.
func CompileTablePattern(raw string) (TablePattern, error) {
	t := TablePattern{Raw: raw, low: strings.ToLower(raw)}
	switch {
	case raw == "":
		return t, fmt.Errorf("empty table pattern")
	case strings.Contains(raw, "."):
		return t, fmt.Errorf("table pattern %q names a schema: tables are named without their schema (write %q)", raw, raw[strings.LastIndexByte(raw, '.')+1:])
	}
	for _, r := range raw {
		switch {
		case r == '*':
			t.stars++
		case r == '_' || r == '$' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			t.lit++
		default:
			return t, fmt.Errorf("invalid table pattern %q: use a table name, with * for any run of characters", raw)
		}
	}
	return t, nil
}

// Match reports whether table (as the SQL scanner gives it, without schema)
// matches the pattern.
func (t TablePattern) Match(table string) bool {
	if t.stars == 0 {
		return strings.EqualFold(t.Raw, table)
	}
	return globMatch(t.low, strings.ToLower(table))
}

// moreSpecific reports whether t is more specific than u: more literal
// characters, then fewer stars.
func (t TablePattern) moreSpecific(u TablePattern) bool {
	if t.lit != u.lit {
		return t.lit > u.lit
	}
	return t.stars < u.stars
}

// globMatch matches s against a pattern where '*' is any run of characters.
func globMatch(pat, s string) bool {
	px, sx := 0, 0
	nextPx, nextSx := -1, -1
	for px < len(pat) || sx < len(s) {
		if px < len(pat) {
			if pat[px] == '*' {
				nextPx, nextSx = px, sx+1
				px++
				continue
			}
			if sx < len(s) && pat[px] == s[sx] {
				px++
				sx++
				continue
			}
		}
		if nextSx > 0 && nextSx <= len(s) {
			px, sx = nextPx, nextSx
			continue
		}
		return false
	}
	return true
}

// DeclaresTables reports whether any module declares `tables`: the data
// rules run only then.
func (c *Config) DeclaresTables() bool {
	for _, m := range c.Modules {
		if len(m.Tables) > 0 {
			return true
		}
	}
	return false
}

// TableOwner returns the module that owns table: the one with the most
// specific matching `tables` pattern (on a tie, the module declared
// first), or nil.
func (c *Config) TableOwner(table string) *Module {
	var best *Module
	var bestPat TablePattern
	for _, m := range c.Modules {
		for _, p := range m.Tables {
			if p.Match(table) && (best == nil || p.moreSpecific(bestPat)) {
				best, bestPat = m, p
			}
		}
	}
	return best
}

// SharedTable reports whether table matches `shared_tables`.
func (c *Config) SharedTable(table string) bool {
	return slices.ContainsFunc(c.SharedTables, func(p TablePattern) bool { return p.Match(table) })
}

// MayRead reports whether module m may read a table owned by another
// module: the table matches one of m's `reads`.
func (m *Module) MayRead(table string) bool {
	return slices.ContainsFunc(m.Reads, func(p TablePattern) bool { return p.Match(table) })
}

// tablePatterns decodes a list of table patterns.
func (p *parser) tablePatterns(field string, v *yaml.Node) []TablePattern {
	vals, nodes := p.strings(field, v)
	out := make([]TablePattern, 0, len(vals))
	for i, raw := range vals {
		t, err := CompileTablePattern(raw)
		if err != nil {
			p.errorf(posOf(nodes[i]), "%s: %s", field, err)
			continue
		}
		t.Pos = posOf(nodes[i])
		out = append(out, t)
	}
	return out
}

// moduleTables decodes a module's `tables` or `reads`.
func (p *parser) moduleTables(m *Module, key string, v *yaml.Node) {
	if key == "tables" {
		m.Tables = p.tablePatterns(key, v)
	} else {
		m.Reads = p.tablePatterns(key, v)
	}
}

// checkTables validates data ownership once every module is known: a table
// pattern owned by two modules, a shared table also owned, a `reads` entry
// naming the module's own table. It also turns data-ownership on (error)
// when a module declares tables and the rules mapping does not set it.
func (p *parser) checkTables(cfg *Config, root *yaml.Node) {
	owner := map[string]*Module{}
	for _, m := range cfg.Modules {
		for _, t := range m.Tables {
			switch first, ok := owner[t.low]; {
			case !ok:
				owner[t.low] = m
			case first == m:
				p.warnf(t.Pos, "table pattern %q is listed twice in module %q", t.Raw, m.Name)
			default:
				p.errorf(t.Pos, "table pattern %q is already owned by module %q: a table has one owner (list it in shared_tables, or in %q's reads)", t.Raw, first.Name, m.Name)
			}
		}
	}
	for _, t := range cfg.SharedTables {
		if m, ok := owner[t.low]; ok {
			p.errorf(t.Pos, "shared table %q is also owned by module %q: a table is either owned or shared", t.Raw, m.Name)
		}
	}
	for _, m := range cfg.Modules {
		for _, r := range m.Reads {
			own := owner[r.low] == m
			if !own && r.stars == 0 {
				own = cfg.TableOwner(r.Raw) == m
			}
			if own {
				p.errorf(r.Pos, "reads: %q is a table of module %q itself (a module may always read its own tables)", r.Raw, m.Name)
			}
		}
	}
	if cfg.DeclaresTables() && !rulesSet(root, RuleDataOwnership) {
		cfg.Severities[RuleDataOwnership] = Error
	}
}

// rulesSet reports whether the top-level rules mapping sets rule.
func rulesSet(root *yaml.Node, rule string) bool {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := resolve(root.Content[i]); k.Kind == yaml.ScalarNode && k.Value == "rules" {
			r := resolve(root.Content[i+1])
			for j := 0; r.Kind == yaml.MappingNode && j+1 < len(r.Content); j += 2 {
				if k := resolve(r.Content[j]); k.Kind == yaml.ScalarNode && k.Value == rule {
					return true
				}
			}
		}
	}
	return false
}
