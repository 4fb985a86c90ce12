package report

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// Graph levels.
const (
	LevelModule  = "module"
	LevelPackage = "package"
)

// Node kinds.
const (
	NodeModule  = "module"
	NodePackage = "package"
	NodeSeam    = "seam" // an event seam: publishing draws an edge to it
)

// Edge kinds, strongest first: the kind that decides how an edge is drawn.
const (
	EdgePublish  = "publish"
	EdgeBlocking = "blocking"
	EdgeCall     = "call"
	EdgeImport   = "import"
)

// GraphOptions choose what a graph rendering shows.
type GraphOptions struct {
	Level string // LevelModule (the default) or LevelPackage
	Focus string // a module: draw it and its neighbours only
	// Tables, when set (graph --data), adds a node per SQL table and the
	// data edges to it (graph_data.go).
	Tables []graph.TableUse
}

// GraphNode is a module, a package or an event seam.
type GraphNode struct {
	ID       string // module name, import path, or seam name
	Kind     string // NodeModule, NodePackage or NodeSeam
	Label    string // what a drawing shows
	Module   string // package level: the package's module ("" when unassigned)
	Shared   bool   // a shared module, or a package of one: drawn quietly
	Packages int
	Lines    int    // non-blank lines of non-test files
	Dir      string // the folder relative to the main module (a module's: its packages' common one); drawings fold by it
	// Template and Layer are a module's template (when a template expanded
	// it) and layer, from the config ("" when none).
	Template, Layer string
}

// GraphEdge is everything that goes from one node to another.
type GraphEdge struct {
	From, To      string
	Imports       int // import specs of non-test files
	Calls         int // static call sites outside go statements
	BlockingCalls int // of those, calls whose callee can block
	Publishes     int // calls into the event seam To
	Reads, Writes int // data edges (graph_data.go): statements reading and writing the table To
	Violations    []string
	Shared        bool // into a shared module
}

// Kind is the strongest kind of dependency the edge carries.
func (e *GraphEdge) Kind() string {
	switch {
	case e.Publishes > 0:
		return EdgePublish
	case e.BlockingCalls > 0:
		return EdgeBlocking
	case e.Calls > 0:
		return EdgeCall
	case e.Writes > 0:
		return EdgeWrite
	case e.Reads > 0:
		return EdgeRead
	}
	return EdgeImport
}

