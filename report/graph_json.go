package report

import "io"

// JSONGraph is the `graph --format json` document (SPEC: add fields freely,
// never rename).
type JSONGraph struct {
	Version string          `json:"version"`
	Schema  int             `json:"schema"`
	Level   string          `json:"level"`
	Focus   string          `json:"focus,omitempty"`
	Nodes   []JSONGraphNode `json:"nodes"`
	Edges   []JSONGraphEdge `json:"edges"`
}

// JSONGraphNode is a module, a package or an event seam.
type JSONGraphNode struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`             // module, package or seam
	Module   string `json:"module,omitempty"` // package level: the package's module
	Shared   bool   `json:"shared,omitempty"`
	Template string `json:"template,omitempty"` // the template that expanded the module
	Layer    string `json:"layer,omitempty"`
	Packages int    `json:"packages"`
	Lines    int    `json:"lines"`
}

// JSONGraphEdge carries the counts between two nodes.
type JSONGraphEdge struct {
	From          string   `json:"from"`
	To            string   `json:"to"`
	Imports       int      `json:"imports"`
	Calls         int      `json:"calls"`
	BlockingCalls int      `json:"blocking_calls"`
	Publishes     int      `json:"publishes"`
	Reads         int      `json:"reads,omitempty"`  // graph --data: statements reading the table
	Writes        int      `json:"writes,omitempty"` // graph --data: statements writing the table
	Violations    []string `json:"violations"`
}

// ToJSONGraph converts a view to its JSON shape.
func ToJSONGraph(version string, v *GraphView) JSONGraph {
	doc := JSONGraph{Version: version, Schema: Schema, Level: v.Level, Focus: v.Focus,
		Nodes: make([]JSONGraphNode, 0, len(v.Nodes)), Edges: make([]JSONGraphEdge, 0, len(v.Edges))}
	for _, n := range v.Nodes {
		doc.Nodes = append(doc.Nodes, JSONGraphNode{ID: n.ID, Kind: n.Kind, Module: n.Module,
			Shared: n.Shared, Template: n.Template, Layer: n.Layer, Packages: n.Packages, Lines: n.Lines})
	}
	for _, e := range v.Edges {
		viol := e.Violations
		if viol == nil {
			viol = []string{}
		}
		doc.Edges = append(doc.Edges, JSONGraphEdge{From: e.From, To: e.To, Imports: e.Imports, Calls: e.Calls,
			BlockingCalls: e.BlockingCalls, Publishes: e.Publishes, Reads: e.Reads, Writes: e.Writes, Violations: viol})
	}
	return doc
}

// WriteGraphJSON writes the `graph --format json` document.
func WriteGraphJSON(w io.Writer, version string, v *GraphView) error {
	return EncodeJSON(w, ToJSONGraph(version, v))
}
