package rules

// Module templates (SPEC "Config at scale"): a `modules` entry with `each`
// expands to one module per directory it matches, named after the
// directory. The parser keeps the template; Bind expands it against the main
// module's directory tree (SetRoot), so the loader, the vet tool and the
// golangci-lint plugin, which all bind the config, expand it the same way.

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// namePlaceholder is replaced by an expanded module's name in a template's
// patterns.
const namePlaceholder = "{name}"

// protectedPlaceholder stands for {name} while YAML is decoded: a plain
// scalar in a flow list cannot hold '{' ("packages: [./internal/{name}/...]",
// as the SPEC writes it, is not YAML), and '$' never appears in a valid
// pattern. It has the same length, so positions do not move.
const protectedPlaceholder = "$name$"

// protectPlaceholders replaces {name} by protectedPlaceholder.
func protectPlaceholders(data []byte) []byte {
	if !bytes.Contains(data, []byte(namePlaceholder)) {
		return data
	}
	return bytes.ReplaceAll(data, []byte(namePlaceholder), []byte(protectedPlaceholder))
}

// restorePlaceholders undoes protectPlaceholders in a decoded string.
func restorePlaceholders(s string) string {
	return strings.ReplaceAll(s, protectedPlaceholder, namePlaceholder)
}

// Template is a `modules` entry with `each`.
type Template struct {
	Name        string
	Pos         Pos
	Each        string // as written: "./internal/*"
	EachPos     Pos
	ExcludeEach []Pattern
	// Proto holds the template's other keys; its patterns may hold {name}.
	Proto *Module
	// Modules are the names it expanded to (Bind), in directory order.
	Modules []string

	eachElems []string // the elements after "./"
}

// declEntry is one entry of the modules mapping: a module (extra when it
// has no packages and adds keys to an expanded module) or a template.
type declEntry struct {
	mod  *Module
	tmpl *Template
}

// hasKey reports whether the mapping node v has the key.
func hasKey(v *yaml.Node, key string) bool {
	n := resolve(v)
	if n == nil || n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k != nil && k.Kind == yaml.ScalarNode && k.Value == key {
			return true
		}
	}
	return false
}

// template decodes a template entry: the module keys (patterns may hold
// {name}), each and exclude_each.
func (p *parser) template(name string, k, v *yaml.Node) *Template {
	t := &Template{Name: name, Pos: posOf(k)}
	p.inTemplate, p.curTmpl = true, t
	t.Proto = p.module(name, k, v)
	p.inTemplate, p.curTmpl = false, nil
	t.Proto.extra = false
	return t
}

// each decodes a template's each: a relative pattern whose last element is
// `*`, without `...`.
func (p *parser) each(v *yaml.Node) {
	t := p.curTmpl
	n := resolve(v)
	t.EachPos = posOf(v)
	if n.Kind != yaml.ScalarNode || isNull(n) || n.ShortTag() != "!!str" {
		p.errorf(posOf(v), "each: expected a directory pattern such as ./internal/*, got %s", describe(n))
		return
	}
	raw := n.Value
	pat, err := CompilePattern(raw)
	switch {
	case err != nil:
		p.errorf(posOf(v), "each: %s", err)
		return
	case !pat.rel || raw == ".":
		p.errorf(posOf(v), "each: %q is not a directory pattern of the main module: write it relative to its root, such as ./internal/*", raw)
		return
	case slices.Contains(pat.relElems, dots):
		p.errorf(posOf(v), "each: %q has \"...\": each matches directories one level at a time, with * for one element (./internal/*)", raw)
		return
	case pat.relElems[len(pat.relElems)-1] != star:
		p.errorf(posOf(v), "each: %q must end in /*: the module is named after the directory * matches", raw)
		return
	}
	t.Each, t.eachElems = raw, pat.relElems
}

// excludeEach decodes exclude_each: relative patterns of directories.
func (p *parser) excludeEach(v *yaml.Node) {
	t := p.curTmpl
	for _, pat := range p.patterns("exclude_each", v) {
		if !pat.rel {
			p.errorf(pat.Pos, "exclude_each: %q is not a directory pattern of the main module: write it relative to its root, such as ./internal/platform", pat.Raw)
			continue
		}
		t.ExcludeEach = append(t.ExcludeEach, pat.Bind("std")) // unprefixed: matches "internal/x"
	}
}

