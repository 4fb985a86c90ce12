package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"

	"github.com/archcheck/archcheck/insight"
	"github.com/archcheck/archcheck/report"
)

// TestOneSetOfNumbers checks SPEC "One set of numbers" on the fixtures and
// on std: for every module pair, the graph edge's blocking_calls, suggest's
// inbound and outbound blocking calls, impact's per-module blocking call
// sites (and the sites of its direct callers, counted by its own walk) and
// the report's candidates agree.
func TestOneSetOfNumbers(t *testing.T) {
	type corpus struct{ name, dir, config, pattern string }
	corpora := []corpus{
		{"shop", filepath.Join("..", "..", "testdata", "shop"), "", ""},
		{"market", market, "", ""},
	}
	if !testing.Short() {
		cfg, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "std", "archcheck.yaml"))
		corpora = append(corpora, corpus{"std", filepath.Join(runtime.GOROOT(), "src"), cfg, "std"})
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			g := &globalOptions{dir: c.dir, config: c.config, stderr: io.Discard, machine: true}
			var args []string
			if c.pattern != "" {
				args = []string{c.pattern}
			}
			v, res, _, err := analyzeView(context.Background(), g, report.LevelModule, "", args, io.Discard, false)
			if err != nil {
				t.Fatal(err)
			}
			doc := report.ToJSONGraph("test", v)
			shared := map[string]bool{}
			for _, n := range doc.Nodes {
				shared[n.ID] = n.Shared
			}
			type pair struct{ from, to string }
			edges := map[pair]report.JSONGraphEdge{}
			in, out := map[string]int{}, map[string]int{}
			total := 0
			for _, e := range doc.Edges {
				edges[pair{e.From, e.To}] = e
				in[e.To] += e.BlockingCalls
				if !shared[e.To] {
					out[e.From] += e.BlockingCalls
				}
				total += e.BlockingCalls
			}
			if total == 0 {
				t.Fatal("no blocking calls between modules: the corpus tests nothing")
			}
			cands := insight.Suggest(res.Graph, nil)
			for _, cand := range cands {
				m := report.CandidateJSON(cand).Metrics
				if m.InboundBlockingCalls != in[cand.Module] || m.OutboundBlockingCalls != out[cand.Module] {
					t.Errorf("%s: suggest says %d in, %d out blocking; graph edges %d in, %d out",
						cand.Module, m.InboundBlockingCalls, m.OutboundBlockingCalls, in[cand.Module], out[cand.Module])
				}
				im, err := insight.ComputeImpact(res.Graph, cand.Module)
				if err != nil {
					t.Fatal(err)
				}
				sites := map[string]int{}
				for _, b := range im.Blocked {
					sites[b.Module] += b.Sites
				}
				listed := map[string]bool{}
				for _, im := range im.Modules {
					listed[im.Module] = true
					e := edges[pair{im.Module, cand.Module}]
					if im.BlockingCalls != e.BlockingCalls || sites[im.Module] != e.BlockingCalls {
						t.Errorf("impact %s: %s has %d blocking call sites (its functions' sites sum to %d); the graph edge has %d",
							cand.Module, im.Module, im.BlockingCalls, sites[im.Module], e.BlockingCalls)
					}
				}
				for p, e := range edges {
					if p.to == cand.Module && e.BlockingCalls > 0 && !listed[p.from] {
						t.Errorf("impact %s leaves out %s, whose edge has %d blocking calls", cand.Module, p.from, e.BlockingCalls)
					}
				}
			}
			if c.name != "shop" {
				return
			}
			// The report embeds the same candidates (its panel shows their
			// metrics), computed by the same run.
			html := filepath.Join(t.TempDir(), "r.html")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-C", c.dir, "report", "--no-sql", "-o", html}, &stdout, &stderr); code != 0 {
				t.Fatalf("report: exit %d: %s", code, stderr.String())
			}
			page, err := os.ReadFile(html)
			if err != nil {
				t.Fatal(err)
			}
			blob := regexp.MustCompile(`<script type="application/json" id="archcheck-data">(.*?)</script>`).FindSubmatch(page)
			if blob == nil {
				t.Fatal("no archcheck-data in the report")
			}
			var data struct {
				Candidates []report.JSONCandidate `json:"candidates"`
			}
			if err := json.Unmarshal(blob[1], &data); err != nil {
				t.Fatal(err)
			}
			for i, cand := range cands {
				want := report.CandidateJSON(cand).Metrics
				got := data.Candidates[i].Metrics
				if got.Afferent != want.Afferent || got.Efferent != want.Efferent || got.Instability != want.Instability ||
					got.InboundBlockingCalls != want.InboundBlockingCalls || got.OutboundBlockingCalls != want.OutboundBlockingCalls {
					t.Errorf("%s: the report's numbers %+v differ from suggest's %+v", cand.Module, got, want)
				}
			}
		})
	}
}
