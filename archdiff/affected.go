package archdiff

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"golang.org/x/mod/modfile"

	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/report"
)

// Why a package is affected.
const (
	ReasonChanged     = "changed"      // a file of its directory (or embedded, or under its testdata) changed
	ReasonRequirement = "requirement"  // it imports a dependency package of a module whose version go.mod/go.sum changed, or importing one (Via: that package)
	ReasonGoVersion   = "go-version"   // go.mod's go or toolchain line changed: every package
	ReasonImports     = "imports"      // it imports an affected package
	ReasonTestImports = "test-imports" // its tests import an affected package
)

// ListedPackage is one package of `go list -deps -test -json`, with the
// fields affected reads.
type ListedPackage struct {
	ImportPath      string
	Dir             string
	ForTest         string
	Standard        bool
	Module          *ListedModule
	Imports         []string
	TestImports     []string
	XTestImports    []string
	EmbedFiles      []string
	TestEmbedFiles  []string
	XTestEmbedFiles []string
}

// ListedModule is a listed package's module.
type ListedModule struct {
	Path, Version string
	Main          bool
	GoMod         string // the main module's go.mod file
}

// listFields are the fields asked of go list: only these, so that it does
// no more work than the listing needs (no build-cache staleness, no
// compiled file lists).
const listFields = "ImportPath,Dir,ForTest,Standard,Module,Imports,TestImports,XTestImports,EmbedFiles,TestEmbedFiles,XTestEmbedFiles"

// ListDeps runs `go list -e -deps -test` once over patterns in dir and
// returns the packages, test variants left out (their imports are the
// package's TestImports and XTestImports).
func ListDeps(ctx context.Context, dir string, tags, patterns []string) ([]*ListedPackage, error) {
	args := []string{"list", "-e", "-deps", "-test", "-json=" + listFields}
	if len(tags) > 0 {
		args = append(args, "-tags="+strings.Join(tags, ","))
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	args = append(args, "--")
	args = append(args, patterns...)
	out, _, err := gocmd.Run(ctx, dir, nil, args...)
	if err != nil {
		return nil, err
	}
	var pkgs []*ListedPackage
	dec := json.NewDecoder(bufio.NewReader(out))
	for {
		p := new(ListedPackage)
		if err := dec.Decode(p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		if p.ForTest != "" || strings.Contains(p.ImportPath, " [") {
			continue // a test variant
		}
		pkgs = append(pkgs, p)
	}
	// The test mains ("p.test", in p's directory) are not packages to test.
	dirOf := map[string]string{}
	for _, p := range pkgs {
		dirOf[p.ImportPath] = p.Dir
	}
	return slices.DeleteFunc(pkgs, func(p *ListedPackage) bool {
		base, ok := strings.CutSuffix(p.ImportPath, ".test")
		return ok && p.Dir != "" && dirOf[base] == p.Dir
	}), nil
}

// GoModChange is what changed in the main module's go.mod and go.sum.
type GoModChange struct {
	// GoLine is "go 1.22 → go 1.23" (or the toolchain line's change), ""
	// when neither changed: a change there affects every package.
	GoLine string
	// Modules are the required modules whose version (after replace) or
	// go.sum hash changed, with their versions before and after ("" when
	// absent on that side), by path.
	Modules []ModuleVersionChange
}

// ModuleVersionChange is one required module's version before and after.
type ModuleVersionChange struct {
	Path          string
	Before, After string
}

// CompareGoMod compares two versions of go.mod and go.sum (nil: absent).
// A go.mod that does not parse counts as a change of its go line.
func CompareGoMod(oldMod, newMod, oldSum, newSum []byte) GoModChange {
	var c GoModChange
	o, err1 := modfile.Parse("go.mod", oldMod, nil)
	n, err2 := modfile.Parse("go.mod", newMod, nil)
	if err1 != nil || err2 != nil {
		c.GoLine = "go.mod does not parse"
		return c
	}
	goLine := func(f *modfile.File) string {
		s := ""
		if f.Go != nil {
			s = "go " + f.Go.Version
		}
		if f.Toolchain != nil {
			s += ", toolchain " + f.Toolchain.Name
		}
		return s
	}
	if a, b := goLine(o), goLine(n); a != b {
		c.GoLine = fmt.Sprintf("%s → %s", cmp.Or(a, "none"), cmp.Or(b, "none"))
	}
	before, after := effectiveVersions(o), effectiveVersions(n)
	changed := map[string]bool{}
	for p, v := range after {
		if before[p] != v {
			changed[p] = true
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			changed[p] = true
		}
	}
	// go.sum: a module version whose hash differs between the sides.
	sb, sa := sumHashes(oldSum), sumHashes(newSum)
	for k, h := range sa {
		if old, ok := sb[k]; ok && old != h {
			changed[strings.Fields(k)[0]] = true
		}
	}
	for p := range changed {
		c.Modules = append(c.Modules, ModuleVersionChange{Path: p, Before: before[p], After: after[p]})
	}
	slices.SortFunc(c.Modules, func(a, b ModuleVersionChange) int { return strings.Compare(a.Path, b.Path) })
	return c
}

// effectiveVersions maps each required module to the version the build
// uses: its required version, or its replacement ("=> path version" or
// "=> ../dir").
func effectiveVersions(f *modfile.File) map[string]string {
	m := map[string]string{}
	for _, r := range f.Require {
		m[r.Mod.Path] = r.Mod.Version
	}
	for _, r := range f.Replace {
		if _, ok := m[r.Old.Path]; !ok {
			continue
		}
		if r.Old.Version != "" && r.Old.Version != m[r.Old.Path] {
			continue
		}
		m[r.Old.Path] = "=> " + strings.TrimSpace(r.New.Path+" "+r.New.Version)
	}
	return m
}

// sumHashes maps "path version" to its module hash in a go.sum.
func sumHashes(data []byte) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || strings.HasSuffix(f[1], "/go.mod") {
			continue
		}
		m[f[0]+" "+f[1]] = f[2]
	}
	return m
}

