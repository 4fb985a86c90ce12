package rules

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// FileName is the name of the config file that Find looks for.
const FileName = "archcheck.yaml"

// ErrNotFound is returned by Find when no archcheck.yaml exists above dir.
var ErrNotFound = errors.New("no archcheck.yaml found")

// Keys accepted by the parser, in documentation order. The JSON Schema's
// property names are tested against these.
var (
	topKeys    = []string{"version", "modules", "events", "blocking", "sync_call_kinds", "forbidden_imports", "exclude", "shared_tables", "layers", "closed", "rules"}
	moduleKeys = []string{"packages", "depends_on", "allow_sync", "public", "shared", "forbidden_imports", "tables", "reads", "layer", "each", "exclude_each"}
)

// SupportedVersion is the only config version this archcheck reads.
const SupportedVersion = 1

// Load reads and parses the config at path; messages name path as given.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		cfg.dir = filepath.Dir(abs)
	}
	return cfg, nil
}

// Find walks up from dir, no further than the directory holding go.mod, to
// the first archcheck.yaml and returns its path
// (absolute when dir is). When there is none, the error wraps ErrNotFound.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find config: %w", err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		} else if fi, lerr := os.Lstat(p); err != nil && lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
			return p, nil // a broken link or a loop: reading it says which, not "not found"
		}
		// The config's ./ patterns name directories of one Go module: a
		// config above the module's root belongs to another module (a
		// fixture or nested module inside a bigger repository), so the
		// search stops at the directory holding go.mod.
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return "", fmt.Errorf("%w in %s or above it up to its module root %s", ErrNotFound, dir, d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%w in %s or any parent directory", ErrNotFound, dir)
		}
		d = parent
	}
}

// Parse parses and validates an archcheck.yaml. Every problem is reported at
// once; the error is an *Errors whose lines read "FILE:LINE:COL: message".
// filename is used in messages as given.
//
// The returned config's `./` patterns match nothing until Bind is called
// with the main module's path.
func Parse(filename string, data []byte) (*Config, error) {
	p := &parser{file: filename}
	cfg := p.parse(protectPlaceholders(data)) // templates.go
	if len(p.errs) > 0 {
		errs := p.errs
		sortErrors(errs)
		return nil, &errs
	}
	sum := sha256.Sum256(data)
	cfg.hash = hex.EncodeToString(sum[:])
	cfg.warnings = p.warns
	cfg.cache = newModCache()
	return cfg, nil
}

// parser collects every problem of one file.
type parser struct {
	file  string
	errs  Errors
	warns Errors

	// refs are module names used in depends_on/allow_sync, checked once
	// every module is known.
	refs []moduleRef

	inTemplate bool         // decoding a template: patterns may hold {name}
	curTmpl    *Template    // the template being decoded
	decl       []*declEntry // the modules mapping, in order
}

type moduleRef struct {
	from     *Module
	field    string
	name     string
	pos      Pos
	template bool // written in a template, where its own name stands for its other modules
}

