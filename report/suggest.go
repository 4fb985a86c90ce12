package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/archcheck/archcheck/graph"
	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/rules"
)

// JSONCandidate is the stable JSON shape of one extraction candidate
// (SPEC: `suggest --format json`).
type JSONCandidate struct {
	Module  string      `json:"module"`
	Rank    int         `json:"rank"`
	Score   float64     `json:"score"`
	Metrics JSONMetrics `json:"metrics"`
	Terms   JSONTerms   `json:"terms"`
	Reasons []string    `json:"reasons"`
}

// JSONMetrics are a candidate's metrics. Counts are always present; lists
// are omitted when empty; ratios are rounded to 3 decimals.
type JSONMetrics struct {
	Shared                bool              `json:"shared,omitempty"`
	Program               bool              `json:"program,omitempty"`
	TestSupport           bool              `json:"test_support,omitempty"`
	Generated             bool              `json:"generated,omitempty"`
	Packages              int               `json:"packages"`
	Lines                 int               `json:"lines"`
	Afferent              int               `json:"afferent"`
	Efferent              int               `json:"efferent"`
	Instability           float64           `json:"instability"`
	Abstractness          float64           `json:"abstractness"`
	Distance              float64           `json:"distance"`
	Importers             []string          `json:"importers,omitempty"`
	Imports               []string          `json:"imports,omitempty"`
	UsesShared            []string          `json:"uses_shared,omitempty"`
	InboundSyncCalls      int               `json:"inbound_sync_calls"`
	InboundBlockingCalls  int               `json:"inbound_blocking_calls"`
	OutboundSyncCalls     int               `json:"outbound_sync_calls"`
	OutboundBlockingCalls int               `json:"outbound_blocking_calls"`
	Publishes             int               `json:"publishes"`
	Callers               []string          `json:"callers,omitempty"`
	CallerFunctions       int               `json:"caller_functions"`
	APIUsed               int               `json:"api_used"`
	APIFunctions          []string          `json:"api_functions,omitempty"`
	LeakedTypes           []string          `json:"leaked_types,omitempty"`
	LeakedInto            []string          `json:"leaked_into,omitempty"`
	BlockingIO            []string          `json:"blocking_io,omitempty"`
	IOCalls               []string          `json:"io_calls,omitempty"`
	InCycle               bool              `json:"in_cycle"`
	CycleWith             []string          `json:"cycle_with,omitempty"`
	InternalEdges         int               `json:"internal_edges"`
	ExternalEdges         int               `json:"external_edges"`
	Cohesion              float64           `json:"cohesion"`
	TablesRead            []string          `json:"tables_read,omitempty"`
	TablesWritten         []string          `json:"tables_written,omitempty"`
	SharedTables          []JSONSharedTable `json:"shared_tables,omitempty"`
	Changes               *JSONChanges      `json:"changes,omitempty"`
}

// JSONChanges is a module's change history in the window.
type JSONChanges struct {
	Commits int            `json:"commits"`
	Alone   int            `json:"alone"`
	With    map[string]int `json:"with,omitempty"` // encoding/json sorts map keys
}

// JSONSharedTable is a table a module shares with others, one side writing.
type JSONSharedTable struct {
	Table         string   `json:"table"`
	Writes        bool     `json:"writes"`
	Others        []string `json:"others"`
	OthersWriting []string `json:"others_writing,omitempty"`
}

// JSONTerms are the score's factors (docs/suggest.md).
type JSONTerms struct {
	Inbound  float64 `json:"inbound"`
	Outbound float64 `json:"outbound"`
	Data     float64 `json:"data"`
	Cohesion float64 `json:"cohesion"`
	Sync     float64 `json:"sync"`
	Outside  float64 `json:"outside"`
	History  float64 `json:"history"` // -1 without change history
	Cycle    float64 `json:"cycle"`
	Role     float64 `json:"role"`
	Size     float64 `json:"size"`
	Reach    float64 `json:"reach"`
}

// JSONClustering is `suggest --split`'s comparison of declared modules and
// natural clusters.
type JSONClustering struct {
	Seed      int           `json:"seed"`
	QDeclared float64       `json:"modularity_declared"`
	QClusters float64       `json:"modularity_clusters"`
	Splits    []JSONSplit   `json:"splits"`
	Merges    []JSONMerge   `json:"merges"`
	Clusters  []JSONCluster `json:"clusters"`
}

// JSONSplit is a module whose packages fall into several clusters.
type JSONSplit struct {
	Module     string     `json:"module"`
	Parts      [][]string `json:"parts"`
	Names      []string   `json:"names"`       // per part: its shortest package and how many more
	Lines      []int      `json:"lines"`       // per part
	ImportsCut int        `json:"imports_cut"` // package imports between the parts
}

