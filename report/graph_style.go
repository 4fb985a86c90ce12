package report

import "fmt"

// The look shared by every rendering (DOT, Mermaid, SVG, HTML): one colour
// per edge kind, red for violations, grey for what is shared.
const (
	colorImport    = "#8795a1"
	colorCall      = "#2b6cb0"
	colorBlocking  = "#dd6b20"
	colorPublish   = "#2f855a"
	colorViolation = "#e53e3e"
	colorQuiet     = "#c3cad1"
	colorNode      = "#2d3748"
	colorNodeText  = "#1a202c"
	colorMuted     = "#718096"
	colorSeamFill  = "#e6f4ea"
	colorQuietText = "#8a949e"
	fontFamily     = "Helvetica,Arial,sans-serif"
)

// edgeStyle is how an edge is drawn.
type edgeStyle struct {
	Color string
	Width float64 // stroke width in px
	Dash  bool    // dashed: publishing to an event seam
	Quiet bool
}

func styleOf(e *GraphEdge) edgeStyle {
	s := edgeStyle{Color: colorImport, Width: 1}
	switch e.Kind() {
	case EdgePublish:
		s = edgeStyle{Color: colorPublish, Width: 1.4, Dash: true}
	case EdgeBlocking:
		s = edgeStyle{Color: colorBlocking, Width: 2.4}
	case EdgeCall:
		s = edgeStyle{Color: colorCall, Width: 1.6}
	case EdgeWrite:
		s = edgeStyle{Color: colorCall, Width: 1.6}
	case EdgeRead:
		s = edgeStyle{Color: colorImport, Width: 1, Dash: true}
	}
	switch {
	case len(e.Violations) > 0:
		s.Color, s.Width = colorViolation, max(s.Width, 2.4)
	case e.Shared:
		s.Color, s.Width, s.Quiet = colorQuiet, 1, true
	}
	return s
}

// nodeStats is the second line of a module or package node.
func nodeStats(n *GraphNode) string {
	switch n.Kind {
	case NodeSeam:
		return "event seam"
	case NodeTable:
		return "table"
	case NodePackage:
		return plural(n.Lines, "line")
	}
	return fmt.Sprintf("%s, %s", plural(n.Packages, "package"), plural(n.Lines, "line"))
}
