package insight

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/internal/par"
	"github.com/archcheck/archcheck/load"
)

// The sizes init aims for (docs/suggest.md, "init"): no module over
// MaxModuleShare of the lines unless one package is; a folder holding
// more than SplitShare of the divisible lines is split into its subfolders, and
// a folder under MinModuleLines is folded into its parent's module, or
// into the shared platform module, unless it does blocking I/O of its own.
const (
	MaxModuleShare = 0.35
	// SplitShare is the share of the divisible lines (those not in a
	// package over MaxModuleShare by itself) from which a folder with
	// subfolders is split into them: below the target, so that a folder
	// of several domains (kratos' selfservice/strategy) is cut too.
	SplitShare     = 0.20
	MinModuleLines = 150
	// PlatformModule names the shared module that collects the small
	// top-level utility folders.
	PlatformModule = "platform"
	// smallDivisor scales MinModuleLines down for small codebases: a
	// module is small under min(MinModuleLines, lines/smallDivisor), so a
	// 500-line example keeps its folders.
	smallDivisor = 40
)

// PkgFacts are what init reads from one package's non-test files.
type PkgFacts struct {
	Lines int // non-blank lines
	// IO names the blocking I/O the package performs itself, such as
	// "os/exec.Command" (the first found, sorted); "" for none.
	IO string
}

// ReadPkgFacts counts the lines of every package and finds the I/O it
// does, in parallel; a file that cannot be read or parsed is skipped.
func ReadPkgFacts(pkgs []*graph.Package) map[string]PkgFacts {
	facts := make([]PkgFacts, len(pkgs))
	par.Each(pkgs, func(i int, p *graph.Package) { facts[i] = readPkgFacts(p) })
	out := make(map[string]PkgFacts, len(pkgs))
	for i, p := range pkgs {
		out[p.ImportPath] = facts[i]
	}
	return out
}

func readPkgFacts(p *graph.Package) PkgFacts {
	var f PkgFacts
	io := false
	for _, imp := range p.Imports {
		ok := graph.HasIOFuncs(imp)
		io = io || ok
	}
	fset := token.NewFileSet()
	var found []string
	for _, name := range p.GoFiles {
		src, err := os.ReadFile(filepath.Join(p.Dir, name))
		if err != nil {
			continue
		}
		f.Lines += load.NonBlankLines(src)
		if !io {
			continue
		}
		file, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if file == nil || err != nil {
			continue
		}
		found = append(found, graph.IOUses(file, p)...)
	}
	if len(found) > 0 {
		sort.Strings(found)
		f.IO = found[0]
	}
	return f
}

// dirNode is one directory of the main module's package tree.
type dirNode struct {
	rel      string // relative to the module root, "" for the root
	pkg      *graph.Package
	facts    PkgFacts
	total    int // lines of the subtree
	pkgs     int // packages of the subtree
	children []*dirNode
}

// unit is one module being proposed: a folder's subtree, less the
// subfolders split off into units of their own.
type unit struct {
	node   *dirNode
	exact  bool // the folder's own package only (the root package)
	parent *unit
	lines  int
	pkgs   int
	io     string // the blocking I/O its remaining packages do, if any
	folded []*unit
	gone   bool
	into   *unit // the unit it folded into
	split  bool  // its subfolders became units of their own
}

// proposeBySize assigns packages to folder modules sized for a person to
// extract (docs/suggest.md "init"): the top-level domain folders first;
// then, while a module holds more than SplitShare of the divisible lines and its
// folder has subfolders, each subfolder becomes a module of its own
// (recursively); then every module under MinModuleLines that does no
// blocking I/O of its own folds into the module it was split from, or,
// for a top-level folder without a main package, into the shared
// platform module. It returns the
// owner of every package and the patterns of every module, and the
// modules marked shared.
func proposeBySize(main *graph.MainModule, pkgs []*graph.Package, facts map[string]PkgFacts) (owner map[string]string, patterns map[string][]string, shared map[string]bool, sizes map[string][2]int) {
	root, total := dirTree(main, pkgs, facts)
	units := topUnits(root)
	if total > 0 {
		// Shares are of the divisible code: a package holding more than
		// MaxModuleShare of the lines on its own (a generated API client)
		// is a module whatever the rule, and would make every other folder
		// look small.
		divisible := total
		for _, p := range pkgs {
			if n := facts[p.ImportPath].Lines; float64(n) > MaxModuleShare*float64(total) {
				divisible -= n
			}
		}
		units = splitLarge(units, divisible)
		units = foldSmall(units, total)
	}
	var live []*unit
	for _, u := range units {
		if !u.gone {
			live = append(live, u)
		}
	}
	names := unitNames(main, live)
	patterns, shared, sizes = unitPatterns(main, live, names)
	return unitOwners(main, pkgs, live, names), patterns, shared, sizes
}