// AffectedInput is what Affected works from.
type AffectedInput struct {
	Packages []*ListedPackage // ListDeps of the working tree
	Top      string           // the checkout's top directory, as go list names the directories below it
	Changed  []string         // changed files, relative to Top, slash-separated
	// Skip are changed files that count for no package: go.mod, go.sum
	// (GoMod says what changed in them) and archcheck.yaml.
	Skip  map[string]bool
	GoMod GoModChange
}

// AffectedPackage is one package of the main module that a change affects.
type AffectedPackage struct {
	Path   string
	Reason string // a Reason* constant
	// Via is what makes it affected: the changed file (the first, for
	// ReasonChanged), the required module, the go line's change, or the
	// affected package it imports.
	Via string
}

// Affected returns the main module's packages the change affects, by
// import path: those with a changed file in their directory (embedded
// files, and anything under a testdata directory, count for their package),
// those importing a module whose version changed, every package when the
// go line changed, and every package importing an affected one,
// transitively, through test imports too.
func Affected(in AffectedInput) []AffectedPackage {
	idx := indexPackages(in.Packages)
	set := &affectedSet{why: map[string]AffectedPackage{}}
	set.seed(in, idx)
	set.spread(in.Packages, idx.byPath)
	set.testImporters(idx.mains)
	var out []AffectedPackage
	for _, p := range idx.mains {
		if a, ok := set.why[p.ImportPath]; ok {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b AffectedPackage) int { return strings.Compare(a.Path, b.Path) })
	return slices.CompactFunc(out, func(a, b AffectedPackage) bool { return a.Path == b.Path })
}

// packageIndex finds the listed packages by import path, by directory and
// by embedded file (the main module's), and lists the main module's.
type packageIndex struct {
	byPath   map[string]*ListedPackage
	byDir    map[string][]*ListedPackage
	embedded map[string]*ListedPackage
	mains    []*ListedPackage
}

func indexPackages(pkgs []*ListedPackage) *packageIndex {
	idx := &packageIndex{byPath: map[string]*ListedPackage{}, byDir: map[string][]*ListedPackage{}, embedded: map[string]*ListedPackage{}}
	for _, p := range pkgs {
		idx.byPath[p.ImportPath] = p
		if p.Dir == "" || p.Standard {
			continue
		}
		idx.byDir[p.Dir] = append(idx.byDir[p.Dir], p)
		if p.Module != nil && p.Module.Main {
			idx.mains = append(idx.mains, p)
			for _, f := range slices.Concat(p.EmbedFiles, p.TestEmbedFiles, p.XTestEmbedFiles) {
				idx.embedded[filepath.Join(p.Dir, f)] = p
			}
		}
	}
	return idx
}

