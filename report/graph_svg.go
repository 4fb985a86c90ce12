package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

const (
	nodeFont  = 13.0
	statsFont = 10.0
	edgeFont  = 10.0
	lineH     = 13.0
)

// WriteSVG draws the view as a standalone SVG with archcheck's own layered
// layout (graph_layout.go), so no Graphviz is needed: nodes as rounded
// boxes, edges as curves coloured by kind with their labels beside them,
// and a legend.
func WriteSVG(w io.Writer, v *GraphView) error {
	idx := make(map[string]int, len(v.Nodes))
	sizes := make([][2]float64, len(v.Nodes))
	for i, n := range v.Nodes {
		idx[n.ID] = i
		sizes[i] = [2]float64{max(textWidth(n.Label, nodeFont)*1.08, textWidth(nodeStats(n), statsFont)) + 24, 40}
	}
	edges := make([][2]int, len(v.Edges))
	labels := make([][2]float64, len(v.Edges))
	for i, e := range v.Edges {
		edges[i] = [2]int{idx[e.From], idx[e.To]}
		if lines := labelLines(e, v.Level); len(lines) > 0 {
			wd := 0.0
			for _, s := range lines {
				wd = max(wd, textWidth(s, edgeFont))
			}
			labels[i] = [2]float64{wd + 14, float64(len(lines)) * lineH}
		}
	}
	l := newLayout(sizes, edges, labels)
	legendH := 34.0
	width, height := max(l.width, 560), l.height+legendH

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		num(width), num(height), num(width), num(height), fontFamily)
	writeSVGDefs(bw)
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	layoutEdges := map[[2]int]*ledge{}
	for _, e := range l.edges {
		layoutEdges[[2]int{e.from, e.to}] = e
	}
	for i, e := range v.Edges {
		le := layoutEdges[edges[i]]
		if le == nil {
			continue
		}
		writeSVGEdge(bw, l, le, e, v.Level)
	}
	for i, n := range v.Nodes {
		writeSVGNode(bw, l.nodes[i], n)
	}
	writeSVGLegend(bw, l.height)
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}

func labelLines(e *GraphEdge, level string) []string {
	s := e.Label(level)
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

var markerColors = []string{colorImport, colorCall, colorBlocking, colorPublish, colorViolation, colorQuiet}

func markerID(color string) string { return "arrow-" + strings.TrimPrefix(color, "#") }

func writeSVGDefs(w io.Writer) {
	fmt.Fprintln(w, "<defs>")
	for _, c := range markerColors {
		fmt.Fprintf(w, `<marker id="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`+"\n",
			markerID(c), c)
	}
	fmt.Fprintln(w, "</defs>")
}

func writeSVGEdge(w io.Writer, l *layout, le *ledge, e *GraphEdge, level string) {
	s := styleOf(e)
	pts := l.points(le)
	var d strings.Builder
	fmt.Fprintf(&d, "M%s,%s", num(pts[0][0]), num(pts[0][1]))
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		dy := (b[1] - a[1]) / 2
		fmt.Fprintf(&d, " C%s,%s %s,%s %s,%s", num(a[0]), num(a[1]+dy), num(b[0]), num(b[1]-dy), num(b[0]), num(b[1]))
	}
	dash := ""
	if s.Dash {
		dash = ` stroke-dasharray="6 4"`
	}
	fmt.Fprintf(w, `<g class="edge edge-%s"><title>%s</title><path d="%s" fill="none" stroke="%s" stroke-width="%s"%s marker-end="url(#%s)"/>`,
		e.Kind(), xmlText(e.From+" → "+e.To), d.String(), s.Color, num(s.Width), dash, markerID(s.Color))
	if le.labelAt >= 0 {
		nd := l.nodes[le.labelAt]
		x := nd.x - nd.w/2 + 9
		y := nd.y - nd.h/2 + lineH - 3
		for i, line := range labelLines(e, level) {
			fmt.Fprintf(w, `<text x="%s" y="%s" font-size="%s" fill="%s" stroke="#ffffff" stroke-width="3" paint-order="stroke">%s</text>`,
				num(x), num(y+float64(i)*lineH), num(edgeFont), labelColor(s), xmlText(line))
		}
	}
	fmt.Fprintln(w, "</g>")
}

func writeSVGNode(w io.Writer, ln *lnode, n *GraphNode) {
	stroke, fill, text, dash := colorNode, "#ffffff", colorNodeText, ""
	switch {
	case n.Kind == NodeSeam:
		stroke, fill = colorPublish, colorSeamFill
	case n.Shared:
		stroke, fill, text, dash = colorQuiet, "#f7f8f9", colorQuietText, ` stroke-dasharray="4 3"`
	}
	x, y := ln.x-ln.w/2, ln.y-ln.h/2
	rx := 6.0
	if n.Kind == NodeSeam {
		rx = ln.h / 2
	}
	fmt.Fprintf(w, `<g class="node node-%s"><title>%s</title><rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s" stroke="%s" stroke-width="1.2"%s/>`,
		n.Kind, xmlText(n.ID), num(x), num(y), num(ln.w), num(ln.h), num(rx), fill, stroke, dash)
	fmt.Fprintf(w, `<text x="%s" y="%s" text-anchor="middle" font-size="%s" font-weight="bold" fill="%s">%s</text>`,
		num(ln.x), num(ln.y-2), num(nodeFont), text, xmlText(n.Label))
	fmt.Fprintf(w, `<text x="%s" y="%s" text-anchor="middle" font-size="%s" fill="%s">%s</text></g>`+"\n",
		num(ln.x), num(ln.y+12), num(statsFont), colorMuted, xmlText(nodeStats(n)))
}

func writeSVGLegend(w io.Writer, top float64) {
	items := []struct {
		label, color string
		width        float64
		dash         bool
	}{
		{"import", colorImport, 1, false},
		{"call", colorCall, 1.6, false},
		{"blocking call", colorBlocking, 2.4, false},
		{"publish (event)", colorPublish, 1.4, true},
		{"violation", colorViolation, 2.4, false},
		{"to a shared module", colorQuiet, 1, false},
	}
	x, y := margin, top+14
	fmt.Fprintln(w, `<g class="legend">`)
	for _, it := range items {
		dash := ""
		if it.dash {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(w, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/><text x="%s" y="%s" font-size="10" fill="%s">%s</text>`+"\n",
			num(x), num(y), num(x+22), num(y), it.color, num(it.width), dash, num(x+27), num(y+3.5), colorMuted, it.label)
		x += 27 + textWidth(it.label, 10) + 16
	}
	fmt.Fprintln(w, "</g>")
}

// num formats a coordinate compactly and deterministically.
func num(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

var xmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// xmlText escapes s for SVG text and attributes.
func xmlText(s string) string { return xmlReplacer.Replace(s) }
