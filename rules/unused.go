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
func (c *Config) UnusedEntries(u Usage) []Unused {
	uses := &entryUses{c: c, byKey: map[string]*entryUse{}}
	for _, m := range c.Modules {
		for _, r := range m.DependsOnRefs {
			uses.note(m, "depends_on", r.Name, r.Pos, r.Modules, usesAny(u.Imports, m.Name, r.Modules))
		}
		if u.Sync != nil {
			for _, r := range m.AllowSyncRefs {
				uses.note(m, "allow_sync", r.Name, r.Pos, r.Modules, usesAny(u.Sync, m.Name, r.Modules))
			}
		}
		if m.PublicSet {
			uses.notePublic(m, u.Imported)
		}
		if u.Reads != nil {
			for _, t := range m.Reads {
				uses.note(m, "reads", t.Raw, t.Pos, nil, slices.ContainsFunc(u.Reads[m.Name], t.Match))
			}
		}
	}
	var out []Unused
	for _, e := range uses.order {
		if !e.used {
			out = append(out, e.unused(u.SyncBlocking))
		}
	}
	return out
}

// entryUse is one entry of the config (one line: a template's entry is one
// for all the template's modules), the modules it names, and whether any
// module it is written for uses it.
type entryUse struct {
	field, entry string
	pos          Pos
	owner        string // module, or template for a template's entry
	template     bool
	to           []string
	used         bool
}

// entryUses gathers the entries, in config order.
type entryUses struct {
	c     *Config
	byKey map[string]*entryUse
	order []*entryUse
}

// note records that module m has entry (of field, at pos, naming modules
// to), used or not.
func (uses *entryUses) note(m *Module, field, entry string, pos Pos, to []string, used bool) {
	key := fmt.Sprintf("%s\x00%d:%d\x00%s", field, pos.Line, pos.Col, entry)
	e, ok := uses.byKey[key]
	if !ok {
		e = &entryUse{field: field, entry: entry, pos: pos, owner: m.Name}
		if m.Template != "" && uses.c.templatePos(m.Template, pos) {
			e.owner, e.template = m.Template, true
		}
		uses.byKey[key] = e
		uses.order = append(uses.order, e)
	}
	for _, n := range to {
		if !slices.Contains(e.to, n) {
			e.to = append(e.to, n)
		}
	}
	e.used = e.used || used
}

// notePublic records m's public patterns: one is used when a package of m
// it matches is imported from outside m.
func (uses *entryUses) notePublic(m *Module, imported map[string]bool) {
	c := uses.c
	for i := range m.Public {
		p := &m.Public[i]
		used := false
		for path := range imported {
			if p.Match(path) && c.ModuleOf(path) == m {
				used = true
				break
			}
		}
		raw := p.Raw
		if m.Template != "" && c.templatePos(m.Template, p.Pos) {
			raw = c.templatePattern(m.Template, p.Pos) // one entry for all the template's modules
		}
		uses.note(m, "public", raw, p.Pos, nil, used)
	}
}

// usesAny reports whether set holds [from, n] for some n in to.
func usesAny(set map[[2]string]bool, from string, to []string) bool {
	for _, n := range to {
		if set[[2]string{from, n}] {
			return true
		}
	}
	return false
}

// unused is the finding's entry and message for e, an entry nothing uses;
// syncBlocking says allow_sync is about blocking calls (Usage.SyncBlocking).
func (e *entryUse) unused(syncBlocking bool) Unused {
	u := Unused{Module: e.owner, Field: e.field, Entry: e.entry, Pos: e.pos}
	if len(e.to) == 1 && e.to[0] == e.entry {
		u.To = e.entry
	}
	who := e.owner
	if e.template {
		who = fmt.Sprintf("template %s", e.owner)
	}
	switch e.field {
	case "depends_on":
		u.Message = fmt.Sprintf("%s lists %s in depends_on, but %s imports %s", who, e.entry, nobody(e.template, e.owner), target(e.entry, e.to))
	case "allow_sync":
		verb := "calls into"
		if syncBlocking {
			verb = "makes a blocking call into"
		}
		u.Message = fmt.Sprintf("%s lists %s in allow_sync, but %s %s %s", who, e.entry, nobody(e.template, e.owner), verb, target(e.entry, e.to))
	case "public":
		u.Message = fmt.Sprintf("%s lists %s in public, but no other module imports a package it matches", who, e.entry)
	case "reads":
		u.Message = fmt.Sprintf("%s lists %s in reads, but %s reads a table it matches", who, e.entry, nobody(e.template, e.owner))
	}
	return u
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
	return fmt.Sprintf("any module of %s (%s)", entry, strings.Join(slices.Sorted(slices.Values(to)), ", "))
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
