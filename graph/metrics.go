package graph

import (
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/catalog"
	"github.com/archcheck/archcheck/rules"
)

// TableUse is one SQL table that a function of a package reads or writes,
// as the sqltables analyzer found it in a query string.
type TableUse struct {
	Package string
	Func    string // fully qualified function holding the query
	Table   string // lower case, schema-qualified when the query was
	Write   bool
	DDL     bool   // CREATE, ALTER or DROP TABLE (Write is set too)
	File    string // relative to the main module root
	Line    int
	Column  int
}

// SharedTable is a table a module uses that another module uses too, where
// at least one of the two writes it: a contested table blocks a split.
type SharedTable struct {
	Table  string
	Write  bool     // the module writes it
	Others []string // the other modules using it, in declaration order
	// OthersWrite lists the subset of Others that write it.
	OthersWrite []string
}

// Coupling is one module's coupling numbers: the single computation that
// graph (the edges' blocking_calls), suggest, impact and the report's panel
// all show (SPEC "One set of numbers"; docs/suggest.md).
//
//   - A dependency of module A on module B is an import of a package of B
//     by a non-test file of A, or a synchronous call site of A into B. An
//     import of an event seam (a package of the config's events) and a
//     publish are never dependencies: the seam is how modules avoid one.
//   - Ca counts the other modules depending on it (shared ones included).
//     Ce counts the modules it depends on, shared modules left out (listed
//     in UsesShared): a shared module is a library an extracted service
//     keeps. I = Ce / (Ca + Ce), 0 with neither.
//   - Call counts are the call sites of the sync-call analysis between the
//     two modules in the default mode with every kind enabled, allow_sync
//     and shared ignored, publishes left out: exactly the edges' calls and
//     blocking_calls. Inbound counts every other module's calls into it;
//     outbound its calls into other non-shared modules.
type Coupling struct {
	Module string
	Shared bool

	Afferent    int      // Ca: other modules that depend on it (shared ones included)
	Efferent    int      // Ce: other modules it depends on, shared ones left out
	Importers   []string // the Ca modules, declaration order
	Imports     []string // the Ce modules, declaration order
	UsesShared  []string // shared modules it depends on
	Instability float64  // Ce / (Ca + Ce); 0 with no edges

	InboundCalls          int // call sites of other modules into it
	InboundBlockingCalls  int // of those, callees that can block (any kind)
	OutboundCalls         int // its call sites into other non-shared modules
	OutboundBlockingCalls int // of those, blocking ones
	Publishes             int // its calls into an event seam
}

// ComputeCoupling measures every declared module's coupling, in
// declaration order, from the module edges (Build and AddCalls): the one
// computation behind every view's Ca, Ce, I and call counts.
func ComputeCoupling(g *Graph) []*Coupling {
	out := make([]*Coupling, 0, len(g.Modules))
	byName := map[string]*Coupling{}
	for _, name := range g.Modules {
		c := &Coupling{Module: name, Shared: !g.CouplingTo(name)}
		byName[name] = c
		out = append(out, c)
	}
	importers := map[string]map[string]bool{}
	imports := map[string]map[string]bool{}
	shared := map[string]map[string]bool{}
	for _, e := range g.ModEdges {
		from, to := byName[e.From], byName[e.To]
		if from == nil {
			continue
		}
		from.Publishes += e.Publishes
		if to == nil || !g.dependency(e) {
			continue
		}
		to.InboundCalls += e.Calls
		to.InboundBlockingCalls += e.BlockingCalls
		addTo(importers, e.To, e.From)
		if to.Shared {
			addTo(shared, e.From, e.To)
			continue
		}
		from.OutboundCalls += e.Calls
		from.OutboundBlockingCalls += e.BlockingCalls
		addTo(imports, e.From, e.To)
	}
	for _, c := range out {
		c.Importers = g.declOrder(importers[c.Module])
		c.Imports = g.declOrder(imports[c.Module])
		c.UsesShared = g.declOrder(shared[c.Module])
		c.Afferent, c.Efferent = len(c.Importers), len(c.Imports)
		if c.Afferent+c.Efferent > 0 {
			c.Instability = float64(c.Efferent) / float64(c.Afferent+c.Efferent)
		}
	}
	return out
}