func (p *parser) errorf(pos Pos, format string, args ...any) {
	p.errs = append(p.errs, &ConfigError{File: p.file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) warnf(pos Pos, format string, args ...any) {
	p.warns = append(p.warns, &ConfigError{File: p.file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func posOf(n *yaml.Node) Pos {
	if n == nil || n.Line == 0 {
		return Pos{1, 1}
	}
	return Pos{n.Line, max(n.Column, 1)}
}

// resolve follows aliases (`*name`) to the anchored node.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// describe names a node's type for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.DocumentNode:
		return "a document"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!bool":
			return "a boolean"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!str":
			return "a string"
		case "!!timestamp":
			return "a timestamp"
		}
		return "a scalar"
	}
	return "nothing"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

var (
	yamlLineRE   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlParserErrors are the messages of yaml.v3's parser (as opposed to its
// scanner). yaml.v3 reports their line 0-based (its scanner errors are
// 1-based), so syntaxError adds one.
var yamlParserErrors = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// syntaxError turns a yaml.v3 error ("yaml: line N: message") into a
// positioned error. The column is 1 since yaml.v3 does not give it, and for
// parser errors ("did not find expected key") yaml.v3's line is where the
// enclosing mapping or list starts, not where the problem was noticed.
func (p *parser) syntaxError(err error, data []byte) {
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	pos := Pos{1, 1}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if l, err := strconv.Atoi(m[1]); err == nil && l > 0 {
			pos.Line = l
			if slices.Contains(yamlParserErrors, msg) {
				pos.Line++
			}
		}
	} else if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		msg = strings.TrimPrefix(msg, "yaml: ")
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			line := bytes.LastIndexByte(data[:i], '\n')
			pos = Pos{bytes.Count(data[:i], []byte("\n")) + 1, i - line}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.errorf(pos, "invalid YAML: %s", msg)
}

func (p *parser) parse(data []byte) *Config {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(Pos{1, 1}, "empty config: it needs at least \"version: %d\" and some modules", SupportedVersion)
		} else {
			p.syntaxError(err, data)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		p.errorf(posOf(&extra), "a config holds a single YAML document; remove the \"---\" and what follows")
	case !errors.Is(err, io.EOF):
		p.syntaxError(err, data)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			p.errorf(Pos{1, 1}, "empty config: it needs at least \"version: %d\" and some modules", SupportedVersion)
			return nil
		}
		root = root.Content[0]
	}
	orig := root
	root = resolve(root)
	if isNull(root) {
		p.errorf(posOf(orig), "empty config: it needs at least \"version: %d\" and some modules", SupportedVersion)
		return nil
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(posOf(orig), "expected a mapping (version, modules, ...), got %s", describe(root))
		return nil
	}
	return p.config(root)
}

// config decodes the top-level mapping.
func (p *parser) config(root *yaml.Node) *Config {
	cfg := &Config{File: p.file, Severities: make(map[string]Severity, len(RuleIDs))}
	for _, id := range RuleIDs {
		cfg.Severities[id] = DefaultSeverity[id]
	}
	sawVersion, sawKinds := false, false
	p.mapping(root, "", topKeys, func(key string, k, v *yaml.Node) {
		switch key {
		case "version":
			sawVersion = true
			cfg.Version = p.version(v)
		case "modules":
			cfg.Modules = p.modules(v)
		case "events":
			cfg.Events = p.patterns(key, v)
		case "blocking":
			cfg.Blocking = p.blocking(v)
		case "sync_call_kinds":
			sawKinds = true
			cfg.SyncCallKinds = p.syncKinds(v)
		case "forbidden_imports":
			cfg.ForbiddenImports = p.patterns(key, v)
		case "exclude":
			cfg.Exclude = p.patterns(key, v)
		case "rules":
			p.severities(v, cfg.Severities)
		case "shared_tables":
			cfg.SharedTables = p.tablePatterns(key, v) // tables.go
		case "layers":
			cfg.Layers = p.layers(v) // layers.go
		case "closed":
			cfg.Closed = p.closed(v) // layers.go
		}
	})
	if !sawVersion {
		p.errorf(posOf(root), "missing \"version: %d\"", SupportedVersion)
	}
	if !sawKinds {
		cfg.SyncCallKinds = slices.Clone(DefaultSyncCallKinds)
	}
	p.checkTemplates(cfg) // templates.go
	p.checkLayers(cfg)    // layers.go
	p.checkRefs(cfg)
	p.checkDuplicatePatterns(cfg)
	p.checkTables(cfg, root) // tables.go
	return cfg
}

// mapping walks a mapping node in order, rejecting non-string keys,
// duplicate keys and (when valid is not nil) keys not in valid. where names
// the mapping in messages ("" for the top level).
func (p *parser) mapping(n *yaml.Node, where string, valid []string, fn func(key string, k, v *yaml.Node)) {
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		korig, v := n.Content[i], n.Content[i+1]
		k := resolve(korig)
		if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" || isNull(k) {
			if k.ShortTag() == "!!merge" {
				p.errorf(posOf(korig), "merge keys (<<) are not supported")
			} else {
				p.errorf(posOf(korig), "expected a string key, got %s", describe(k))
			}
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			p.errorf(posOf(korig), "duplicate key %q%s (first at line %d)", key, where, first.Line)
			continue
		}
		seen[key] = korig
		if valid != nil && !slices.Contains(valid, key) {
			p.errorf(posOf(korig), "unknown key %q%s%s; valid keys: %s", key, where, didYouMean(key, valid), strings.Join(valid, ", "))
			continue
		}
		fn(key, korig, v)
	}
}

