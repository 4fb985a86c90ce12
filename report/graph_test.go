package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// hostile is a package path no real module has, but a config or a
// vendored tree can: every renderer must keep it inert.
const hostile = `example.com/shop/internal/evil/<script>alert("x")</script>`

const graphConfig = `version: 1
modules:
  checkout:
    packages: [./internal/checkout/...]
    depends_on: [catalog, notifications, platform]
  catalog:
    packages: [./internal/catalog/...]
    depends_on: [checkout]
  notifications:
    packages: [./internal/notifications/...]
  evil:
    packages: [./internal/evil/...]
  platform:
    packages: [./internal/platform/...]
    shared: true
events: [./internal/platform/events/...]
`

// testGraph is a monolith with every kind of edge: imports, plain and
// blocking calls, publishes to a config seam and a built-in one, a cycle,
// violations, a shared module and a hostile package path. Calls are added
// the way the engine adds the sync-call analyzer's results.
func testGraph(t *testing.T) (*graph.Graph, []rules.Finding, *load.SourceStats) {
	t.Helper()
	cfg, err := rules.Parse("archcheck.yaml", []byte(graphConfig))
	if err != nil {
		t.Fatal(err)
	}
	const m = "example.com/shop"
	cfg.Bind(m)
	main := &graph.MainModule{Path: m, Dir: "/src/shop"}
	pkg := func(rel string, imports ...string) *graph.Package {
		for i, imp := range imports {
			imports[i] = m + "/" + imp
		}
		return &graph.Package{ImportPath: m + "/" + rel, Name: load.Base(rel), Imports: imports}
	}
	pkgs := []*graph.Package{
		pkg("internal/catalog", "internal/checkout"),
		pkg("internal/checkout", "internal/catalog", "internal/notifications", "internal/platform/events", "internal/evil/<script>alert(\"x\")</script>"),
		pkg("internal/checkout/history"),
		pkg("internal/evil/<script>alert(\"x\")</script>"),
		pkg("internal/misc"),
		pkg("internal/notifications", "internal/notifications/mailer"),
		pkg("internal/notifications/mailer"),
		pkg("internal/platform/events"),
	}
	b := graph.NewBuilder(graph.Build(main, cfg, pkgs), nil)
	co, notif, ev := m+"/internal/checkout", m+"/internal/notifications", m+"/internal/platform/events"
	b.AddCalls([]graph.Call{
		{Caller: co + ".PlaceOrder", Callee: m + "/internal/catalog.InStock", FromPkg: co, ToPkg: m + "/internal/catalog",
			FromModule: "checkout", ToModule: "catalog", File: "internal/checkout/order.go", Line: 10, Column: 6},
		{Caller: co + ".PlaceOrder", Callee: notif + ".SendReceipt", FromPkg: co, ToPkg: notif,
			FromModule: "checkout", ToModule: "notifications", Kinds: []rules.Kind{rules.KindNetwork},
			File: "internal/checkout/order.go", Line: 12, Column: 2},
		{Caller: co + ".PlaceOrder", Callee: notif + ".Queue", FromPkg: co, ToPkg: notif,
			FromModule: "checkout", ToModule: "notifications", File: "internal/checkout/order.go", Line: 13, Column: 2},
		{Caller: co + ".PlaceOrder", Callee: ev + ".Publish", FromPkg: co, ToPkg: ev, FromModule: "checkout",
			ToModule: "platform", Publish: true, Seam: "internal/platform/events", File: "internal/checkout/order.go", Line: 14, Column: 2},
		{Caller: co + ".Audit", Callee: "(*github.com/segmentio/kafka-go.Writer).WriteMessages", FromPkg: co,
			ToPkg: "github.com/segmentio/kafka-go", FromModule: "checkout", Publish: true,
			Seam: "github.com/segmentio/kafka-go", File: "internal/checkout/audit.go", Line: 7, Column: 2},
	})
	findings := []rules.Finding{
		{Rule: rules.RuleCycle, Severity: rules.Error, FromModule: "checkout", ToModule: "catalog",
			Modules: []string{"checkout", "catalog"}, Package: co, Import: m + "/internal/catalog",
			File: "internal/checkout/checkout.go", Line: 4, Column: 2, Message: "modules checkout, catalog form an import cycle: checkout → catalog → checkout"},
		{Rule: rules.RuleDependency, Severity: rules.Error, FromModule: "checkout", ToModule: "evil", Package: co,
			Import: hostile, File: "internal/checkout/checkout.go", Line: 7, Column: 2,
			Message: `checkout imports evil (` + hostile + `), but evil is not in checkout's depends_on </script><script>alert(2)</script>`},
		{Rule: rules.RuleSyncCall, Severity: rules.Warn, FromModule: "checkout", ToModule: "notifications", Package: co,
			File: "internal/checkout/order.go", Line: 12, Column: 2, Kind: rules.KindNetwork,
			Message: "checkout.PlaceOrder calls into notifications, which blocks on network: PlaceOrder → SendReceipt → smtp.SendMail"},
		{Rule: rules.RuleUnassigned, Severity: rules.Warn, Package: m + "/internal/misc",
			File: "internal/misc/misc.go", Line: 1, Column: 1, Message: "package example.com/shop/internal/misc belongs to no module"},
	}
	src := &load.SourceStats{Lines: map[string]int{co: 120, m + "/internal/catalog": 40, notif: 30, hostile: 3},
		Specs: map[graph.PkgEdge]int{{From: co, To: m + "/internal/catalog"}: 2}}
	return b.Finish(nil), findings, src
}