// Label summarises the edge: its violations, then its counts. Import counts
// are left out at package level, where nearly every edge is one import.
func (e *GraphEdge) Label(level string) string {
	var parts []string
	if e.Imports > 0 && level != LevelPackage {
		parts = append(parts, plural(e.Imports, "import"))
	}
	if e.Calls > 0 {
		c := plural(e.Calls, "call")
		if e.BlockingCalls > 0 {
			c += fmt.Sprintf(" (%d blocking)", e.BlockingCalls)
		}
		parts = append(parts, c)
	}
	if e.Publishes > 0 {
		parts = append(parts, plural(e.Publishes, "publish"))
	}
	if e.Writes > 0 {
		parts = append(parts, plural(e.Writes, "write"))
	}
	if e.Reads > 0 {
		parts = append(parts, plural(e.Reads, "read"))
	}
	s := strings.Join(parts, ", ")
	if len(e.Violations) > 0 {
		v := strings.Join(e.Violations, ", ")
		if s == "" {
			return v
		}
		return v + "\n" + s
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "sh") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// GraphView is the graph a rendering draws: nodes and edges in a stable
// order (modules in declaration order, packages by import path, seams
// last), every count filled in.
type GraphView struct {
	Level string
	Focus string
	Nodes []*GraphNode
	Edges []*GraphEdge
	index map[string]*GraphNode
}

// Node returns the node with the given ID, or nil.
func (v *GraphView) Node(id string) *GraphNode { return v.index[id] }

// ErrUnknownModule is returned for a focus that names no module.
var ErrUnknownModule = errors.New("unknown module")

// NewGraphView derives the view of g at the level opts asks for. fs are
// the findings whose rules mark edges as violations; src (nil: unknown)
// gives lines and import specs, without which imports count package pairs.
func NewGraphView(g *graph.Graph, fs []rules.Finding, src *load.SourceStats, opts GraphOptions) (*GraphView, error) {
	if src == nil {
		src = &load.SourceStats{}
	}
	b := &viewBuilder{g: g, src: src, v: &GraphView{Level: opts.Level, Focus: opts.Focus, index: map[string]*GraphNode{}},
		edges: map[[2]string]*GraphEdge{}}
	switch opts.Level {
	case "", LevelModule:
		b.v.Level = LevelModule
		b.modules()
	case LevelPackage:
		b.packages()
	default:
		return nil, fmt.Errorf("unknown graph level %q (valid: module, package)", opts.Level)
	}
	b.seams()
	b.tables(opts.Tables, fs) // graph_data.go
	b.violations(fs)
	b.finish()
	if opts.Focus != "" {
		if g.Config == nil || g.Config.Module(opts.Focus) == nil {
			return nil, fmt.Errorf("focus %q: %w", opts.Focus, ErrUnknownModule)
		}
		b.v.focus(opts.Focus)
	}
	return b.v, nil
}

type viewBuilder struct {
	g     *graph.Graph
	src   *load.SourceStats
	v     *GraphView
	edges map[[2]string]*GraphEdge
	order []*GraphEdge // edges in creation order, sorted by finish
}

func (b *viewBuilder) node(n *GraphNode) {
	b.v.Nodes = append(b.v.Nodes, n)
	b.v.index[n.ID] = n
}

func (b *viewBuilder) edge(from, to string) *GraphEdge {
	k := [2]string{from, to}
	e := b.edges[k]
	if e == nil {
		e = &GraphEdge{From: from, To: to}
		b.edges[k] = e
		b.order = append(b.order, e)
	}
	return e
}

func (b *viewBuilder) shared(module string) bool {
	if b.g.Config == nil {
		return false
	}
	m := b.g.Config.Module(module)
	return m != nil && m.Shared
}

func (b *viewBuilder) specs(e graph.PkgEdge) int {
	if n, ok := b.src.Specs[e]; ok {
		return n
	}
	return 1
}

// modules makes one node per declared module and one edge per module edge.
func (b *viewBuilder) modules() {
	for _, m := range b.g.Modules {
		n := &GraphNode{ID: m, Kind: NodeModule, Label: m, Shared: b.shared(m)}
		if b.g.Config != nil {
			if cm := b.g.Config.Module(m); cm != nil {
				n.Template, n.Layer = cm.Template, cm.Layer
			}
		}
		b.node(n)
	}
	for _, p := range b.g.Packages {
		if n := b.v.index[b.g.Module[p.ImportPath]]; n != nil {
			if n.Packages == 0 {
				n.Dir = b.pkgLabel(p.ImportPath)
			} else {
				n.Dir = commonDir(n.Dir, b.pkgLabel(p.ImportPath))
			}
			n.Packages++
			n.Lines += b.src.Lines[p.ImportPath]
		}
	}
	for _, me := range b.g.ModEdges {
		if b.v.index[me.From] == nil || b.v.index[me.To] == nil {
			continue
		}
		e := b.edge(me.From, me.To)
		for _, pair := range me.Pairs {
			e.Imports += b.specs(pair)
		}
		e.Calls, e.BlockingCalls = me.Calls, me.BlockingCalls
	}
}

// packages makes one node per listed, not excluded package and one edge per
// import between them, with the calls along it.
func (b *viewBuilder) packages() {
	cfg := b.g.Config
	for _, p := range b.g.Packages {
		if cfg != nil && cfg.Excluded(p.ImportPath) {
			continue
		}
		m := b.g.Module[p.ImportPath]
		b.node(&GraphNode{ID: p.ImportPath, Kind: NodePackage, Label: b.pkgLabel(p.ImportPath),
			Module: m, Shared: b.shared(m), Packages: 1, Lines: b.src.Lines[p.ImportPath], Dir: b.pkgLabel(p.ImportPath)})
	}
	for _, pe := range b.g.PkgEdges {
		if b.v.index[pe.From] != nil && b.v.index[pe.To] != nil {
			b.edge(pe.From, pe.To).Imports += b.specs(pe)
		}
	}
	for _, c := range b.g.Calls {
		if c.Publish || c.FromPkg == c.ToPkg || b.v.index[c.FromPkg] == nil || b.v.index[c.ToPkg] == nil {
			continue
		}
		e := b.edge(c.FromPkg, c.ToPkg)
		e.Calls++
		if c.Blocking() {
			e.BlockingCalls++
		}
	}
}

// commonDir is the longest common folder of two slash-separated paths ("" when none).
func commonDir(a, b string) string {
	for a != "" && b != a && !strings.HasPrefix(b, a+"/") {
		i := strings.LastIndexByte(a, '/')
		if i < 0 {
			return ""
		}
		a = a[:i]
	}
	return a
}

// pkgLabel is the import path relative to the main module.
func (b *viewBuilder) pkgLabel(path string) string {
	if b.g.Main == nil || b.g.Main.Path == "std" {
		return path
	}
	if rel, ok := strings.CutPrefix(path, b.g.Main.Path+"/"); ok {
		return rel
	}
	return path
}

// seams draws an edge from the publisher to a node per event seam.
func (b *viewBuilder) seams() {
	var names []string
	ids := map[string]string{}
	for _, c := range b.g.Calls {
		if !c.Publish || c.Seam == "" {
			continue
		}
		from := c.FromModule
		if b.v.Level == LevelPackage {
			from = c.FromPkg
		}
		if b.v.index[from] == nil {
			continue
		}
		id, ok := ids[c.Seam]
		if !ok {
			id = c.Seam
			if n := b.v.index[id]; n != nil && n.Kind != NodeSeam {
				id = "seam:" + c.Seam
			}
			ids[c.Seam] = id
			names = append(names, c.Seam)
		}
		b.edge(from, id).Publishes++
	}
	sort.Strings(names)
	for _, s := range names {
		b.node(&GraphNode{ID: ids[s], Kind: NodeSeam, Label: s})
	}
}

// violations marks edges with the rules of the findings along them. A
// cycle finding marks every module edge of its cycle.
func (b *viewBuilder) violations(fs []rules.Finding) {
	b.cycles(fs)
	callAt := map[string]graph.Call{}
	for _, c := range b.g.Calls {
		callAt[fmt.Sprintf("%s:%d:%d", c.File, c.Line, c.Column)] = c
	}
	for _, f := range fs {
		var from, to string
		switch {
		case b.v.Level == LevelModule:
			from, to = f.FromModule, f.ToModule
		case f.Import != "":
			from, to = f.Package, f.Import
		default:
			c, ok := callAt[fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)]
			if !ok {
				continue
			}
			from, to = c.FromPkg, c.ToPkg
		}
		if e := b.edges[[2]string{from, to}]; e != nil && !slices.Contains(e.Violations, f.Rule) {
			e.Violations = append(e.Violations, f.Rule)
		}
	}
	for _, e := range b.order {
		sort.Strings(e.Violations)
	}
}