// dependency reports whether a module edge is a dependency (Coupling):
// a call site, or an import of a package that is not an event seam.
func (g *Graph) dependency(e *ModEdge) bool {
	if e.Calls > 0 {
		return true
	}
	for _, p := range e.Pairs {
		if !g.Config.IsEvent(p.To) {
			return true
		}
	}
	return false
}

// Metrics are one module's coupling, size and ownership measures: the
// inputs of the extraction score (docs/suggest.md).
type Metrics struct {
	Coupling
	// Program is set when every package of the module is a main package,
	// or it has one and no other module depends on it: a composition root
	// that wires the others, not a domain.
	Program bool
	// TestSupport is set when no other module depends on it but other
	// modules' tests import it: a test helper, not a domain.
	TestSupport bool
	TestUsers   []string // the modules whose tests import it, declaration order
	// Generated is set when every non-test Go file of the module says it is
	// generated ("// Code generated ... DO NOT EDIT."): protobuf stubs, API
	// docs, mocks; they move with what they are generated from.
	Generated bool

	Packages int
	Lines    int // non-blank lines of non-test files

	Abstractness float64 // interface types / named types; 0 with none
	Distance     float64 // |A + I - 1|, Martin's distance from the main sequence

	Callers     []string // modules calling it, declaration order
	CallerFuncs int      // distinct functions of other modules calling it
	APIUsed     []string // its functions called from other modules, sorted
	LeakedTypes []string // its types in other modules' exported signatures, sorted
	LeakedInto  []string // the modules whose signatures hold them

	BlockingIO []rules.Kind // kinds of blocking I/O its own code performs
	// IOCalls are the blocking client functions its own code uses
	// ("net/smtp.SendMail"; exec.LookPath is not one), sorted.
	IOCalls []string

	InCycle   bool
	CycleWith []string // the other members of its module cycle

	InternalEdges int     // package imports inside the module
	ExternalEdges int     // package imports across its boundary (both ways)
	Cohesion      float64 // (internal+1) / (internal+external+1)

	TablesRead    []string
	TablesWritten []string
	SharedTables  []SharedTable

	// Changes is its change history; nil without one (Rank).
	Changes *ChangeStats
}

// ComputeMetrics measures every declared module, in declaration order.
// tables may be nil (no SQL found, or not analysed). Source files are read
// for sizes, abstractness and leaked types; a file that cannot be read or
// parsed is skipped.
func ComputeMetrics(g *Graph, tables []TableUse) []*Metrics {
	byName := map[string]*Metrics{}
	var out []*Metrics
	for _, c := range ComputeCoupling(g) {
		m := &Metrics{Coupling: *c}
		byName[c.Module] = m
		out = append(out, m)
	}
	g.importMetrics(byName)
	g.callMetrics(byName)
	g.cycleMetrics(byName)
	src := scanSources(g)
	for _, m := range out {
		s := src.modules[m.Module]
		if s == nil {
			continue
		}
		m.Lines = s.lines
		m.Generated = s.files > 0 && s.generated == s.files
		if s.types > 0 {
			m.Abstractness = float64(s.interfaces) / float64(s.types)
		}
		m.LeakedTypes = sortedKeys(s.leaked)
		m.LeakedInto = g.declOrder(s.leakedInto)
		for fn := range s.io {
			if !slices.Contains(m.IOCalls, fn) {
				m.IOCalls = append(m.IOCalls, fn)
			}
		}
		sort.Strings(m.IOCalls)
		for _, fn := range m.IOCalls {
			if k := ioFuncs[FuncPackage(fn)].Kind; k != "" && !slices.Contains(m.BlockingIO, k) {
				m.BlockingIO = append(m.BlockingIO, k)
			}
		}
		slices.SortFunc(m.BlockingIO, func(a, b rules.Kind) int { return KindIndex(a) - KindIndex(b) })
	}
	tableMetrics(g, byName, tables)
	for _, m := range out {
		m.Distance = abs(m.Abstractness + m.Instability - 1)
		m.Cohesion = float64(m.InternalEdges+1) / float64(m.InternalEdges+m.ExternalEdges+1)
	}
	return out
}

