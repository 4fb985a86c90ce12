package rules

// The unused-dependency rule (SPEC "Config at scale"), `check` only: a
// depends_on, allow_sync, public or reads entry that nothing in the code
// uses. The engine gathers what the code uses (Usage); this file decides.

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Usage is what the code of the whole main module uses, as module names.
type Usage struct {
	// Imports holds [from, to] for every import (test files' included) of
	// a package of module `to` by a package of module `from` ≠ `to`.
	Imports map[[2]string]bool
	// Imported holds the packages imported by a package outside their
	// module (test files' included).
	Imported map[string]bool
	// Sync holds [from, to] for the module pairs an allow_sync entry may
	// be for (see engine.UsageOf); nil when sync-call did not run, and
	// allow_sync entries are then not checked. SyncBlocking says the pairs
	// are of blocking calls, not of any call.
	Sync         map[[2]string]bool
	SyncBlocking bool
	// Reads holds the tables each module reads (lower case, without
	// schema); nil when tables were not analysed, and reads entries are
	// then not checked.
	Reads map[string][]string
}

// Unused is one unused config entry.
type Unused struct {
	Module  string // the module, or for a template's entry the template
	Field   string // depends_on, allow_sync, public or reads
	Entry   string // as written
	To      string // the module the entry names, when it names one module
	Pos     Pos
	Message string
}

// Path is the config file's absolute path when the config was read by Load
// (else File as given).
func (c *Config) Path() string {
	if c.dir == "" {
		return c.File
	}
	return filepath.Join(c.dir, filepath.Base(c.File))
}

// UnusedEntries returns the entries nothing in u uses, in config order. An
// entry written in a template is unused when none of the template's modules
// uses it (it is one line of the config, for all of them).
func (c *Config) UnusedEntries(usage Usage) []Unused {
	u := usage
	type group struct {
		field, entry string
		pos          Pos
		owner        string // module, or template for a template's entry
		template     bool
		to           []string
		used         bool
	}
	groups := map[string]*group{}
	var order []string
	note := func(m *Module, field, entry string, pos Pos, to []string, used bool) {
		key := fmt.Sprintf("%s\x00%d:%d\x00%s", field, pos.Line, pos.Col, entry)
		g, ok := groups[key]
		if !ok {
			g = &group{field: field, entry: entry, pos: pos, owner: m.Name}
			if m.Template != "" && c.templatePos(m.Template, pos) {
				g.owner, g.template = m.Template, true
			}
			groups[key] = g
			order = append(order, key)
		}
		for _, n := range to {
			if !slices.Contains(g.to, n) {
				g.to = append(g.to, n)
			}
		}
		g.used = g.used || used
	}
	usesAny := func(set map[[2]string]bool, from string, to []string) bool {
		for _, n := range to {
			if set[[2]string{from, n}] {
				return true
			}
		}
		return false
	}
	for _, m := range c.Modules {
		for _, r := range m.DependsOnRefs {
			note(m, "depends_on", r.Name, r.Pos, r.Modules, usesAny(u.Imports, m.Name, r.Modules))
		}
		if u.Sync != nil {
			for _, r := range m.AllowSyncRefs {
				note(m, "allow_sync", r.Name, r.Pos, r.Modules, usesAny(u.Sync, m.Name, r.Modules))
			}
		}
		if m.PublicSet {
			for i := range m.Public {
				p := &m.Public[i]
				used := false
				for path := range u.Imported {
					if p.Match(path) && c.ModuleOf(path) == m {
						used = true
						break
					}
				}
				raw := p.Raw
				if m.Template != "" && c.templatePos(m.Template, p.Pos) {
					raw = c.templatePattern(m.Template, p.Pos) // one entry for all the template's modules
				}
				note(m, "public", raw, p.Pos, nil, used)
			}
		}
		if u.Reads != nil {
			for _, t := range m.Reads {
				note(m, "reads", t.Raw, t.Pos, nil, slices.ContainsFunc(u.Reads[m.Name], t.Match))
			}
		}
	}
	var out []Unused
	for _, key := range order {
		g := groups[key]
		if g.used {
			continue
		}
		u := Unused{Module: g.owner, Field: g.field, Entry: g.entry, Pos: g.pos}
		if len(g.to) == 1 && g.to[0] == g.entry {
			u.To = g.entry
		}
		who := g.owner
		if g.template {
			who = fmt.Sprintf("template %s", g.owner)
		}
		switch g.field {
		case "depends_on":
			u.Message = fmt.Sprintf("%s lists %s in depends_on, but %s imports %s", who, g.entry, nobody(g.template, g.owner), target(g.entry, g.to))
		case "allow_sync":
			verb := "calls into"
			if usage.SyncBlocking {
				verb = "makes a blocking call into"
			}
			u.Message = fmt.Sprintf("%s lists %s in allow_sync, but %s %s %s", who, g.entry, nobody(g.template, g.owner), verb, target(g.entry, g.to))
		case "public":
			u.Message = fmt.Sprintf("%s lists %s in public, but no other module imports a package it matches", who, g.entry)
		case "reads":
			u.Message = fmt.Sprintf("%s lists %s in reads, but %s reads a table it matches", who, g.entry, nobody(g.template, g.owner))
		}
		out = append(out, u)
	}
	return out
}

// templatePos reports whether pos lies in the template's entry (as opposed
// to a key-adding entry of one of its modules).
func (c *Config) templatePos(name string, pos Pos) bool {
	var start, end int
	for i, d := range c.decl {
		if d.tmpl == nil || d.tmpl.Name != name {
			continue
		}
		start, end = d.tmpl.Pos.Line, 1<<30
		if i+1 < len(c.decl) {
			if n := c.decl[i+1]; n.tmpl != nil {
				end = n.tmpl.Pos.Line
			} else {
				end = n.mod.Pos.Line
			}
		}
	}
	return pos.Line >= start && pos.Line < end
}

func nobody(template bool, owner string) string {
	if template {
		return "none of its modules"
	}
	return "no package of " + owner
}

func target(entry string, to []string) string {
	switch {
	case len(to) == 1 && to[0] == entry:
		return entry
	case len(to) == 0:
		return fmt.Sprintf("%s (a template with no other module)", entry)
	}
	return fmt.Sprintf("any of %s's modules (%s)", entry, strings.Join(to, ", "))
}

// EntryHas reports, for a module, whether the config has an entry of its
// name (a module's own, or a key-adding entry of an expanded module) and
// whether that entry writes field.
func (c *Config) EntryHas(module, field string) (entry, has bool) {
	for _, d := range c.decl {
		if d.mod != nil && d.mod.Name == module {
			return true, d.mod.set[field]
		}
	}
	if len(c.decl) == 0 { // a config not made by Parse
		if m := c.Module(module); m != nil {
			return true, field == "depends_on" && m.DependsOnSet || field == "allow_sync" && m.AllowSync != nil
		}
	}
	return false, false
}

// Expanded reports whether the module was expanded from a template.
func (m *Module) Expanded() bool { return m.Template != "" }