// namePattern decodes a pattern holding {name}: allowed only in a template,
// where it is checked with a sample name and kept as written.
func (p *parser) namePattern(field, raw string, pos Pos) (Pattern, bool) {
	sample := strings.ReplaceAll(raw, namePlaceholder, "x")
	if strings.ContainsAny(sample, "{}") {
		p.errorf(pos, "invalid pattern %q: the only placeholder is {name}", raw)
		return Pattern{}, false
	}
	if !p.inTemplate || field == "exclude_each" {
		p.errorf(pos, "%s: {name} is allowed only in the patterns of a template (a module with each)", field)
		return Pattern{}, false
	}
	if _, err := CompilePattern(sample); err != nil {
		p.errorf(pos, "%s", strings.Replace(err.Error(), fmt.Sprintf("%q", sample), fmt.Sprintf("%q", raw), 1))
		return Pattern{}, false
	}
	return Pattern{Raw: raw, Pos: pos}, true
}

// checkTemplates records the templates and the declaration order. Without
// templates, an entry without packages is an error now; with them, whether
// a template expands to its name is known only on expansion (Bind).
func (p *parser) checkTemplates(cfg *Config) {
	cfg.decl = p.decl
	for _, d := range p.decl {
		if d.tmpl == nil {
			continue
		}
		cfg.Templates = append(cfg.Templates, d.tmpl)
		if d.tmpl.Proto.set["tables"] {
			// A table has one owner: every module of the template would own
			// the same ones.
			p.errorf(d.tmpl.Pos, "template %q declares tables: every module it expands to would own them; declare each module's tables in an entry of its name (reads is fine in a template)", d.tmpl.Name)
		}
		for _, pat := range d.tmpl.Proto.Packages {
			if !strings.Contains(pat.Raw, namePlaceholder) {
				// Like tables: every module would hold the same packages,
				// each then matched by all of them with equal specificity.
				p.errorf(pat.Pos, "template %q: packages %q has no {name}: every module it expands to would hold the same packages; write the module's directory with {name} (./dir/{name}/...), or give those packages a module of their own", d.tmpl.Name, pat.Raw)
			}
		}
	}
	if len(cfg.Templates) == 0 {
		// Without templates an entry without packages is an error, and
		// stays a module so that references to it do not cascade.
		cfg.Modules = cfg.Modules[:0]
		for _, d := range p.decl {
			if d.mod.extra {
				p.errorf(d.mod.Pos, "module %q has no packages", d.mod.Name)
				d.mod.extra = false
			}
			cfg.Modules = append(cfg.Modules, d.mod)
		}
	}
}

// SetRoot sets the main module's root directory, against which Bind expands
// templates. Without it, Bind looks for the go.mod above the config file
// (Load) or above the working directory.
func (c *Config) SetRoot(dir string) { c.root = dir }

// moduleRoot is the directory templates expand against ("" when unknown).
func (c *Config) moduleRoot() string {
	if c.root != "" {
		return c.root
	}
	start := c.dir
	if start == "" {
		wd, err := os.Getwd()
		if err != nil {
			return ""
		}
		start = wd
	}
	return ModuleRoot(start)
}

// expand rebuilds Modules from the declarations: declared modules, one
// module per directory of each template, key-adding entries merged into
// the expanded module of their name, then depends_on and allow_sync
// resolved to module names. Problems go to expandErrs and expandWarns,
// which CheckListed returns.
func (c *Config) expand() {
	c.expandErrs, c.expandWarns = nil, nil
	if len(c.Templates) == 0 {
		return
	}
	root := c.moduleRoot()
	taken := map[string]declOwner{}
	tmplNames := map[string]*Template{}
	for _, t := range c.Templates {
		tmplNames[t.Name] = t
	}
	var mods []*Module
	for _, d := range c.decl {
		switch {
		case d.tmpl != nil:
			mods = append(mods, c.expandTemplate(d.tmpl, root, taken, tmplNames)...)
		case !d.mod.extra:
			if m := c.declaredModule(d.mod, taken); m != nil {
				mods = append(mods, m)
			}
		}
	}
	byName := make(map[string]*Module, len(mods))
	for _, m := range mods {
		byName[m.Name] = m
	}
	c.mergeExtras(byName)
	c.Modules = mods
	c.resolveRefs(byName, tmplNames)
}