// CouplingTo reports whether a dependency on module to counts as coupling.
func (g *Graph) CouplingTo(to string) bool {
	mod := g.Config.Module(to)
	return mod == nil || !mod.Shared
}

// importMetrics fills what the import graph says of each module: its
// packages, the I/O its imports mean, its internal and external edges,
// the modules whose tests use it, and whether it is a program or test
// support.
func (g *Graph) importMetrics(byName map[string]*Metrics) {
	mains := g.packageMetrics(byName)
	g.edgeMetrics(byName)
	testUsers := g.testUsers()
	for name, m := range byName {
		m.TestUsers = g.declOrder(testUsers[name])
		m.TestSupport = m.Afferent == 0 && len(m.TestUsers) > 0 && mains[name] == 0
		// A program: main packages only, or a main package and nothing
		// depending on it (a composition root with its wiring packages).
		m.Program = m.Packages > 0 && (mains[name] == m.Packages || mains[name] > 0 && m.Afferent == 0)
	}
}

// packageMetrics counts each module's packages and the blocking I/O its
// imports mean (catalog.IOImportKind), and returns its main packages'
// count.
func (g *Graph) packageMetrics(byName map[string]*Metrics) (mains map[string]int) {
	mains = map[string]int{}
	for _, p := range g.Packages {
		m := byName[g.Module[p.ImportPath]]
		if m == nil {
			continue
		}
		m.Packages++
		if p.Name == "main" {
			mains[m.Module]++
		}
		for _, imp := range p.Imports {
			if k, ok := catalog.IOImportKind(imp); ok && !slices.Contains(m.BlockingIO, k) {
				m.BlockingIO = append(m.BlockingIO, k)
			}
		}
	}
	return mains
}

// edgeMetrics counts the package imports inside each module and across its
// boundary; an import of a shared module counts for the imported side
// only.
func (g *Graph) edgeMetrics(byName map[string]*Metrics) {
	for _, e := range g.PkgEdges {
		from, to := g.Module[e.From], g.Module[e.To]
		if from == "" || to == "" {
			continue
		}
		if from == to {
			byName[from].InternalEdges++
			continue
		}
		byName[to].ExternalEdges++
		if g.CouplingTo(to) {
			byName[from].ExternalEdges++
		}
	}
}

// testUsers maps each module to the other modules whose tests import it.
func (g *Graph) testUsers() map[string]map[string]bool {
	users := map[string]map[string]bool{}
	for _, p := range g.Packages {
		from := g.Module[p.ImportPath]
		for _, imps := range [][]string{p.TestImports, p.XTestImports} {
			for _, imp := range imps {
				if to := g.Module[imp]; to != "" && from != "" && to != from {
					addTo(users, to, from)
				}
			}
		}
	}
	return users
}