// affectedSet is the packages found affected so far, each with the first
// reason found, and the queue of those whose importers are still to mark.
type affectedSet struct {
	why   map[string]AffectedPackage
	queue []string
}

func (s *affectedSet) mark(p *ListedPackage, reason, via string) {
	if _, ok := s.why[p.ImportPath]; ok {
		return
	}
	s.why[p.ImportPath] = AffectedPackage{Path: p.ImportPath, Reason: reason, Via: via}
	s.queue = append(s.queue, p.ImportPath)
}

// seed marks what the change touches directly: every main-module package
// when the go line changed, the owners of each changed file, and the
// packages of each required module whose version changed.
func (s *affectedSet) seed(in AffectedInput, idx *packageIndex) {
	if in.GoMod.GoLine != "" {
		for _, p := range idx.mains {
			s.mark(p, ReasonGoVersion, in.GoMod.GoLine)
		}
	}
	for _, name := range in.Changed {
		if in.Skip[name] {
			continue
		}
		abs := filepath.Join(in.Top, filepath.FromSlash(name))
		for _, p := range ownersOf(abs, name, in.Top, idx.byDir, idx.embedded) {
			s.mark(p, ReasonChanged, name)
		}
	}
	if len(in.GoMod.Modules) > 0 {
		changed := map[string]string{}
		for _, m := range in.GoMod.Modules {
			changed[m.Path] = m.Path
		}
		for _, p := range in.Packages {
			if p.Module != nil && !p.Module.Main && changed[p.Module.Path] != "" {
				s.mark(p, ReasonRequirement, p.Module.Path)
			}
		}
	}
}

// spread marks the importers of the affected packages, breadth first over
// non-test imports: the packages whose build the change reaches.
func (s *affectedSet) spread(pkgs []*ListedPackage, byPath map[string]*ListedPackage) {
	importers := map[string][]string{}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			importers[imp] = append(importers[imp], p.ImportPath)
		}
	}
	for _, list := range importers {
		slices.Sort(list)
	}
	for len(s.queue) > 0 {
		cur := s.queue[0]
		s.queue = s.queue[1:]
		reason := ReasonImports
		if p := byPath[cur]; p.Module == nil || !p.Module.Main {
			reason = ReasonRequirement // it imports a dependency the go.mod change reaches
		}
		for _, imp := range importers[cur] {
			s.mark(byPath[imp], reason, cur)
		}
	}
}

// testImporters marks the main-module packages whose tests import an
// affected package.
func (s *affectedSet) testImporters(mains []*ListedPackage) {
	for _, p := range mains {
		if _, ok := s.why[p.ImportPath]; ok {
			continue
		}
		tests := slices.Concat(p.TestImports, p.XTestImports)
		slices.Sort(tests)
		for _, imp := range tests {
			if _, ok := s.why[imp]; ok && imp != p.ImportPath {
				s.why[p.ImportPath] = AffectedPackage{Path: p.ImportPath, Reason: ReasonTestImports, Via: imp}
				break
			}
		}
	}
}

// ownersOf returns the packages a changed file counts for: the packages
// of its directory; else the package embedding it; else, under a testdata
// directory, the package of the directory holding the outermost testdata.
func ownersOf(abs, rel, top string, byDir map[string][]*ListedPackage, embedded map[string]*ListedPackage) []*ListedPackage {
	if ps := byDir[filepath.Dir(abs)]; len(ps) > 0 {
		return ps
	}
	if p := embedded[abs]; p != nil {
		return []*ListedPackage{p}
	}
	elems := strings.Split(rel, "/")
	if i := slices.Index(elems, "testdata"); i >= 0 {
		return byDir[filepath.Join(top, filepath.FromSlash(strings.Join(elems[:i], "/")))]
	}
	return nil
}

// AffectedReport is the result of `archcheck affected`.
type AffectedReport struct {
	BaseRef, BaseCommit string
	Changed             []string // files, relative to the checkout's top
	ConfigChanged       bool
	GoMod               GoModChange
	Packages            []AffectedPackage
	Modules             []AffectedModule // declaration order; empty without archcheck.yaml
}

// AffectedModule is an archcheck module with an affected package.
type AffectedModule struct {
	Name     string
	Changed  bool // one of its packages has a changed file (or go.mod changed under it)
	Packages int  // its affected packages
}