func (p *parser) version(v *yaml.Node) int {
	n := resolve(v)
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		p.errorf(posOf(v), "version: expected an integer, got %s", describe(n))
		return 0
	}
	ver, err := strconv.Atoi(n.Value)
	if err != nil || ver != SupportedVersion {
		p.errorf(posOf(v), "unsupported version %s; supported: %d", n.Value, SupportedVersion)
		return 0
	}
	return ver
}

// strings decodes a list of strings; null is an empty list. It returns the
// item nodes for their positions.
func (p *parser) strings(field string, v *yaml.Node) ([]string, []*yaml.Node) {
	n := resolve(v)
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(posOf(v), "%s: expected a list of strings, got %s", field, describe(n))
		return nil, nil
	}
	vals := make([]string, 0, len(n.Content))
	nodes := make([]*yaml.Node, 0, len(n.Content))
	for _, item := range n.Content {
		s := resolve(item)
		if s.Kind != yaml.ScalarNode || isNull(s) {
			p.errorf(posOf(item), "%s: expected a string, got %s", field, describe(s))
			continue
		}
		vals = append(vals, restorePlaceholders(s.Value))
		nodes = append(nodes, item)
	}
	return vals, nodes
}

// patterns decodes and compiles a list of patterns.
func (p *parser) patterns(field string, v *yaml.Node) []Pattern {
	vals, nodes := p.strings(field, v)
	out := make([]Pattern, 0, len(vals))
	for i, raw := range vals {
		if strings.Contains(raw, "{") {
			if pat, ok := p.namePattern(field, raw, posOf(nodes[i])); ok { // templates.go
				out = append(out, pat)
			}
			continue
		}
		pat, err := CompilePattern(raw)
		if err != nil {
			p.errorf(posOf(nodes[i]), "%s", err)
			continue
		}
		pat.Pos = posOf(nodes[i])
		out = append(out, pat)
	}
	return out
}

// modules decodes the modules mapping, in declaration order.
func (p *parser) modules(v *yaml.Node) []*Module {
	n := resolve(v)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(posOf(v), "modules: expected a mapping of module names to modules, got %s", describe(n))
		return nil
	}
	var mods []*Module
	p.mapping(n, " in modules", nil, func(name string, k, v *yaml.Node) {
		if hasKey(v, "each") {
			p.decl = append(p.decl, &declEntry{tmpl: p.template(name, k, v)}) // templates.go
			return
		}
		m := p.module(name, k, v)
		p.decl = append(p.decl, &declEntry{mod: m})
		if !m.extra {
			mods = append(mods, m)
		}
	})
	return mods
}

// validModuleName reports whether name is [a-zA-Z0-9_-]+.
func validModuleName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// module decodes one module. It returns the module even when it has errors,
// so that references to it do not cascade into more errors.
func (p *parser) module(name string, k, v *yaml.Node) *Module {
	m := &Module{Name: name, Pos: posOf(k), layerIdx: -1, set: map[string]bool{}}
	switch {
	case name == "":
		p.errorf(m.Pos, "empty module name")
	case !validModuleName(name):
		p.errorf(m.Pos, "invalid module name %q: use ASCII letters, digits, '_' and '-'", name)
	}
	n := resolve(v)
	if isNull(n) {
		p.errorf(m.Pos, "module %q has no packages", name)
		return m
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(posOf(v), "module %q: expected a mapping (packages, depends_on, ...), got %s", name, describe(n))
		return m
	}
	where := fmt.Sprintf(" in module %q", name)
	p.mapping(n, where, moduleKeys, func(key string, k, v *yaml.Node) {
		m.set[key] = true
		p.moduleKey(m, key, k, v)
	})
	if len(m.Packages) == 0 && !p.hasErrorIn(n) {
		if m.set["packages"] {
			p.errorf(m.Pos, "module %q has no packages", name)
		} else {
			// An entry without packages adds keys to the module a template
			// expands to that name (checkTemplates, and Bind).
			m.extra = true
		}
	}
	return m
}