func (g *Graph) callMetrics(byName map[string]*Metrics) {
	callers := map[string]map[string]bool{}
	callerFuncs := map[string]map[string]bool{}
	api := map[string]map[string]bool{}
	for _, c := range g.Calls {
		from, to := byName[c.FromModule], byName[c.ToModule]
		if from == nil || c.FromModule == c.ToModule {
			continue
		}
		if c.Publish || to == nil {
			continue
		}
		addTo(callers, c.ToModule, c.FromModule)
		addTo(callerFuncs, c.ToModule, c.Caller)
		addTo(api, c.ToModule, c.Callee)
		// The I/O at the end of a chain belongs to the module of the last
		// function of the main module on it: the one performing it, or
		// calling the client (a dependency) that does.
		for _, k := range c.Kinds {
			if owner := byName[g.Module[g.lastMainFunc(c.Chains[k])]]; owner != nil && k != rules.KindSleep && !slices.Contains(owner.BlockingIO, k) {
				owner.BlockingIO = append(owner.BlockingIO, k)
			}
		}
	}
	// The typed call sites say it directly: a blocking call out of the
	// main module (into a client library, the standard library's or a
	// third party's) is I/O of the caller's module.
	io := map[string]map[string]bool{}
	for _, c := range g.Sites {
		owner := byName[c.FromModule]
		if owner == nil || g.Index[c.ToPkg] != nil || c.Publish {
			continue
		}
		for _, k := range c.Kinds {
			if k == rules.KindSleep {
				continue
			}
			if !slices.Contains(owner.BlockingIO, k) {
				owner.BlockingIO = append(owner.BlockingIO, k)
			}
			addTo(io, c.FromModule, c.Callee)
		}
	}
	for name, m := range byName {
		m.Callers = g.declOrder(callers[name])
		m.CallerFuncs = len(callerFuncs[name])
		m.APIUsed = sortedKeys(api[name])
		m.IOCalls = sortedKeys(io[name])
		slices.SortFunc(m.BlockingIO, func(a, b rules.Kind) int { return KindIndex(a) - KindIndex(b) })
	}
}

// KindIndex is k's index in rules.Kinds (len(rules.Kinds) when absent), the
// order kinds are listed in.
func KindIndex(k rules.Kind) int {
	if i := slices.Index(rules.Kinds, k); i >= 0 {
		return i
	}
	return len(rules.Kinds)
}

func (g *Graph) cycleMetrics(byName map[string]*Metrics) {
	for _, cy := range g.Cycles() {
		for _, name := range cy.Members {
			m := byName[name]
			m.InCycle = true
			for _, o := range cy.Members {
				if o != name {
					m.CycleWith = append(m.CycleWith, o)
				}
			}
		}
	}
}

// tableMetrics fills the tables each module reads and writes and the
// contested ones: used by another module too, with a write on either side.
func tableMetrics(g *Graph, byName map[string]*Metrics, tables []TableUse) {
	reads := map[string]map[string]bool{}  // table -> modules reading
	writes := map[string]map[string]bool{} // table -> modules writing
	for _, t := range tables {
		mod := g.Module[t.Package]
		if byName[mod] == nil {
			continue
		}
		set := reads
		if t.Write {
			set = writes
		}
		if set[t.Table] == nil {
			set[t.Table] = map[string]bool{}
		}
		set[t.Table][mod] = true
	}
	for table, ms := range reads {
		for mod := range ms {
			if !writes[table][mod] {
				byName[mod].TablesRead = append(byName[mod].TablesRead, table)
			}
		}
	}
	for table, ms := range writes {
		for mod := range ms {
			byName[mod].TablesWritten = append(byName[mod].TablesWritten, table)
		}
	}
	for _, m := range byName {
		sort.Strings(m.TablesRead)
		sort.Strings(m.TablesWritten)
		for _, table := range append(slices.Clone(m.TablesWritten), m.TablesRead...) {
			st := SharedTable{Table: table, Write: writes[table][m.Module]}
			users := map[string]bool{}
			for o := range reads[table] {
				users[o] = true
			}
			for o := range writes[table] {
				users[o] = true
			}
			delete(users, m.Module)
			st.Others = g.declOrder(users)
			for _, o := range st.Others {
				if writes[table][o] {
					st.OthersWrite = append(st.OthersWrite, o)
				}
			}
			if len(st.Others) > 0 && (st.Write || len(st.OthersWrite) > 0) {
				m.SharedTables = append(m.SharedTables, st)
			}
		}
		sort.Slice(m.SharedTables, func(i, j int) bool { return m.SharedTables[i].Table < m.SharedTables[j].Table })
	}
}