var goldenCases = []struct {
	name  string
	opts  GraphOptions
	write func(io.Writer, *GraphView) error
}{
	{"module.dot", GraphOptions{}, WriteDOT},
	{"module.mmd", GraphOptions{}, WriteMermaid},
	{"module.json", GraphOptions{}, func(w io.Writer, v *GraphView) error { return WriteGraphJSON(w, "test", v) }},
	{"module.svg", GraphOptions{}, WriteSVG},
	{"package.dot", GraphOptions{Level: LevelPackage}, WriteDOT},
	{"package.mmd", GraphOptions{Level: LevelPackage}, WriteMermaid},
	{"module.md", GraphOptions{}, WriteMarkdown},
	{"package.md", GraphOptions{Level: LevelPackage}, WriteMarkdown},
	{"package.json", GraphOptions{Level: LevelPackage}, func(w io.Writer, v *GraphView) error { return WriteGraphJSON(w, "test", v) }},
	{"package.svg", GraphOptions{Level: LevelPackage}, WriteSVG},
	{"focus-notifications.dot", GraphOptions{Focus: "notifications"}, WriteDOT},
	{"focus-notifications-package.mmd", GraphOptions{Level: LevelPackage, Focus: "notifications"}, WriteMermaid},
}

// TestGraphGolden pins every format at both levels; -update rewrites
// testdata/graph/*.
func TestGraphGolden(t *testing.T) {
	g, fs, src := testGraph(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := NewGraphView(g, fs, src, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := tc.write(&buf, v); err != nil {
				t.Fatal(err)
			}
			graphGolden(t, filepath.Join("testdata", "graph", tc.name), buf.Bytes())
			var again bytes.Buffer
			v2, _ := NewGraphView(g, fs, src, tc.opts)
			if err := tc.write(&again, v2); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("output is not deterministic")
			}
		})
	}
}

func graphGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./report -update rewrites it):\n%s", path, got)
	}
}