func (b *viewBuilder) cycles(fs []rules.Finding) {
	if b.v.Level != LevelModule || !slices.ContainsFunc(fs, func(f rules.Finding) bool { return f.Rule == rules.RuleCycle }) {
		return
	}
	for _, c := range b.g.Cycles() {
		found := slices.ContainsFunc(fs, func(f rules.Finding) bool {
			return f.Rule == rules.RuleCycle && slices.Equal(f.Modules, c.Members)
		})
		for i := 0; found && i+1 < len(c.Path); i++ {
			if e := b.edges[[2]string{c.Path[i], c.Path[i+1]}]; e != nil && !slices.Contains(e.Violations, rules.RuleCycle) {
				e.Violations = append(e.Violations, rules.RuleCycle)
			}
		}
	}
}

// finish drops empty edges and sorts the edges by their nodes' order.
func (b *viewBuilder) finish() {
	rank := make(map[string]int, len(b.v.Nodes))
	for i, n := range b.v.Nodes {
		rank[n.ID] = i
	}
	for _, e := range b.order {
		if e.Imports+e.Calls+e.Publishes+e.Reads+e.Writes == 0 && len(e.Violations) == 0 {
			continue
		}
		e.Shared = b.v.index[e.To].Shared
		b.v.Edges = append(b.v.Edges, e)
	}
	sort.SliceStable(b.v.Edges, func(i, j int) bool {
		a, c := b.v.Edges[i], b.v.Edges[j]
		if rank[a.From] != rank[c.From] {
			return rank[a.From] < rank[c.From]
		}
		return rank[a.To] < rank[c.To]
	})
}

// focus keeps the nodes of module m, their neighbours, and the edges that
// touch m.
func (v *GraphView) focus(m string) {
	in := func(id string) bool {
		n := v.index[id]
		return n.ID == m && n.Kind == NodeModule || n.Kind == NodePackage && n.Module == m
	}
	keep := map[string]bool{}
	var edges []*GraphEdge
	for _, e := range v.Edges {
		if in(e.From) || in(e.To) {
			edges = append(edges, e)
			keep[e.From], keep[e.To] = true, true
		}
	}
	var nodes []*GraphNode
	for _, n := range v.Nodes {
		if keep[n.ID] || in(n.ID) {
			nodes = append(nodes, n)
		} else {
			delete(v.index, n.ID)
		}
	}
	v.Nodes, v.Edges = nodes, edges
}