// declOrder returns the set's module names in declaration order (unknown
// names last, sorted).
func (g *Graph) declOrder(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	order := g.ModuleOrder()
	out := sortedKeys(set)
	sort.SliceStable(out, func(i, j int) bool {
		oi, ok := order[out[i]]
		if !ok {
			oi = len(order)
		}
		oj, ok := order[out[j]]
		if !ok {
			oj = len(order)
		}
		return oi < oj
	})
	return out
}

// addTo adds v to the set under k.
func addTo(sets map[string]map[string]bool, k, v string) {
	if sets[k] == nil {
		sets[k] = map[string]bool{}
	}
	sets[k][v] = true
}

func sortedKeys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// lastMainFunc returns the package of the last function of a chain that
// is in a listed package of the main module ("" for none).
func (g *Graph) lastMainFunc(chain []string) string {
	for i := len(chain) - 1; i >= 0; i-- {
		if p := FuncPackage(chain[i]); g.Index[p] != nil {
			return p
		}
	}
	return ""
}

// FuncPackage returns the package path of a fully qualified function name
// as the sync-call chains spell them: `example.com/x.F`,
// `(*example.com/x.T).M`, `example.com/x.T.M`, `(example.com/x.T).M`.
// For a name without a package it returns "".
func FuncPackage(name string) string {
	if strings.HasPrefix(name, "(") {
		end := strings.IndexByte(name, ')')
		if end < 0 {
			return ""
		}
		inner := strings.TrimPrefix(name[1:end], "*")
		if dot := strings.LastIndexByte(inner, '.'); dot > strings.LastIndexByte(inner, '/') {
			return inner[:dot]
		}
		return ""
	}
	slash := strings.LastIndexByte(name, '/')
	parts := strings.Split(name[slash+1:], ".")
	if len(parts) < 2 {
		return ""
	}
	n := 1
	for n < len(parts)-1 && isVersionElem(parts[n]) {
		n++ // gopkg.in/yaml.v3.Unmarshal
	}
	return name[:slash+1] + strings.Join(parts[:n], ".")
}

func isVersionElem(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ShortFunc shortens a fully qualified function name to the package's
// default import name: `(*example.com/x/mailer.Mailer).Send` →
// `(*mailer.Mailer).Send`, `(*github.com/ory/pop/v6.Connection).RawQuery`
// → `(*pop.Connection).RawQuery` (not `v6`), as check's messages name it.
func ShortFunc(name string) string { return ShortFuncNamed(name, nil) }

// ShortFuncNamed is ShortFunc with the package names the analysis saw
// (Graph.PkgNames): a package whose name is not its path's default import
// name is shortened to its name, as check's messages name it
// (`github.com/ory/hydra-client-go/v2.OAuth2API` → `client.OAuth2API`).
func ShortFuncNamed(name string, names map[string]string) string {
	pkg := FuncPackage(name)
	if pkg == "" {
		return name
	}
	short, ok := names[pkg]
	if !ok {
		short = defaultImportName(pkg)
	}
	return strings.Replace(name, pkg, short, 1)
}

// NameDiffers reports whether a package's name is not its path's default
// import name (github.com/ory/hydra-client-go/v2 is package client).
func NameDiffers(path, name string) bool { return name != defaultImportName(path) }

// PkgNames are the names of the packages on the calls' chains that are not
// their path's last element (Call.Names), for ShortFuncNamed; nil: none.
func (g *Graph) PkgNames() map[string]string {
	var names map[string]string
	for _, calls := range [][]Call{g.Calls, g.Sites} {
		for _, c := range calls {
			for path, name := range c.Names {
				if names == nil {
					names = map[string]string{}
				}
				names[path] = name
			}
		}
	}
	return names
}

// ChangeStats is one module's change history.
type ChangeStats struct {
	Commits int // commits that changed it
	// Alone counts those that changed no other module that is not shared.
	Alone int
	// With counts, per other non-shared module, the commits changing both.
	With map[string]int
}