// TestGraphJSONShape checks the SPEC's fields and counts: imports are
// specs, calls exclude publishes, blocking calls are counted, publishes go
// to one node per seam, violations carry rule IDs.
func TestGraphJSONShape(t *testing.T) {
	g, fs, src := testGraph(t)
	v, err := NewGraphView(g, fs, src, GraphOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteGraphJSON(&buf, "test", v); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Level string
		Nodes []map[string]any
		Edges []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	edge := func(from, to string) map[string]any {
		for _, e := range doc.Edges {
			if e["from"] == from && e["to"] == to {
				return e
			}
		}
		t.Fatalf("no edge %s -> %s in %s", from, to, buf.String())
		return nil
	}
	want := map[[2]string]string{
		{"checkout", "catalog"}:                       `imports=2 calls=1 blocking=0 publishes=0 violations=[cycle]`,
		{"catalog", "checkout"}:                       `imports=1 calls=0 blocking=0 publishes=0 violations=[cycle]`,
		{"checkout", "notifications"}:                 `imports=1 calls=2 blocking=1 publishes=0 violations=[sync-call]`,
		{"checkout", "internal/platform/events"}:      `imports=0 calls=0 blocking=0 publishes=1 violations=[]`,
		{"checkout", "github.com/segmentio/kafka-go"}: `imports=0 calls=0 blocking=0 publishes=1 violations=[]`,
		{"checkout", "evil"}:                          `imports=1 calls=0 blocking=0 publishes=0 violations=[dependency]`,
		{"checkout", "platform"}:                      `imports=1 calls=0 blocking=0 publishes=0 violations=[]`,
	}
	for k, w := range want {
		e := edge(k[0], k[1])
		got := strings.NewReplacer("[]any{", "[", "}", "]").Replace(
			fmt.Sprintf("imports=%v calls=%v blocking=%v publishes=%v violations=%v", e["imports"], e["calls"], e["blocking_calls"], e["publishes"], e["violations"]))
		if got != w {
			t.Errorf("%s -> %s: %s, want %s", k[0], k[1], got, w)
		}
	}
	if len(doc.Edges) != len(want) {
		t.Errorf("%d edges, want %d", len(doc.Edges), len(want))
	}
	if doc.Level != "module" || doc.Nodes[0]["id"] != "checkout" || doc.Nodes[0]["lines"] != 120.0 || doc.Nodes[0]["packages"] != 2.0 {
		t.Errorf("level %q, first node %v", doc.Level, doc.Nodes[0])
	}
}

// TestGraphFocusUnknown names the problem.
func TestGraphFocusUnknown(t *testing.T) {
	g, fs, src := testGraph(t)
	if _, err := NewGraphView(g, fs, src, GraphOptions{Focus: "nope"}); !errors.Is(err, ErrUnknownModule) {
		t.Errorf("err = %v, want ErrUnknownModule", err)
	}
	if _, err := NewGraphView(g, fs, src, GraphOptions{Level: "file"}); err == nil {
		t.Error("unknown level accepted")
	}
}

// TestDOTGraphviz runs Graphviz on every DOT golden when dot is installed
// (CI installs Debian's graphviz package).
func TestDOTGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("graphviz (dot) is not installed")
	}
	g, fs, src := testGraph(t)
	for _, tc := range goldenCases {
		if !strings.HasSuffix(tc.name, ".dot") {
			continue
		}
		v, _ := NewGraphView(g, fs, src, tc.opts)
		var in bytes.Buffer
		if err := WriteDOT(&in, v); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = &in
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("%s: dot -Tsvg: %v\n%s", tc.name, err, stderr.String())
		}
		if tc.opts.Level == LevelPackage && !strings.Contains(stdout.String(), "&lt;script&gt;") {
			t.Errorf("%s: the hostile label is not in dot's SVG as text", tc.name)
		}
	}
}

// TestSVGWellFormed parses the SVG as XML and finds the hostile path only
// as text.
func TestSVGWellFormed(t *testing.T) {
	g, fs, src := testGraph(t)
	for _, level := range []string{LevelModule, LevelPackage} {
		v, _ := NewGraphView(g, fs, src, GraphOptions{Level: level})
		var buf bytes.Buffer
		if err := WriteSVG(&buf, v); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
		texts := ""
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: invalid SVG: %v", level, err)
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "script" {
				t.Errorf("%s: a script element in the SVG", level)
			}
			if cd, ok := tok.(xml.CharData); ok {
				texts += string(cd)
			}
		}
		if level == LevelPackage && !strings.Contains(texts, `evil/<script>alert("x")</script>`) {
			t.Errorf("%s: the hostile path is not shown as text", level)
		}
	}
}

// TestMermaidSafe checks that labels cannot break out of their quotes and
// that IDs are generated.
func TestMermaidSafe(t *testing.T) {
	g, fs, src := testGraph(t)
	v, _ := NewGraphView(g, fs, src, GraphOptions{Level: LevelPackage})
	var buf bytes.Buffer
	if err := WriteMermaid(&buf, v); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.ContainsAny(line, "<>") && !strings.Contains(line, "<br>") && !strings.Contains(line, "-->") && !strings.Contains(line, "==>") && !strings.Contains(line, "-.->") {
			t.Errorf("raw angle bracket in %q", line)
		}
		if strings.Count(line, `"`)%2 != 0 {
			t.Errorf("unbalanced quotes in %q", line)
		}
	}
	if !strings.Contains(buf.String(), "#lt;script#gt;alert(#quot;x#quot;)") {
		t.Errorf("hostile label not entity-encoded:\n%s", buf.String())
	}
}

func TestTextWidth(t *testing.T) {
	if w := textWidth("checkout", 10); w < 30 || w > 60 {
		t.Errorf("textWidth(checkout) = %v", w)
	}
}

