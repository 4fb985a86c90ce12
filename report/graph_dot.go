package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDOT writes the view as a Graphviz digraph: modules (or packages,
// clustered by module) as boxes, event seams as green tags, edges coloured
// by kind and labelled with their counts, violations red with their rule
// IDs, shared modules grey.
func WriteDOT(w io.Writer, v *GraphView) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "digraph archcheck {\n")
	fmt.Fprintf(bw, "  graph [rankdir=TB, fontname=%q, fontsize=11, nodesep=0.4, ranksep=0.5, newrank=true];\n", fontFamily)
	fmt.Fprintf(bw, "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=%q, fontcolor=%q, fontname=%q, fontsize=12];\n",
		colorNode, colorNodeText, fontFamily)
	fmt.Fprintf(bw, "  edge [fontname=%q, fontsize=9, arrowsize=0.7];\n", fontFamily)
	if v.Level == LevelPackage {
		writeDOTClusters(bw, v)
	} else {
		for _, n := range v.Nodes {
			fmt.Fprintf(bw, "  %s;\n", dotNode(n))
		}
	}
	for _, e := range v.Edges {
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", dotID(e.From), dotID(e.To), dotEdgeAttrs(e, v.Level))
	}
	fmt.Fprintf(bw, "}\n")
	return bw.Flush()
}

// writeDOTClusters groups packages into one cluster per module, in node
// order; unassigned packages and seams stay outside.
func writeDOTClusters(w io.Writer, v *GraphView) {
	var modules []string
	members := map[string][]*GraphNode{}
	for _, n := range v.Nodes {
		if n.Kind != NodePackage || n.Module == "" {
			fmt.Fprintf(w, "  %s;\n", dotNode(n))
			continue
		}
		if members[n.Module] == nil {
			modules = append(modules, n.Module)
		}
		members[n.Module] = append(members[n.Module], n)
	}
	for i, m := range modules {
		color := colorMuted
		if members[m][0].Shared {
			color = colorQuiet
		}
		fmt.Fprintf(w, "  subgraph cluster_%d {\n    label=%s; style=\"rounded,dashed\"; color=%q; fontcolor=%q;\n", i, dotString(m), color, color)
		for _, n := range members[m] {
			fmt.Fprintf(w, "    %s;\n", dotNode(n))
		}
		fmt.Fprintf(w, "  }\n")
	}
}

func dotNode(n *GraphNode) string {
	attrs := []string{"label=" + dotString(n.Label+"\n"+nodeStats(n))}
	switch {
	case n.Kind == NodeSeam:
		attrs = append(attrs, "shape=cds", fmt.Sprintf("fillcolor=%q", colorSeamFill), fmt.Sprintf("color=%q", colorPublish))
	case n.Shared:
		attrs = append(attrs, "style=\"rounded,dashed\"", fmt.Sprintf("color=%q", colorQuiet), fmt.Sprintf("fontcolor=%q", colorQuietText))
	}
	return dotID(n.ID) + " [" + strings.Join(attrs, ", ") + "]"
}

func dotEdgeAttrs(e *GraphEdge, level string) string {
	s := styleOf(e)
	attrs := []string{fmt.Sprintf("color=%q", s.Color), fmt.Sprintf("penwidth=%g", s.Width)}
	if l := e.Label(level); l != "" {
		attrs = append(attrs, "label="+dotString(l), fmt.Sprintf("fontcolor=%q", labelColor(s)))
	}
	if s.Dash {
		attrs = append(attrs, "style=dashed")
	}
	return strings.Join(attrs, ", ")
}

func labelColor(s edgeStyle) string {
	if s.Quiet {
		return colorQuietText
	}
	return s.Color
}

// dotID quotes a node ID.
func dotID(id string) string { return dotString(id) }

// dotString is a DOT double-quoted string. Backslashes are doubled so that
// Graphviz's escapes (\N, \l …) cannot be smuggled in by a package path;
// newlines become \n line breaks.
func dotString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