// declOwner is the entry that took a module name while expanding: what it
// is (`template "x"` or `module "x"`) and its line, for the error on a
// second entry of that name.
type declOwner struct {
	what     string
	line     int
	template bool
}

// expandTemplate returns the modules of template t, one per directory its
// each pattern matches under root, and records them in taken and
// t.Modules. A directory whose name is not a valid module name is skipped
// with a warning; one whose name is taken or is a template's is an error.
func (c *Config) expandTemplate(t *Template, root string, taken map[string]declOwner, tmplNames map[string]*Template) []*Module {
	t.Modules = nil
	if t.Each == "" {
		return nil
	}
	if root == "" {
		c.expandWarns = append(c.expandWarns, &ConfigError{File: c.File, Pos: t.EachPos, Msg: fmt.Sprintf(
			"template %q is not expanded: the main module's directory is unknown", t.Name)})
		return nil
	}
	var mods []*Module
	var clashes []clash
	dirs, unmatched := eachDirs(root, t)
	for _, pat := range unmatched {
		c.expandWarns = append(c.expandWarns, &ConfigError{File: c.File, Pos: pat.Pos, Msg: fmt.Sprintf(
			"template %q: exclude_each %q matches no directory of each %q", t.Name, pat.Raw, t.Each)})
	}
	for _, dir := range dirs {
		name := path.Base(dir)
		switch o, dup := taken[name]; {
		case !validModuleName(name):
			c.expandWarns = append(c.expandWarns, &ConfigError{File: c.File, Pos: t.EachPos, Msg: fmt.Sprintf(
				"template %q skips ./%s: %q is not a valid module name (ASCII letters, digits, '_' and '-')", t.Name, dir, name)})
			continue
		case dup:
			clashes = addClash(clashes, o, dir)
			continue
		case tmplNames[name] != nil:
			c.expandErrs = append(c.expandErrs, &ConfigError{File: c.File, Pos: t.EachPos, Msg: fmt.Sprintf(
				"template %q expands ./%s to module %q, the name of a template: depends_on could not tell them apart; rename the template or add ./%s to exclude_each",
				t.Name, dir, name, dir)})
			continue
		}
		taken[name] = declOwner{fmt.Sprintf("template %q", t.Name), t.Pos.Line, true}
		mods = append(mods, t.instantiate(name, dir))
		t.Modules = append(t.Modules, name)
	}
	for _, cl := range clashes {
		c.expandErrs = append(c.expandErrs, &ConfigError{File: c.File, Pos: t.EachPos, Msg: cl.message(t.Name)})
	}
	if len(t.Modules) == 0 {
		c.expandWarns = append(c.expandWarns, &ConfigError{File: c.File, Pos: t.EachPos, Msg: fmt.Sprintf(
			"template %q: each %q matches no directory with Go files", t.Name, t.Each)})
	}
	return mods
}

// clash is the directories a template expands to names another entry
// (owner) already declares.
type clash struct {
	owner declOwner
	dirs  []string
}

func addClash(cs []clash, o declOwner, dir string) []clash {
	for i := range cs {
		if cs[i].owner == o {
			cs[i].dirs = append(cs[i].dirs, dir)
			return cs
		}
	}
	return append(cs, clash{o, []string{dir}})
}

// message is the error for template tmpl's clash: one per other entry, so
// that two overlapping templates give one error, not one per directory.
// Only a module's entry can become a key-adding entry (a template stays
// a template), so the advice depends on the owner.
func (cl clash) message(tmpl string) string {
	o := cl.owner
	if len(cl.dirs) == 1 {
		dir, name := cl.dirs[0], path.Base(cl.dirs[0])
		if o.template {
			return fmt.Sprintf("template %q expands ./%s to module %q, which %s (line %d) already declares; add ./%s to the exclude_each of one of the two templates",
				tmpl, dir, name, o.what, o.line, dir)
		}
		return fmt.Sprintf("template %q expands ./%s to module %q, which %s (line %d) already declares; add ./%s to exclude_each, or remove the other entry's packages so that it adds keys to this module",
			tmpl, dir, name, o.what, o.line, dir)
	}
	dirs := make([]string, len(cl.dirs))
	for i, d := range cl.dirs {
		dirs[i] = "./" + d
	}
	return fmt.Sprintf("template %q expands %d directories to modules that %s (line %d) already declares (%s); add them to the exclude_each of one of the two templates",
		tmpl, len(dirs), o.what, o.line, listNames(dirs, 5))
}

