package report

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"

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
	Candidates []JSONCandidate // from suggest, best first
	// CandidatesAvailable says whether suggest ran; when false the section
	// says that candidates are not computed rather than that there are none.
	CandidatesAvailable bool
}

// htmlData is the JSON the page's script reads.
type htmlData struct {
	Version    string            `json:"version"`
	Schema     int               `json:"schema"`
	Title      string            `json:"title"`
	Inferred   bool              `json:"inferred"`
	Graph      htmlGraph         `json:"graph"`
	Packages   *htmlGraph        `json:"packages,omitempty"`
	Findings   []JSONFinding     `json:"findings"`
	Summary    Summary           `json:"summary"`
	Candidates []JSONCandidate   `json:"candidates"`
	HasCands   bool              `json:"candidates_available"`
	Colors     map[string]string `json:"colors"`
}

type htmlGraph struct {
	Level string     `json:"level"`
	Nodes []htmlNode `json:"nodes"`
	Edges []htmlEdge `json:"edges"`
}

type htmlNode struct {
	JSONGraphNode
	Label string   `json:"label"`
	Stats string   `json:"stats"`
	W     float64  `json:"w"`
	H     float64  `json:"h"`
	X     *float64 `json:"x,omitempty"` // preset position for large graphs
	Y     *float64 `json:"y,omitempty"`
}

// LargeGraph is the node count above which the report lays the graph out
// in Go (graph_layout.go) instead of in the browser: dagre needs about 30 s
// for the standard library's 360 packages and 2,500 imports, archcheck's
// layout well under one.
const LargeGraph = 150

type htmlEdge struct {
	JSONGraphEdge
	Kind  string  `json:"kind"`
	Label string  `json:"label,omitempty"`
	Color string  `json:"color"`
	Width float64 `json:"width"`
	Dash  bool    `json:"dash,omitempty"`
}

// toHTMLGraph converts v for the page; with place set, a large graph gets
// positions from the Go layout. Only the graph drawn first is placed: the
// page lays out drill-down views (a module's packages and their neighbours)
// itself, so placing the whole package graph would be work nobody reads.
func toHTMLGraph(v *GraphView, place bool) htmlGraph {
	j := ToJSONGraph("", v)
	g := htmlGraph{Level: v.Level, Nodes: make([]htmlNode, len(v.Nodes)), Edges: make([]htmlEdge, len(v.Edges))}
	sizes := make([][2]float64, len(v.Nodes))
	idx := make(map[string]int, len(v.Nodes))
	for i, n := range v.Nodes {
		stats := nodeStats(n)
		w := max(textWidth(n.Label, 12), textWidth(stats, 12)) + 22
		g.Nodes[i] = htmlNode{JSONGraphNode: j.Nodes[i], Label: n.Label, Stats: stats, W: num1(w), H: 38}
		sizes[i] = [2]float64{w, 38}
		idx[n.ID] = i
	}
	if place && len(v.Nodes) > LargeGraph {
		edges := make([][2]int, len(v.Edges))
		for i, e := range v.Edges {
			edges[i] = [2]int{idx[e.From], idx[e.To]}
		}
		l := newLayout(sizes, edges, make([][2]float64, len(edges)))
		// Stretch the ranks apart: a wide, flat drawing wastes the screen.
		ys := max(1.6, l.width*0.5/max(l.height, 1))
		for i := range g.Nodes {
			x, y := num1(l.nodes[i].x), num1(l.nodes[i].y*ys)
			g.Nodes[i].X, g.Nodes[i].Y = &x, &y
		}
	}
	for i, e := range v.Edges {
		s := styleOf(e)
		g.Edges[i] = htmlEdge{JSONGraphEdge: j.Edges[i], Kind: e.Kind(), Label: e.Label(v.Level),
			Color: s.Color, Width: s.Width, Dash: s.Dash}
	}
	return g
}

// num1 rounds to one decimal, for stable and compact output.
func num1(f float64) float64 { return math.Round(f*10) / 10 }

// WriteHTML writes the report as one self-contained HTML page. Everything
// that comes from code or config travels as JSON inside a
// <script type="application/json"> element, with <, > and & escaped as
// \u003c … so that no package path or message can close the element; the
// page's script only ever puts it into the DOM as text.
func WriteHTML(w io.Writer, r *HTMLReport) error {
	data := htmlData{Version: r.Version, Schema: Schema, Title: r.Title, Inferred: r.Inferred,
		Graph: toHTMLGraph(r.Graph, true), Findings: make([]JSONFinding, 0, len(r.Findings)), Summary: r.Summary,
		Candidates: r.Candidates, HasCands: r.CandidatesAvailable,
		Colors: map[string]string{
			EdgeImport: colorImport, EdgeCall: colorCall, EdgeBlocking: colorBlocking,
			EdgePublish: colorPublish, "violation": colorViolation, "quiet": colorQuiet,
		}}
	if r.Packages != nil {
		pg := toHTMLGraph(r.Packages, false)
		data.Packages = &pg
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
      <button id="back" hidden>&larr; modules</button>
      <span id="view-title"></span>
      <button id="fit">fit</button>
      <span id="legend"></span>
    </div>
    <div id="cy"></div>
  </section>
  <aside id="details"><p class="hint">Click a module or package for its packages, metrics and findings; click an edge for what it carries.</p></aside>
</main>
<section id="findings-section">
  <h2>Findings <input id="filter" type="search" placeholder="filter"></h2>
  <table id="findings"><thead><tr><th>rule</th><th>severity</th><th>location</th><th>modules</th><th>message</th></tr></thead><tbody></tbody></table>
</section>
<section id="candidates-section">
  <h2>Extraction candidates</h2>
  <div id="candidates"></div>
</section>
<footer id="footer"></footer>
`