// moduleKey decodes the value v of one key of module m.
func (p *parser) moduleKey(m *Module, key string, k, v *yaml.Node) {
	switch key {
	case "packages":
		m.Packages = p.patterns(key, v)
	case "depends_on", "allow_sync":
		p.moduleRefs(m, key, v)
	case "public":
		p.modulePublic(m, v)
	case "shared":
		p.moduleShared(m, v)
	case "forbidden_imports":
		m.ForbiddenImports = p.patterns(key, v)
	case "tables", "reads":
		p.moduleTables(m, key, v) // tables.go
	case "layer":
		m.Layer, m.LayerPos = p.layerName(v) // layers.go
	case "each":
		p.each(v) // templates.go
	case "exclude_each":
		if p.curTmpl == nil {
			p.errorf(posOf(k), "module %q: exclude_each needs each (a template: each: ./dir/*)", m.Name)
			return
		}
		p.excludeEach(v) // templates.go
	}
}

// moduleRefs decodes depends_on or allow_sync (key) of module m: the
// module names, each also kept to be checked once every module is known.
func (p *parser) moduleRefs(m *Module, key string, v *yaml.Node) {
	names, nodes := p.strings(key, v)
	refs := make([]Ref, len(names))
	for i, ref := range names {
		p.refs = append(p.refs, moduleRef{from: m, field: key, name: ref, pos: posOf(nodes[i]), template: p.inTemplate})
		refs[i] = Ref{Name: ref, Pos: posOf(nodes[i]), Modules: []string{ref}}
	}
	if key == "depends_on" {
		m.DependsOn, m.DependsOnRefs, m.DependsOnSet = names, refs, true
	} else {
		m.AllowSync, m.AllowSyncRefs = names, refs
	}
}

// modulePublic decodes public: a list of patterns, possibly empty, never
// null.
func (p *parser) modulePublic(m *Module, v *yaml.Node) {
	if isNull(resolve(v)) {
		p.errorf(posOf(v), "public: expected a list of patterns, got null (write \"public: []\" for no public package, or omit the key to make every package public)")
		return
	}
	m.PublicSet = true
	m.Public = p.patterns("public", v)
	if m.Public == nil {
		m.Public = []Pattern{}
	}
}

// moduleShared decodes shared: a YAML boolean.
func (p *parser) moduleShared(m *Module, v *yaml.Node) {
	b := resolve(v)
	if b.Kind != yaml.ScalarNode || b.ShortTag() != "!!bool" {
		p.errorf(posOf(v), "shared: expected true or false, got %s", describe(b))
		return
	}
	m.Shared = b.Value == "true" || b.Value == "True" || b.Value == "TRUE"
}

// hasErrorIn reports whether a "packages" entry of the module mapping n had
// errors already (so "has no packages" would be noise).
func (p *parser) hasErrorIn(n *yaml.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Kind == yaml.ScalarNode && k.Value == "packages" {
			v := n.Content[i+1]
			rv := resolve(v)
			if rv.Kind != yaml.SequenceNode {
				return !isNull(rv)
			}
			return len(rv.Content) > 0
		}
	}
	return false
}

// checkRefs checks depends_on and allow_sync names against the modules.
func (p *parser) checkRefs(cfg *Config) {
	names := make([]string, 0, len(cfg.Modules))
	for _, m := range cfg.Modules {
		names = append(names, m.Name)
	}
	for _, r := range p.refs {
		switch {
		case r.name == r.from.Name && r.from.Template == "" && !r.template:
			p.warnf(r.pos, "module %q lists itself in %s (a module may always use itself)", r.name, r.field)
		case len(cfg.Templates) > 0:
			// Names of expanded modules are known once the templates
			// expand (Bind): checked there.
		case !slices.Contains(names, r.name):
			if s := didYouMean(r.name, names); s != "" {
				p.errorf(r.pos, "unknown module %q%s", r.name, s)
			} else if len(names) == 0 {
				p.errorf(r.pos, "unknown module %q (no module is declared)", r.name)
			} else {
				p.errorf(r.pos, "unknown module %q (declared: %s)", r.name, listNames(names, 10))
			}
		}
	}
}