// declaredModule returns m, a module declared with its own packages, with
// its depends_on and allow_sync names set, and records it in taken; nil
// (and an error) when a template already expanded to its name.
func (c *Config) declaredModule(m *Module, taken map[string]declOwner) *Module {
	m.DependsOn, m.AllowSync = refNames(m.DependsOnRefs), refNames(m.AllowSyncRefs)
	if o, dup := taken[m.Name]; dup {
		c.expandErrs = append(c.expandErrs, &ConfigError{File: c.File, Pos: m.Pos, Msg: fmt.Sprintf(
			"module %q is also expanded by %s (line %d); remove this entry's packages so that it adds keys to that module, or exclude its directory with exclude_each",
			m.Name, o.what, o.line)})
		return nil
	}
	taken[m.Name] = declOwner{fmt.Sprintf("module %q", m.Name), m.Pos.Line, false}
	return m
}

// mergeExtras merges each key-adding entry (a module without packages)
// into the expanded module of its name; an entry no template expands to
// is an error.
func (c *Config) mergeExtras(byName map[string]*Module) {
	for _, d := range c.decl {
		if d.mod == nil || !d.mod.extra {
			continue
		}
		e := d.mod
		m := byName[e.Name]
		if m == nil || m.Template == "" {
			c.expandErrs = append(c.expandErrs, &ConfigError{File: c.File, Pos: e.Pos, Msg: fmt.Sprintf(
				"module %q has no packages, and no template expands to it (templates: %s)", e.Name, listNames(templateNames(c.Templates), 10))})
			continue
		}
		m.merge(e)
	}
}

