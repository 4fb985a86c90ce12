package report

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/load"
	"github.com/archcheck/archcheck/rules"
)

// The vendored graph library (see assets/LICENSE.*) and the report's own
// script and style, embedded so the report opens offline.
var (
	//go:embed assets/cytoscape.min.js
	cytoscapeJS string
	//go:embed assets/cytoscape-dagre.min.js
	cytoscapeDagreJS string
	//go:embed assets/report.js
	reportJS string
	//go:embed assets/report.css
	reportCSS string
)

// HTMLReport is what `archcheck report` shows.
type HTMLReport struct {
	Version    string
	Title      string     // the main module's path
	Graph      *GraphView // the graph drawn first (module or package level)
	Packages   *GraphView // the package graph behind drill-down; nil when Graph is one
	Findings   []rules.Finding
	Summary    Summary
	Inferred   bool            // modules were inferred: there is no archcheck.yaml
	Candidates []JSONCandidate // from suggest, best first; their metrics feed the panel and the charts
	// CandidatesAvailable says whether suggest ran; when false the section
	// says that candidates are not computed rather than that there are none.
	CandidatesAvailable bool
	Focus               string // report --focus: the module the page opens on
	// Calls and Imports are the sites behind package edges, listed when a
	// matrix cell or an edge is clicked; nil: not shown.
	Calls   []graph.Call
	Imports map[graph.PkgEdge][]load.FileLine
	// Names are the package names that are not their path's last element
	// (graph.Graph.PkgNames), for naming callees as check does.
	Names map[string]string
	// Data are the module → table edges (graph_data.go), shown in a
	// collapsible section; nil: none.
	Data []DataEdge
}

// htmlData is the JSON the page's script reads (its shape is the page's
// own business: compact, since a 3,000-package monolith must stay small).
type htmlData struct {
	Version    string            `json:"version"`
	Schema     int               `json:"schema"`
	Title      string            `json:"title"`
	Data       []DataEdge        `json:"data,omitempty"` // module → table edges
	Inferred   bool              `json:"inferred"`
	Focus      string            `json:"focus,omitempty"`
	Graph      htmlGraph         `json:"graph"`
	Packages   *htmlGraph        `json:"packages,omitempty"`
	Strings    []string          `json:"strings"` // files and callees the sites index
	Findings   []JSONFinding     `json:"findings"`
	Summary    Summary           `json:"summary"`
	Candidates []JSONCandidate   `json:"candidates"`
	HasCands   bool              `json:"candidates_available"`
	Colors     map[string]string `json:"colors"`
}

type htmlGraph struct {
	Level string     `json:"level"`
	Nodes []htmlNode `json:"nodes"`
	// Edges are arrays: [from, to, imports, calls, blocking_calls,
	// publishes, violations, import sites, call sites]. from and to index
	// Nodes; violations are comma-separated rule IDs; import sites are flat
	// [file, line, …] and call sites [file, line, callee, blocking, …], file
	// and callee indexing htmlData.Strings, at most maxSites of each.
	Edges [][]any `json:"edges"`
}

type htmlNode struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Module   string `json:"module,omitempty"`
	Shared   bool   `json:"shared,omitempty"`
	Packages int    `json:"packages"`
	Lines    int    `json:"lines"`
	Label    string `json:"label"`
	Dir      string `json:"dir,omitempty"` // the folder, relative to the main module, that the page folds by
}

// maxSites is how many import and call sites an edge lists; the counts
// stay exact.
const maxSites = 30

// siteTable interns the files and callees the sites name.
type siteTable struct {
	strs []string
	idx  map[string]int
}

func (t *siteTable) id(s string) int {
	i, ok := t.idx[s]
	if !ok {
		i = len(t.strs)
		t.idx[s] = i
		t.strs = append(t.strs, s)
	}
	return i
}

// toHTMLGraph converts v for the page, with the sites behind package edges.
func toHTMLGraph(v *GraphView, r *HTMLReport, calls map[graph.PkgEdge][]graph.Call, st *siteTable) htmlGraph {
	g := htmlGraph{Level: v.Level, Nodes: make([]htmlNode, len(v.Nodes)), Edges: make([][]any, len(v.Edges))}
	idx := make(map[string]int, len(v.Nodes))
	for i, n := range v.Nodes {
		g.Nodes[i] = htmlNode{ID: n.ID, Kind: n.Kind, Module: n.Module, Shared: n.Shared, Packages: n.Packages,
			Lines: n.Lines, Label: n.Label, Dir: n.Dir}
		idx[n.ID] = i
	}
	for i, e := range v.Edges {
		var imps, cs []int
		if v.Level == LevelPackage {
			pe := graph.PkgEdge{From: e.From, To: e.To}
			for j, at := range r.Imports[pe] {
				if j == maxSites {
					break
				}
				imps = append(imps, st.id(at.File), at.Line)
			}
			for j, c := range calls[pe] {
				if j == maxSites {
					break
				}
				b := 0
				if c.Blocking() {
					b = 1
				}
				cs = append(cs, st.id(c.File), c.Line, st.id(graph.ShortFuncNamed(c.Callee, r.Names)), b)
			}
		}
		g.Edges[i] = []any{idx[e.From], idx[e.To], e.Imports, e.Calls, e.BlockingCalls, e.Publishes,
			strings.Join(e.Violations, ","), orEmpty(imps), orEmpty(cs)}
	}
	return g
}

func orEmpty(xs []int) []int {
	if xs == nil {
		return []int{}
	}
	return xs
}