// listNames joins names for a message, eliding all but the first max.
func listNames(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:max], ", "), len(names)-max)
}

// checkDuplicatePatterns rejects a pattern declared by two modules, and
// warns about one repeated within a module.
func (p *parser) checkDuplicatePatterns(cfg *Config) {
	owner := make(map[string]*Module)
	for _, m := range cfg.Modules {
		for _, pat := range m.Packages {
			switch first, ok := owner[pat.Raw]; {
			case !ok:
				owner[pat.Raw] = m
			case first == m:
				p.warnf(pat.Pos, "pattern %q is listed twice in module %q", pat.Raw, m.Name)
			default:
				p.errorf(pat.Pos, "pattern %q is already declared by module %q", pat.Raw, first.Name)
			}
		}
	}
}

// kindNames returns the kind names for messages.
func kindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

func (p *parser) kind(s string, pos Pos) (Kind, bool) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	names := kindNames()
	p.errorf(pos, "unknown blocking kind %q%s; valid kinds: %s", s, didYouMean(s, names), strings.Join(names, ", "))
	return "", false
}

// blocking decodes the blocking mapping: kind → list of specs.
func (p *parser) blocking(v *yaml.Node) []BlockingSpec {
	n := resolve(v)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(posOf(v), "blocking: expected a mapping of kinds (%s) to lists, got %s", strings.Join(kindNames(), ", "), describe(n))
		return nil
	}
	var out []BlockingSpec
	p.mapping(n, " in blocking", nil, func(key string, k, v *yaml.Node) {
		kind, ok := p.kind(key, posOf(k))
		vals, nodes := p.strings(key, v)
		if !ok {
			return
		}
		for i, raw := range vals {
			spec, err := ParseBlockingSpec(raw)
			if err != nil {
				p.errorf(posOf(nodes[i]), "%s", err)
				continue
			}
			spec.Kind = kind
			spec.Pos = posOf(nodes[i])
			out = append(out, spec)
		}
	})
	return out
}

// syncKinds decodes sync_call_kinds; an explicit empty list is kept empty
// (non-nil), so that it disables sync-call.
func (p *parser) syncKinds(v *yaml.Node) []Kind {
	if isNull(resolve(v)) {
		p.errorf(posOf(v), "sync_call_kinds: expected a list of kinds, got null (write \"sync_call_kinds: []\" for none, or omit the key for the default)")
		return []Kind{}
	}
	vals, nodes := p.strings("sync_call_kinds", v)
	out := []Kind{}
	for i, s := range vals {
		if k, ok := p.kind(s, posOf(nodes[i])); ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// severities decodes the rules mapping into sev.
func (p *parser) severities(v *yaml.Node, sev map[string]Severity) {
	n := resolve(v)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(posOf(v), "rules: expected a mapping of rule IDs to severities, got %s", describe(n))
		return
	}
	p.mapping(n, " in rules", nil, func(rule string, k, v *yaml.Node) {
		if !slices.Contains(RuleIDs, rule) {
			p.errorf(posOf(k), "unknown rule %q%s; valid rules: %s", rule, didYouMean(rule, RuleIDs), strings.Join(RuleIDs, ", "))
			return
		}
		s := resolve(v)
		if s.Kind != yaml.ScalarNode || isNull(s) {
			p.errorf(posOf(v), "rule %q: expected a severity (off, warn, error), got %s", rule, describe(s))
			return
		}
		level, ok := ParseSeverity(s.Value)
		if !ok {
			p.errorf(posOf(v), "invalid severity %q for rule %q; valid: off, warn, error", s.Value, rule)
			return
		}
		sev[rule] = level
	})
}
