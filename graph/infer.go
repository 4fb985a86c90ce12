package graph

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// ProposedModule is one module that Propose infers from the tree.
type ProposedModule struct {
	Name      string
	Packages  []string // config patterns, e.g. ./internal/checkout/...
	DependsOn []string // today's dependencies
}

// Proposal is a starting config inferred from the package tree.
type Proposal struct {
	Modules []ProposedModule
}

// containers are directories whose children are the domains.
var containers = map[string]bool{"internal": true, "pkg": true, "app": true, "domain": true, "modules": true, "services": true}

// Propose infers modules from the top-level domain folders of the main
// module: each child of internal/, pkg/ (and similar containers) is a module,
// as is each other top-level directory; the root package joins a module named
// after the module path. Dependencies are today's non-test imports, so the
// first check of the proposal passes the dependency rule.
func Propose(main *MainModule, pkgs []*Package) Proposal {
	owner := map[string]string{} // import path -> module name
	dirs := map[string]string{}  // module name -> directory pattern
	prefix := main.Path + "/"
	if main.Path == "std" {
		prefix = ""
	}
	for _, p := range pkgs {
		rel, ok := strings.CutPrefix(p.ImportPath, prefix)
		if p.ImportPath == main.Path {
			rel, ok = "", true
		}
		if !ok || (main.Path == "std" && !p.Standard) {
			continue
		}
		name, dir := domainOf(rel, main.Path)
		owner[p.ImportPath] = name
		dirs[name] = dir
	}
	deps := map[string]map[string]bool{}
	for _, p := range pkgs {
		from, ok := owner[p.ImportPath]
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			if to, ok := owner[imp]; ok && to != from {
				if deps[from] == nil {
					deps[from] = map[string]bool{}
				}
				deps[from][to] = true
			}
		}
	}
	var prop Proposal
	for name, dir := range dirs {
		m := ProposedModule{Name: name, Packages: []string{dir}}
		for d := range deps[name] {
			m.DependsOn = append(m.DependsOn, d)
		}
		sort.Strings(m.DependsOn)
		prop.Modules = append(prop.Modules, m)
	}
	sort.Slice(prop.Modules, func(i, j int) bool { return prop.Modules[i].Name < prop.Modules[j].Name })
	return prop
}

// domainOf names the module of a package directory relative to the root.
func domainOf(rel, modPath string) (name, pattern string) {
	if rel == "" {
		return sanitize(path.Base(modPath)), modPath
	}
	elems := strings.Split(rel, "/")
	if containers[elems[0]] && len(elems) > 1 {
		return sanitize(elems[1]), "./" + elems[0] + "/" + elems[1] + "/..."
	}
	return sanitize(elems[0]), "./" + elems[0] + "/..."
}

func sanitize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// YAML renders the proposal as an archcheck.yaml.
func (p Proposal) YAML() []byte {
	var b strings.Builder
	b.WriteString("# archcheck.yaml: module boundaries for archcheck (https://github.com/archcheck/archcheck).\n")
	b.WriteString("# Inferred from the tree as it is; depends_on lists today's dependencies, so the\n")
	b.WriteString("# first `archcheck check` passes. Tighten it from here.\nversion: 1\n\nmodules:\n")
	for _, m := range p.Modules {
		fmt.Fprintf(&b, "  %s:\n    packages: [%s]\n", m.Name, quoteList(m.Packages))
		if len(m.DependsOn) > 0 {
			fmt.Fprintf(&b, "    depends_on: [%s]\n", strings.Join(m.DependsOn, ", "))
		}
	}
	return []byte(b.String())
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