// JSONMerge is a cluster holding several modules.
type JSONMerge struct {
	Modules  []string `json:"modules"`
	Packages []string `json:"packages"`
	Lines    int      `json:"lines"`
}

// JSONCluster is one natural cluster.
type JSONCluster struct {
	Packages []string       `json:"packages"`
	Modules  map[string]int `json:"modules"` // encoding/json sorts map keys
}

// JSONHistory says which change history the ranking used.
type JSONHistory struct {
	Since   string `json:"since,omitempty"`
	Commits int    `json:"commits"`
	Missing string `json:"missing,omitempty"`
}

type suggestDoc struct {
	Version    string          `json:"version"`
	Schema     int             `json:"schema"`
	Notes      []string        `json:"notes,omitempty"`
	History    *JSONHistory    `json:"history,omitempty"`
	Candidates []JSONCandidate `json:"candidates"`
	Split      *JSONClustering `json:"split,omitempty"`
}

func r3(x float64) float64 { return math.Round(x*1000) / 1000 }

// CandidateJSON converts a candidate to its JSON shape.
func CandidateJSON(c insight.Candidate) JSONCandidate {
	m := c.Metrics
	jm := JSONMetrics{
		Shared: m.Shared, Program: m.Program, TestSupport: m.TestSupport, Generated: m.Generated, Packages: m.Packages, Lines: m.Lines,
		Afferent: m.Afferent, Efferent: m.Efferent, Instability: r3(m.Instability),
		Abstractness: r3(m.Abstractness), Distance: r3(m.Distance),
		Importers: m.Importers, Imports: m.Imports, UsesShared: m.UsesShared,
		InboundSyncCalls: m.InboundCalls, InboundBlockingCalls: m.InboundBlockingCalls,
		OutboundSyncCalls: m.OutboundCalls, OutboundBlockingCalls: m.OutboundBlockingCalls,
		Publishes: m.Publishes, Callers: m.Callers, CallerFunctions: m.CallerFuncs,
		APIUsed: len(m.APIUsed), APIFunctions: m.APIUsed, LeakedTypes: m.LeakedTypes, LeakedInto: m.LeakedInto,
		BlockingIO: kindStrings(m.BlockingIO), IOCalls: m.IOCalls, InCycle: m.InCycle, CycleWith: m.CycleWith,
		InternalEdges: m.InternalEdges, ExternalEdges: m.ExternalEdges, Cohesion: r3(m.Cohesion),
		TablesRead: m.TablesRead, TablesWritten: m.TablesWritten,
	}
	for _, st := range m.SharedTables {
		jm.SharedTables = append(jm.SharedTables, JSONSharedTable{Table: st.Table, Writes: st.Write, Others: st.Others, OthersWriting: st.OthersWrite})
	}
	if ch := m.Changes; ch != nil {
		jm.Changes = &JSONChanges{Commits: ch.Commits, Alone: ch.Alone, With: ch.With}
		if len(ch.With) == 0 {
			jm.Changes.With = nil
		}
	}
	t := c.Terms
	return JSONCandidate{Module: c.Module, Rank: c.Rank, Score: c.Score, Metrics: jm, Reasons: c.Reasons,
		Terms: JSONTerms{Inbound: r3(t.Inbound), Outbound: r3(t.Outbound), Data: r3(t.Data),
			Cohesion: r3(t.Cohesion), Sync: r3(t.Sync), Outside: r3(t.Outside), History: r3(t.History),
			Cycle: t.Cycle, Role: t.Role, Size: r3(t.Size), Reach: r3(t.Reach)}}
}

func kindStrings(ks []rules.Kind) []string {
	var out []string
	for _, k := range ks {
		out = append(out, string(k))
	}
	return out
}

// ClusteringJSON converts a clustering to its JSON shape.
func ClusteringJSON(cl *graph.Clustering) *JSONClustering {
	j := &JSONClustering{Seed: graph.LouvainSeed, QDeclared: r3(cl.QDeclared), QClusters: r3(cl.QFound),
		Splits: []JSONSplit{}, Merges: []JSONMerge{}, Clusters: []JSONCluster{}}
	for _, s := range cl.Splits {
		j.Splits = append(j.Splits, JSONSplit{Module: s.Module, Parts: s.Parts, Names: s.Names, Lines: s.Lines, ImportsCut: s.ImportsCut})
	}
	for _, m := range cl.Merges {
		j.Merges = append(j.Merges, JSONMerge{Modules: m.Modules, Packages: m.Packages, Lines: m.Lines})
	}
	for _, c := range cl.Clusters {
		mods := map[string]int{}
		for k, v := range c.Modules {
			if k == "" {
				k = "(unassigned)"
			}
			mods[k] = v
		}
		j.Clusters = append(j.Clusters, JSONCluster{Packages: c.Packages, Modules: mods})
	}
	return j
}

