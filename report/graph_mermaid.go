package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMermaid writes the view as a Mermaid flowchart that GitHub renders
// in Markdown as is. Node IDs are generated (n0, n1 … in node order), so no
// module name or import path can break the syntax; labels are quoted with
// Mermaid's entity codes for the characters that matter.
func WriteMermaid(w io.Writer, v *GraphView) error {
	bw := bufio.NewWriter(w)
	ids := make(map[string]string, len(v.Nodes))
	for i, n := range v.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	fmt.Fprintln(bw, "flowchart TD")
	if v.Level == LevelPackage {
		writeMermaidSubgraphs(bw, v, ids)
	} else {
		for _, n := range v.Nodes {
			fmt.Fprintf(bw, "  %s\n", mermaidNode(ids[n.ID], n))
		}
	}
	styles := map[string][]string{} // linkStyle body -> edge indices
	var order []string
	for i, e := range v.Edges {
		arrow := "-->"
		switch e.Kind() {
		case EdgePublish:
			arrow = "-.->"
		case EdgeBlocking:
			arrow = "==>"
		}
		label := ""
		if l := e.Label(v.Level); l != "" {
			label = "|" + mermaidText(l) + "|"
		}
		fmt.Fprintf(bw, "  %s %s%s %s\n", ids[e.From], arrow, label, ids[e.To])
		s := styleOf(e)
		body := fmt.Sprintf("stroke:%s,stroke-width:%gpx,color:%s", s.Color, s.Width, labelColor(s))
		if styles[body] == nil {
			order = append(order, body)
		}
		styles[body] = append(styles[body], fmt.Sprint(i))
	}
	for _, body := range order {
		fmt.Fprintf(bw, "  linkStyle %s %s\n", strings.Join(styles[body], ","), body)
	}
	fmt.Fprintf(bw, "  classDef shared fill:#f7f8f9,stroke:%s,color:%s,stroke-dasharray:4 3\n", colorQuiet, colorQuietText)
	fmt.Fprintf(bw, "  classDef seam fill:%s,stroke:%s,color:%s\n", colorSeamFill, colorPublish, colorNodeText)
	for _, class := range []string{"shared", "seam"} {
		var members []string
		for _, n := range v.Nodes {
			if n.Kind == NodeSeam && class == "seam" || n.Kind != NodeSeam && n.Shared && class == "shared" {
				members = append(members, ids[n.ID])
			}
		}
		if len(members) > 0 {
			fmt.Fprintf(bw, "  class %s %s\n", strings.Join(members, ","), class)
		}
	}
	return bw.Flush()
}

func writeMermaidSubgraphs(w io.Writer, v *GraphView, ids map[string]string) {
	var modules []string
	members := map[string][]*GraphNode{}
	for _, n := range v.Nodes {
		if n.Kind != NodePackage || n.Module == "" {
			fmt.Fprintf(w, "  %s\n", mermaidNode(ids[n.ID], n))
			continue
		}
		if members[n.Module] == nil {
			modules = append(modules, n.Module)
		}
		members[n.Module] = append(members[n.Module], n)
	}
	for i, m := range modules {
		fmt.Fprintf(w, "  subgraph m%d[%s]\n", i, mermaidText(m))
		for _, n := range members[m] {
			fmt.Fprintf(w, "    %s\n", mermaidNode(ids[n.ID], n))
		}
		fmt.Fprintln(w, "  end")
	}
}

func mermaidNode(id string, n *GraphNode) string {
	label := mermaidText(n.Label + "\n" + nodeStats(n))
	if n.Kind == NodeSeam {
		return id + "[/" + label + "/]"
	}
	return id + "[" + label + "]"
}

// mermaidText is a quoted Mermaid label: quotes, angle brackets, ampersands,
// hashes and backticks become entity codes (#quot; …), so the text is shown
// verbatim and cannot close the label or inject markup; newlines become
// <br>.
func mermaidText(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '#':
			b.WriteString("#35;")
		case '`':
			b.WriteString("#96;")
		case '\n':
			b.WriteString("<br>")
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