func templateNames(ts []*Template) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func refNames(refs []Ref) []string {
	if refs == nil {
		return nil
	}
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

// resolveRefs turns depends_on and allow_sync entries into module names: a
// template's name stands for all its modules (but the module itself).
func (c *Config) resolveRefs(byName map[string]*Module, tmpls map[string]*Template) {
	var names []string
	for _, m := range c.Modules {
		names = append(names, m.Name)
	}
	names = append(names, slices.Sorted(func(yield func(string) bool) {
		for n := range tmpls {
			if !yield(n) {
				return
			}
		}
	})...)
	resolve := func(m *Module, field string, refs []Ref) []string {
		if refs == nil {
			return nil
		}
		out := []string{}
		for i := range refs {
			r := &refs[i]
			switch {
			case tmpls[r.Name] != nil:
				r.Modules = slices.DeleteFunc(slices.Clone(tmpls[r.Name].Modules), func(n string) bool { return n == m.Name })
			case byName[r.Name] != nil:
				r.Modules = []string{r.Name}
			default:
				r.Modules = nil
				c.expandErrs = append(c.expandErrs, &ConfigError{File: c.File, Pos: r.Pos, Msg: fmt.Sprintf(
					"unknown module %q in %s%s", r.Name, field, unknownHint(r.Name, names))})
				continue
			}
			for _, n := range r.Modules {
				if !slices.Contains(out, n) {
					out = append(out, n)
				}
			}
		}
		return out
	}
	for _, m := range c.Modules {
		m.DependsOn = resolve(m, "depends_on", m.DependsOnRefs)
		m.AllowSync = resolve(m, "allow_sync", m.AllowSyncRefs)
	}
}

// unknownHint is " (did you mean …?)" or the declared names.
func unknownHint(name string, names []string) string {
	if s := didYouMean(name, names); s != "" {
		return s
	}
	if len(names) == 0 {
		return " (no module is declared)"
	}
	return fmt.Sprintf(" (declared: %s)", listNames(names, 10))
}

// instantiate makes the module of one expanded directory.
func (t *Template) instantiate(name, dir string) *Module {
	pr := t.Proto
	m := &Module{
		Name: name, Pos: t.Pos, Template: t.Name, Dir: dir,
		PublicSet: pr.PublicSet, Shared: pr.Shared,
		Tables: slices.Clone(pr.Tables), Reads: slices.Clone(pr.Reads),
		Layer: pr.Layer, LayerPos: pr.LayerPos, DependsOnSet: pr.DependsOnSet,
		DependsOnRefs: slices.Clone(pr.DependsOnRefs), AllowSyncRefs: slices.Clone(pr.AllowSyncRefs),
		layerIdx: -1, set: pr.set,
	}
	m.Packages = substitute(pr.Packages, name)
	if len(m.Packages) == 0 {
		if p, err := CompilePattern("./" + dir + "/..."); err == nil {
			p.Pos = t.EachPos
			m.Packages = []Pattern{p}
		}
	}
	m.Public = substitute(pr.Public, name)
	if m.PublicSet && m.Public == nil {
		m.Public = []Pattern{}
	}
	m.ForbiddenImports = substitute(pr.ForbiddenImports, name)
	return m
}

// substitute compiles a template's patterns for one module name.
func substitute(ps []Pattern, name string) []Pattern {
	if ps == nil {
		return nil
	}
	out := make([]Pattern, 0, len(ps))
	for _, p := range ps {
		if !strings.Contains(p.Raw, namePlaceholder) {
			out = append(out, p)
			continue
		}
		q, err := CompilePattern(strings.ReplaceAll(p.Raw, namePlaceholder, name))
		if err != nil {
			continue // the name is a valid module name, so this does not happen
		}
		q.Pos = p.Pos
		out = append(out, q)
	}
	return out
}

// merge applies the keys of a key-adding entry e to the expanded module m:
// each key written in e replaces the template's value of that key.
func (m *Module) merge(e *Module) {
	set := make(map[string]bool, len(m.set)+len(e.set))
	for k := range m.set {
		set[k] = true
	}
	for k := range e.set {
		set[k] = true
		switch k {
		case "depends_on":
			m.DependsOnRefs, m.DependsOnSet = slices.Clone(e.DependsOnRefs), true
		case "allow_sync":
			m.AllowSyncRefs = slices.Clone(e.AllowSyncRefs)
		case "public":
			m.Public, m.PublicSet = e.Public, e.PublicSet
		case "shared":
			m.Shared = e.Shared
		case "forbidden_imports":
			m.ForbiddenImports = e.ForbiddenImports
		case "tables":
			m.Tables = e.Tables
		case "reads":
			m.Reads = e.Reads
		case "layer":
			m.Layer, m.LayerPos = e.Layer, e.LayerPos
		}
	}
	m.set = set
}

// eachDirs lists the directories (slash-separated, relative to root) that
// a template's each matches and exclude_each does not, that hold Go files
// (in them or below, as ./dir/... would list packages) and are not another
// module. Directories go would skip (., _ prefixes, testdata, vendor) are
// skipped. unmatched are the exclude_each patterns that match no directory
// each matches (stale or mistyped).
func eachDirs(root string, t *Template) (dirs []string, unmatched []Pattern) {
	cur := []string{""}
	for _, e := range t.eachElems {
		var next []string
		for _, d := range cur {
			if e != star {
				next = append(next, path.Join(d, e))
				continue
			}
			ents, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(d)))
			if err != nil {
				continue
			}
			for _, ent := range ents {
				if ent.IsDir() && goDirName(ent.Name()) {
					next = append(next, path.Join(d, ent.Name()))
				}
			}
		}
		cur = next
	}
	var out []string
	excluded := make([]bool, len(t.ExcludeEach))
	for _, d := range cur {
		skip := false
		for i := range t.ExcludeEach {
			if t.ExcludeEach[i].Match(d) {
				excluded[i], skip = true, true
			}
		}
		if skip || !hasGo(filepath.Join(root, filepath.FromSlash(d))) {
			continue
		}
		out = append(out, d)
	}
	slices.Sort(out)
	for i, pat := range t.ExcludeEach {
		if !excluded[i] {
			unmatched = append(unmatched, pat)
		}
	}
	return out, unmatched
}

// goDirName reports whether go's ./... would enter a directory so named.
func goDirName(name string) bool {
	return name != "" && name[0] != '.' && name[0] != '_' && name != "testdata" && name != "vendor"
}

// hasGo reports whether dir, or a directory below it that go's ./... would
// enter, holds a .go file, without entering another module (a go.mod).
func hasGo(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	var subs []string
	found := false
	for _, ent := range ents {
		name := ent.Name()
		switch {
		case name == "go.mod" && !ent.IsDir():
			return false
		case ent.IsDir():
			if goDirName(name) {
				subs = append(subs, name)
			}
		case strings.HasSuffix(name, ".go"):
			found = true
		}
	}
	if found {
		return true
	}
	for _, s := range subs {
		if hasGo(filepath.Join(dir, s)) {
			return true
		}
	}
	return false
}