// WriteHTML writes the report as one self-contained HTML page. Everything
// that comes from code or config travels as JSON inside a
// <script type="application/json"> element, with <, > and & escaped as
// \u003c … so that no package path or message can close the element; the
// page's script only ever puts it into the DOM as text.
func WriteHTML(w io.Writer, r *HTMLReport) error {
	st := &siteTable{idx: map[string]int{}}
	calls := map[graph.PkgEdge][]graph.Call{}
	for _, c := range r.Calls {
		if !c.Publish && c.FromPkg != c.ToPkg {
			k := graph.PkgEdge{From: c.FromPkg, To: c.ToPkg}
			calls[k] = append(calls[k], c)
		}
	}
	data := htmlData{Version: r.Version, Schema: Schema, Title: r.Title, Inferred: r.Inferred, Focus: r.Focus, Data: r.Data,
		Graph: toHTMLGraph(r.Graph, r, calls, st), Findings: make([]JSONFinding, 0, len(r.Findings)), Summary: r.Summary,
		Candidates: r.Candidates, HasCands: r.CandidatesAvailable,
		Colors: map[string]string{
			EdgeImport: colorImport, EdgeCall: colorCall, EdgeBlocking: colorBlocking,
			EdgePublish: colorPublish, "violation": colorViolation, "quiet": colorQuiet,
		}}
	if r.Packages != nil {
		pg := toHTMLGraph(r.Packages, r, calls, st)
		data.Packages = &pg
	}
	data.Strings = st.strs
	if data.Strings == nil {
		data.Strings = []string{}
	}
	if data.Candidates == nil {
		data.Candidates = []JSONCandidate{}
	}
	for _, f := range r.Findings {
		data.Findings = append(data.Findings, ToJSON(f))
	}
	blob, err := json.Marshal(data) // escapes <, >, &, U+2028 and U+2029
	if err != nil {
		return fmt.Errorf("encode report data: %w", err)
	}
	title := html.EscapeString("archcheck report: " + r.Title)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, htmlHead, title, reportCSS)
	fmt.Fprintf(bw, htmlBody, title)
	fmt.Fprintf(bw, "<script type=\"application/json\" id=\"archcheck-data\">%s</script>\n", blob)
	for _, js := range []string{cytoscapeJS, cytoscapeDagreJS, reportJS} {
		fmt.Fprintf(bw, "<script>\n%s\n</script>\n", js)
	}
	fmt.Fprintf(bw, "</body>\n</html>\n")
	return bw.Flush()
}

// htmlHead records script errors on <body> before anything else runs, so
// tests (and curious users) can see them: data-errors counts them.
const htmlHead = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="archcheck">
<title>%s</title>
<style>
%s
</style>
<script>
(function () {
  var errors = [];
  function note(msg) {
    errors.push(String(msg));
    if (document.body) {
      document.body.setAttribute("data-errors", String(errors.length));
      document.body.setAttribute("data-error-text", errors.join(" | "));
    }
  }
  window.archcheckErrors = errors;
  window.addEventListener("error", function (e) { note(e.message || "error"); });
  window.addEventListener("unhandledrejection", function (e) { note(e.reason || "rejection"); });
  var orig = console.error;
  console.error = function () { note(Array.prototype.join.call(arguments, " ")); return orig.apply(console, arguments); };
})();
</script>
</head>
`

const htmlBody = `<body data-errors="0" data-nodes="0" data-ready="0">
<header>
  <h1>%s</h1>
  <div id="summary"></div>
</header>
<main>
  <section id="graph-section">
    <div id="toolbar">
      <span class="tabs"><button id="tab-graph" class="on">graph</button><button id="tab-matrix">matrix</button><button id="tab-chart">main sequence</button></span>
      <span id="graph-tools">
        <button id="back" hidden>&larr; all</button>
        <span id="view-title"></span>
        <input id="search" type="search" placeholder="find a module or package…" title="Type to highlight; Enter focuses the first match and its neighbours">
        <label id="hubs-label" hidden><input id="hubs" type="checkbox"> <span id="hubs-text">hubs</span></label>
        <label id="all-edges-label" hidden title="Also draw the edges that longer paths already imply"><input id="all-edges" type="checkbox"> all edges</label>
        <button id="fit">fit</button>
        <span id="graph-note" class="hint"></span>
      </span>
      <span id="legend"></span>
    </div>
    <div id="cy-wrap" class="view"><div id="cy"></div></div>
    <div id="dsm-wrap" class="view" hidden>
      <div id="dsm-bar"><button id="dsm-back" hidden>&larr; modules</button> <span id="dsm-title"></span> <span id="dsm-info" class="hint"></span></div>
      <div id="dsm"><canvas id="dsm-canvas"></canvas><div id="dsm-spacer"></div></div>
    </div>
    <div id="ms-wrap" class="view" hidden><div id="ms"></div></div>
  </section>
  <aside id="details"><p class="hint">Click a module or package for its packages, metrics and findings; click an edge or a matrix cell for the imports and calls behind it. Double-click a module for its packages.</p></aside>
</main>
<section id="findings-section">
  <h2>Findings <span id="findings-count" class="hint"></span> <input id="filter" type="search" placeholder="filter"></h2>
  <table id="findings"><thead><tr><th>rule</th><th>severity</th><th>location</th><th>modules</th><th>message</th></tr></thead><tbody></tbody></table>
</section>
<section id="data-section" hidden>
  <details><summary>Data edges: module → table <span id="data-count" class="hint"></span></summary>
  <table id="data-edges"><thead><tr><th>module</th><th>table</th><th>writes</th><th>reads</th><th></th></tr></thead><tbody></tbody></table>
  </details>
</section>
<section id="candidates-section">
  <h2>Extraction candidates</h2>
  <div id="candidates"></div>
</section>
<footer id="footer"></footer>
`