// WriteAffectedPackages writes one import path a line (for
// `go test $(archcheck affected --format packages)`), nothing when nothing
// is affected.
func WriteAffectedPackages(w io.Writer, r *AffectedReport) error {
	var b bytes.Buffer
	for _, p := range r.Packages {
		b.WriteString(p.Path + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteAffectedText writes the affected modules and packages, each with
// why.
func WriteAffectedText(w io.Writer, r *AffectedReport) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "archcheck affected: %s (merge base %s) → working tree: %s changed, %s affected\n",
		r.BaseRef, short(r.BaseCommit), countOf(len(r.Changed), "file", "files"), countOf(len(r.Packages), "package", "packages"))
	if r.ConfigChanged {
		b.WriteString("archcheck.yaml changed: module boundaries and rules may differ from the base's (run archcheck check on the whole tree).\n")
	}
	if r.GoMod.GoLine != "" {
		fmt.Fprintf(&b, "go.mod: %s: every package is affected.\n", r.GoMod.GoLine)
	}
	for _, m := range r.GoMod.Modules {
		if m.Before == m.After {
			fmt.Fprintf(&b, "go.sum: %s %s: its hash changed\n", m.Path, m.After)
			continue
		}
		fmt.Fprintf(&b, "go.mod: %s %s → %s\n", m.Path, cmp.Or(m.Before, "(none)"), cmp.Or(m.After, "(none)"))
	}
	if len(r.Modules) > 0 {
		b.WriteString("\nModules:\n")
		for _, m := range r.Modules {
			note := ""
			if m.Changed {
				note = ", changed"
			}
			fmt.Fprintf(&b, "  %s (%s%s)\n", m.Name, countOf(m.Packages, "package", "packages"), note)
		}
	}
	if len(r.Packages) > 0 {
		b.WriteString("\nPackages:\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, p := range r.Packages {
			fmt.Fprintf(tw, "  %s\t%s\n", p.Path, reasonText(p))
		}
		tw.Flush()
	}
	_, err := w.Write(b.Bytes())
	return err
}

func reasonText(p AffectedPackage) string {
	switch p.Reason {
	case ReasonChanged:
		return "changed: " + p.Via
	case ReasonRequirement:
		return "imports " + p.Via + ", which go.mod's change reaches"
	case ReasonGoVersion:
		return "go.mod: " + p.Via
	case ReasonImports:
		return "imports " + p.Via
	case ReasonTestImports:
		return "tests import " + p.Via
	}
	return p.Reason
}

type jsonAffected struct {
	Version       string                `json:"version"`
	Schema        int                   `json:"schema"`
	Base          jsonBase              `json:"base"`
	ConfigChanged bool                  `json:"config_changed"`
	GoLine        string                `json:"go_line_changed,omitempty"`
	Requirements  []jsonRequirement     `json:"requirements_changed"`
	Changed       []string              `json:"changed_files"`
	Modules       []jsonAffectedModule  `json:"modules"`
	Packages      []jsonAffectedPackage `json:"packages"`
}

type jsonRequirement struct {
	Path   string `json:"path"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

type jsonAffectedModule struct {
	Name     string `json:"name"`
	Changed  bool   `json:"changed"`
	Packages int    `json:"packages"`
}

type jsonAffectedPackage struct {
	Path   string `json:"path"`
	Module string `json:"module,omitempty"`
	Reason string `json:"reason"`
	Via    string `json:"via"`
}

// WriteAffectedJSON writes the `affected --format json` document; module
// gives a package's archcheck module ("" for none).
func WriteAffectedJSON(w io.Writer, version string, r *AffectedReport, module func(string) string) error {
	doc := jsonAffected{Version: version, Schema: report.Schema, Base: jsonBase{r.BaseRef, r.BaseCommit},
		ConfigChanged: r.ConfigChanged, GoLine: r.GoMod.GoLine, Requirements: []jsonRequirement{},
		Changed: append([]string{}, r.Changed...), Modules: []jsonAffectedModule{}, Packages: []jsonAffectedPackage{}}
	for _, m := range r.GoMod.Modules {
		doc.Requirements = append(doc.Requirements, jsonRequirement(m))
	}
	for _, m := range r.Modules {
		doc.Modules = append(doc.Modules, jsonAffectedModule(m))
	}
	for _, p := range r.Packages {
		doc.Packages = append(doc.Packages, jsonAffectedPackage{Path: p.Path, Module: module(p.Path), Reason: p.Reason, Via: p.Via})
	}
	return report.EncodeJSON(w, doc)
}