// TestHTMLEscapesEverything writes a report whose package path and message
// carry </script><script>: the page must hold them only inside the JSON
// data, escaped, and the data must decode back to the original text.
func TestHTMLEscapesEverything(t *testing.T) {
	g, fs, src := testGraph(t)
	mv, _ := NewGraphView(g, fs, src, GraphOptions{})
	pv, _ := NewGraphView(g, fs, src, GraphOptions{Level: LevelPackage})
	var buf bytes.Buffer
	err := WriteHTML(&buf, &HTMLReport{Version: "test", Title: `example.com/<b>shop</b>`, Graph: mv, Packages: pv,
		Findings: fs, Summary: Summarize(fs, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script>alert", "</script><script>", "<b>shop"} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q unescaped", bad)
		}
	}
	if n := strings.Count(strings.ToLower(page), "</script"); n != 5 {
		t.Errorf("%d </script> tags, want 5 (head, data, two libraries, report.js)", n)
	}
	_, blob, _ := strings.Cut(page, `<script type="application/json" id="archcheck-data">`)
	blob, _, _ = strings.Cut(blob, "</script>")
	var data struct {
		Findings []JSONFinding
		Packages struct{ Nodes []struct{ ID string } }
	}
	if err := json.Unmarshal([]byte(blob), &data); err != nil {
		t.Fatal(err)
	}
	if data.Findings[1].Message != fs[1].Message {
		t.Errorf("message = %q, want %q", data.Findings[1].Message, fs[1].Message)
	}
	found := false
	for _, n := range data.Packages.Nodes {
		found = found || n.ID == hostile
	}
	if !found {
		t.Errorf("hostile package missing from the data")
	}
}

// TestEmbeddedScriptsCannotCloseTheirElement guards the vendored libraries:
// a literal </script in them would end the inline script early.
func TestEmbeddedScriptsCannotCloseTheirElement(t *testing.T) {
	for name, js := range map[string]string{"cytoscape": cytoscapeJS, "cytoscape-dagre": cytoscapeDagreJS, "report": reportJS} {
		if strings.Contains(strings.ToLower(js), "</script") || strings.Contains(js, "<!--") {
			t.Errorf("%s contains </script or <!--", name)
		}
	}
}

// bigView is a package graph of n packages in folders area/sub/pNN,
// each importing the one before it and its area's first package.
func bigView(n int) *GraphView {
	v := &GraphView{Level: LevelPackage, index: map[string]*GraphNode{}}
	for i := range n {
		rel := fmt.Sprintf("a%d/s%d/p%03d", i%5, i%3, i)
		nd := &GraphNode{ID: "example.com/big/" + rel, Kind: NodePackage, Label: rel, Dir: rel, Packages: 1, Lines: 10 + i}
		v.Nodes = append(v.Nodes, nd)
		v.index[nd.ID] = nd
		if i > 0 {
			v.Edges = append(v.Edges, &GraphEdge{From: nd.ID, To: v.Nodes[i-1].ID, Imports: 1})
		}
		if i >= 5 {
			v.Edges = append(v.Edges, &GraphEdge{From: nd.ID, To: v.Nodes[i%5].ID, Imports: 2, Calls: 1, Violations: []string{"dependency"}})
		}
	}
	return v
}

// TestMarkdownFolds: a graph of more than MarkdownNodes nodes is folded by
// folder in the Mermaid block (and says so), the table keeps every edge.
func TestMarkdownFolds(t *testing.T) {
	for _, tc := range []struct {
		n, nodes int
		name     string
	}{{30, 30, "small"}, {60, 15, "folded"}, {400, 15, "folded-large"}} {
		v := bigView(tc.n)
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, v); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if tc.name == "folded" {
			graphGolden(t, filepath.Join("testdata", "graph", "folded.md"), buf.Bytes())
		}
		block, _, _ := strings.Cut(out[strings.Index(out, "```mermaid"):], "\n```\n")
		nodes := strings.Count(block, "[\"")
		if nodes != tc.nodes || nodes > MarkdownNodes {
			t.Errorf("%s: %d nodes in the Mermaid block, want %d", tc.name, nodes, tc.nodes)
		}
		if folded := strings.Contains(out, "folded by folder"); folded != (tc.n > MarkdownNodes) {
			t.Errorf("%s: note about folding present = %v", tc.name, folded)
		}
		if rows := strings.Count(out, "\n| a"); rows != len(v.Edges) {
			t.Errorf("%s: %d table rows, want %d edges", tc.name, rows, len(v.Edges))
		}
	}
}