// WriteSuggestJSON writes the `suggest --format json` document; split may
// be nil.
func WriteSuggestJSON(w io.Writer, version string, r *insight.Ranking, split *graph.Clustering) error {
	doc := suggestDoc{Version: version, Schema: Schema, Notes: r.Notes, Candidates: make([]JSONCandidate, 0, len(r.Candidates))}
	if h := r.History; h != nil {
		doc.History = &JSONHistory{Since: h.Since, Commits: len(h.Commits), Missing: h.Missing}
	}
	for _, c := range r.Candidates {
		doc.Candidates = append(doc.Candidates, CandidateJSON(c))
	}
	if split != nil {
		doc.Split = ClusteringJSON(split)
	}
	return EncodeJSON(w, doc)
}

// WriteSuggestText writes the ranked candidates for people: one block per
// module with its score, key metrics and reasons, after the ranking's
// notes; split (may be nil) adds one line per module to split or merge.
func WriteSuggestText(w io.Writer, r *insight.Ranking, split *graph.Clustering) error {
	ew := &errWriter{w: w}
	cands := r.Candidates
	ew.printf("Extraction candidates, best first (score 0–1; the formula is in docs/suggest.md)\n")
	if h := r.History; h != nil && h.Missing == "" {
		ew.printf("Change history: %s since %s\n", countOf(len(h.Commits), "commit"), h.Since)
	}
	for _, n := range r.Notes {
		ew.printf("\nNote: %s.\n", n)
	}
	width := 0
	for _, c := range cands {
		width = max(width, len(c.Module))
	}
	others := false
	for _, c := range cands {
		m := c.Metrics
		if c.Terms.Role != 1 && !others {
			others = true
			ew.printf("\nShared modules, programs and test support (libraries, wiring and test helpers rather than services):\n")
		}
		ew.printf("\n%2d. %-*s  %.3f\n", c.Rank, width, c.Module, c.Score)
		ew.printf("    Ca %d  Ce %d  I %.2f  A %.2f  cohesion %.2f  calls in %d (%d blocking), out %d (%d blocking)  API used %d  %s, %s\n",
			m.Afferent, m.Efferent, m.Instability, m.Abstractness, m.Cohesion,
			m.InboundCalls, m.InboundBlockingCalls, m.OutboundCalls, m.OutboundBlockingCalls,
			len(m.APIUsed), countOf(m.Packages, "package"), countOf(m.Lines, "line"))
		if t := tablesLine(m); t != "" {
			ew.printf("    tables: %s\n", t)
		}
		for _, r := range c.Reasons {
			ew.printf("    - %s\n", r)
		}
	}
	if split != nil {
		writeSplitText(ew, split)
	}
	return ew.err
}

func tablesLine(m *graph.Metrics) string {
	var parts []string
	if len(m.TablesWritten) > 0 {
		parts = append(parts, "writes "+strings.Join(m.TablesWritten, ", "))
	}
	if len(m.TablesRead) > 0 {
		parts = append(parts, "reads "+strings.Join(m.TablesRead, ", "))
	}
	return strings.Join(parts, "; ")
}

// writeSplitText prints one line per declared module that the natural
// clusters cut in parts (the parts named after their common folder, with
// their sizes, and the imports the cut removes), then one line per cluster
// holding several modules.
func writeSplitText(ew *errWriter, cl *graph.Clustering) {
	ew.printf("\nNatural clusters (Louvain on the package graph weighted by imports and calls, seed %d)\n", graph.LouvainSeed)
	ew.printf("modularity: declared modules %.3f, clusters found %.3f\n", cl.QDeclared, cl.QFound)
	if len(cl.Splits) == 0 && len(cl.Merges) == 0 {
		ew.printf("\nthe declared modules agree with the natural clusters\n")
		return
	}
	if len(cl.Splits) > 0 {
		ew.printf("\n")
	}
	for _, s := range cl.Splits {
		var parts []string
		for i, part := range s.Parts {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", s.Names[i], countOf(len(part), "package"), countOf(s.Lines[i], "line")))
		}
		ew.printf("split %s: %s; cuts %s\n", s.Module, strings.Join(parts, " + "), countOf(s.ImportsCut, "import"))
	}
	if len(cl.Merges) > 0 {
		ew.printf("\n")
	}
	for _, m := range cl.Merges {
		ew.printf("merge %s: they cluster together (%s, %s)\n", andJoin(m.Modules), countOf(len(m.Packages), "package"), countOf(m.Lines, "line"))
	}
}

func andJoin(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// errWriter keeps the first write error, so writers can print freely.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