// dirTree builds the main module's directory tree from the packages, each
// directory with the lines and packages below it, children sorted, and
// returns its root and the total lines.
func dirTree(main *graph.MainModule, pkgs []*graph.Package, facts map[string]PkgFacts) (*dirNode, int) {
	nodes := map[string]*dirNode{}
	var get func(rel string) *dirNode
	get = func(rel string) *dirNode {
		if n, ok := nodes[rel]; ok {
			return n
		}
		n := &dirNode{rel: rel}
		nodes[rel] = n
		if rel != "" {
			parent := ""
			if i := strings.LastIndexByte(rel, '/'); i >= 0 {
				parent = rel[:i]
			}
			p := get(parent)
			p.children = append(p.children, n)
		}
		return n
	}
	get("") // the root, even with no packages
	total := 0
	for _, p := range pkgs {
		rel := relPath(main, p.ImportPath)
		n := get(rel)
		n.pkg, n.facts = p, facts[p.ImportPath]
		for cur := rel; ; {
			nodes[cur].total += n.facts.Lines
			nodes[cur].pkgs++
			if cur == "" {
				break
			}
			cur = parentRel(cur)
		}
		total += n.facts.Lines
	}
	for _, n := range nodes {
		sort.Slice(n.children, func(i, j int) bool { return n.children[i].rel < n.children[j].rel })
	}
	return nodes[""], total
}

// topUnits are the top-level domains: the root package alone, each child
// of a container folder, each other top-level folder.
func topUnits(root *dirNode) []*unit {
	var units []*unit
	if root.pkg != nil {
		units = append(units, &unit{node: root, exact: true, lines: root.facts.Lines, pkgs: 1, io: root.facts.IO})
	}
	for _, top := range root.children {
		if containers[base(top.rel)] && len(top.children) > 0 {
			if top.pkg != nil {
				units = append(units, &unit{node: top, exact: true, lines: top.facts.Lines, pkgs: 1, io: top.facts.IO})
			}
			for _, c := range top.children {
				units = append(units, subtreeUnit(c, nil))
			}
			continue
		}
		units = append(units, subtreeUnit(top, nil))
	}
	return units
}

// splitLarge splits every unit over SplitShare of the divisible lines into
// its subfolders (which may be split again), leaving it what is left.
func splitLarge(units []*unit, divisible int) []*unit {
	for i := 0; i < len(units); i++ {
		u := units[i]
		if u.exact || float64(u.lines) <= SplitShare*float64(divisible) || len(u.node.children) == 0 {
			continue
		}
		for _, c := range u.node.children {
			cu := subtreeUnit(c, u)
			u.lines -= cu.lines
			u.pkgs -= cu.pkgs
			units = append(units, cu)
		}
		u.io = u.node.facts.IO
		u.split = true
	}
	return units
}

// foldSmall folds the small units without I/O of their own into their
// parent, deepest first, so that a parent sees its folded children's
// lines; small top-level ones go into one shared platform unit.
func foldSmall(units []*unit, total int) []*unit {
	order := make([]*unit, len(units))
	copy(order, units)
	sort.SliceStable(order, func(i, j int) bool { return depth(order[i].node.rel) > depth(order[j].node.rel) })
	var platform []*unit
	small := min(MinModuleLines, total/smallDivisor)
	for _, u := range order {
		if u.lines >= small || u.io != "" {
			continue
		}
		if u.pkgs == 0 {
			u.gone = true // everything in it was split off
			continue
		}
		if u.parent == nil && (hasMain(u) || u.split) {
			// A program, or what is left of a folder split into its
			// subfolders (a dispatcher wiring them, typically), is no
			// utility folder: it stays a module.
			continue
		}
		if u.parent != nil {
			u.parent.lines += u.lines
			u.parent.pkgs += u.pkgs
			u.parent.folded = append(u.parent.folded, u)
			u.gone, u.into = true, u.parent
			continue
		}
		platform = append(platform, u)
	}
	if len(platform) > 1 {
		for _, u := range platform {
			u.gone = true
		}
		units = append(units, &unit{folded: platform})
	}
	return units
}

// unitPatterns are the live units' patterns and sizes (packages, lines);
// the platform unit is shared.
func unitPatterns(main *graph.MainModule, live []*unit, names map[*unit]string) (patterns map[string][]string, shared map[string]bool, sizes map[string][2]int) {
	patterns, shared, sizes = map[string][]string{}, map[string]bool{}, map[string][2]int{}
	for _, u := range live {
		name := names[u]
		if u.node == nil {
			shared[name] = true
			for _, f := range u.folded {
				patterns[name] = append(patterns[name], f.pattern(main))
				sizes[name] = [2]int{sizes[name][0] + f.pkgs, sizes[name][1] + f.lines}
			}
			sort.Strings(patterns[name])
		} else {
			patterns[name] = []string{u.pattern(main)}
			sizes[name] = [2]int{u.pkgs, u.lines}
		}
	}
	return patterns, shared, sizes
}