// TestFoldViewKeepsTheLimit: folding always ends at or under the limit,
// even when the top folders alone are too many, and counts add up.
func TestFoldViewKeepsTheLimit(t *testing.T) {
	v := &GraphView{Level: LevelModule, index: map[string]*GraphNode{}}
	for i := range 90 {
		n := &GraphNode{ID: fmt.Sprintf("m%02d", i), Kind: NodeModule, Label: fmt.Sprintf("m%02d", i), Dir: fmt.Sprintf("d%02d", i), Lines: 90 - i}
		v.Nodes = append(v.Nodes, n)
		v.index[n.ID] = n
		if i > 0 {
			v.Edges = append(v.Edges, &GraphEdge{From: n.ID, To: "m00", Imports: 1})
		}
	}
	f := foldView(v, 40)
	if len(f.Nodes) != 40 {
		t.Errorf("%d nodes after folding, want 40", len(f.Nodes))
	}
	lines, imports := 0, 0
	for _, n := range f.Nodes {
		lines += n.Lines
	}
	for _, e := range f.Edges {
		imports += e.Imports
	}
	if last := f.Nodes[len(f.Nodes)-1]; last.Label != "other (51 modules)" {
		t.Errorf("last node %q, want the 51 smallest modules as other (51 modules)", last.Label)
	}
	if lines != 90*91/2 || imports != 89 {
		t.Errorf("folded lines %d imports %d, want %d and 89", lines, imports, 90*91/2)
	}
}

// TestHTMLSites: package edges carry their import and call sites, indexed
// into one string table, and module directories travel with the nodes.
func TestHTMLSites(t *testing.T) {
	g, fs, src := testGraph(t)
	mv, _ := NewGraphView(g, fs, src, GraphOptions{})
	pv, _ := NewGraphView(g, fs, src, GraphOptions{Level: LevelPackage})
	co, cat := "example.com/shop/internal/checkout", "example.com/shop/internal/catalog"
	imports := map[graph.PkgEdge][]load.FileLine{{From: co, To: cat}: {{File: "internal/checkout/checkout.go", Line: 4}}}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, &HTMLReport{Graph: mv, Packages: pv, Calls: g.Calls, Imports: imports}); err != nil {
		t.Fatal(err)
	}
	_, blob, _ := strings.Cut(buf.String(), `<script type="application/json" id="archcheck-data">`)
	blob, _, _ = strings.Cut(blob, "</script>")
	var d struct {
		Strings  []string
		Graph    struct{ Nodes []struct{ ID, Dir string } }
		Packages struct {
			Nodes []struct{ ID string }
			Edges [][]json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(blob), &d); err != nil {
		t.Fatal(err)
	}
	for _, n := range d.Graph.Nodes {
		if n.ID == "notifications" && n.Dir != "internal/notifications" {
			t.Errorf("notifications' dir = %q", n.Dir)
		}
	}
	found := 0
	for _, e := range d.Packages.Edges {
		var from, to int
		var isites, csites []int
		_ = json.Unmarshal(e[0], &from)
		_ = json.Unmarshal(e[1], &to)
		_ = json.Unmarshal(e[7], &isites)
		_ = json.Unmarshal(e[8], &csites)
		if d.Packages.Nodes[from].ID != co || d.Packages.Nodes[to].ID != cat {
			continue
		}
		found++
		if len(isites) != 2 || d.Strings[isites[0]] != "internal/checkout/checkout.go" || isites[1] != 4 {
			t.Errorf("import sites %v", isites)
		}
		if len(csites) != 4 || d.Strings[csites[0]] != "internal/checkout/order.go" || csites[1] != 10 || d.Strings[csites[2]] != "catalog.InStock" || csites[3] != 0 {
			t.Errorf("call sites %v (strings %q)", csites, d.Strings)
		}
	}
	if found != 1 {
		t.Errorf("checkout → catalog edge found %d times", found)
	}
}

// TestSweepBudget: small graphs get every ordering sweep, large ones fewer
// (never fewer than two, always an even number).
func TestSweepBudget(t *testing.T) {
	for _, tc := range []struct{ n, want int }{
		{10, orderIters}, {orderBudget / orderIters, orderIters}, {orderBudget / 7, 6}, {orderBudget, 2}, {10 * orderBudget, 2},
	} {
		if got := sweeps(tc.n, orderIters); got != tc.want {
			t.Errorf("sweeps(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
}