// unitOwners assigns each package to the live unit of its nearest folder:
// the most specific pattern, as the config resolves it.
func unitOwners(main *graph.MainModule, pkgs []*graph.Package, live []*unit, names map[*unit]string) map[string]string {
	unitOf := map[string]string{}
	var assign func(u *unit, name string)
	assign = func(u *unit, name string) {
		if u.exact {
			unitOf[u.node.rel+"\x00"] = name
			return
		}
		unitOf[u.node.rel] = name
		for _, f := range u.folded {
			assign(f, name)
		}
	}
	for _, u := range live {
		if u.node == nil {
			for _, f := range u.folded {
				assign(f, names[u])
			}
			continue
		}
		assign(u, names[u])
	}
	owner := map[string]string{}
	for _, p := range pkgs {
		rel := relPath(main, p.ImportPath)
		if name, ok := unitOf[rel+"\x00"]; ok {
			owner[p.ImportPath] = name
			continue
		}
		for cur := rel; ; cur = parentRel(cur) {
			if name, ok := unitOf[cur]; ok {
				owner[p.ImportPath] = name
				break
			}
			if cur == "" {
				break
			}
		}
	}
	return owner
}

// hasMain reports whether a unit holds a main package.
func hasMain(u *unit) bool {
	var walk func(n *dirNode, top bool) bool
	walk = func(n *dirNode, top bool) bool {
		if n.pkg != nil && n.pkg.Name == "main" {
			return true
		}
		if u.exact && top {
			return false
		}
		for _, c := range n.children {
			if walk(c, false) {
				return true
			}
		}
		return false
	}
	return walk(u.node, true)
}

func subtreeUnit(n *dirNode, parent *unit) *unit {
	io := n.facts.IO
	if len(n.children) > 0 {
		io = subtreeIO(n)
	}
	return &unit{node: n, parent: parent, lines: n.total, pkgs: n.pkgs, io: io}
}

// subtreeIO is the first blocking I/O found in a folder's subtree.
func subtreeIO(n *dirNode) string {
	if n.facts.IO != "" {
		return n.facts.IO
	}
	for _, c := range n.children {
		if io := subtreeIO(c); io != "" {
			return io
		}
	}
	return ""
}

func (u *unit) pattern(main *graph.MainModule) string {
	if u.node.rel == "" {
		return main.Path
	}
	if u.exact {
		return "./" + u.node.rel
	}
	return "./" + u.node.rel + "/..."
}

func parentRel(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

func depth(rel string) int {
	if rel == "" {
		return 0
	}
	return strings.Count(rel, "/") + 1
}

func base(rel string) string { return rel[strings.LastIndexByte(rel, '/')+1:] }

// unitNames names each unit after its folder's last element, taking more
// elements (joined with "-") where two units would share a name; the root
// package is named after the module path, the platform module
// PlatformModule.
func unitNames(main *graph.MainModule, units []*unit) map[*unit]string {
	elems := map[*unit][]string{}
	take := map[*unit]int{}
	for _, u := range units {
		switch {
		case u.node == nil:
			elems[u] = []string{PlatformModule}
		case u.node.rel == "":
			elems[u] = []string{base(main.Path)}
		default:
			elems[u] = strings.Split(u.node.rel, "/")
		}
		take[u] = 1
	}
	name := func(u *unit) string {
		es := elems[u]
		k := min(take[u], len(es))
		return sanitize(strings.Join(es[len(es)-k:], "-"))
	}
	for range 8 {
		groups := map[string][]*unit{}
		for _, u := range units {
			groups[name(u)] = append(groups[name(u)], u)
		}
		clash := false
		for _, g := range groups {
			if len(g) < 2 {
				continue
			}
			for _, u := range g {
				if take[u] < len(elems[u]) {
					take[u]++
					clash = true
				}
			}
		}
		if !clash {
			break
		}
	}
	out := map[*unit]string{}
	used := map[string]bool{}
	sorted := make([]*unit, len(units))
	copy(sorted, units)
	sort.SliceStable(sorted, func(i, j int) bool { return len(elems[sorted[i]]) < len(elems[sorted[j]]) })
	for _, u := range sorted {
		n := name(u)
		for i := 2; used[n]; i++ {
			n = name(u) + "-" + strconv.Itoa(i)
		}
		used[n] = true
		out[u] = n
	}
	return out
}
