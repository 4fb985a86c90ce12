package engine

import (
	"bytes"
	"encoding/gob"

	"github.com/archcheck/archcheck/internal/cache"
)

// The incremental cache under check --whole-program. The whole-program
// findings span every package, and VTA needs the syntax and types of every
// root to compute them, so they cannot be recomputed from per-package
// summaries as the cycles or the unowned tables are. They are kept as one
// record keyed by every root's key (each of which already covers its
// files, what it imports, the config, the environment and archcheck's
// build): a run in which every root is a hit and that record exists
// type-checks nothing and replays the per-package entries and the record;
// any other run type-checks and analyses every root, as without the cache,
// and writes the per-package entries (which the default mode reads too)
// and the record. The entries hold what a default run needs: the calls
// only --whole-program decides are noted in them, and dropped again from
// the whole-program run's own result (addWholeProgram).

// wpFormat changes whenever the record's layout or its key's meaning does.
const wpFormat = "archcheck-wp-1"

// wpCache is the whole-program part of the incremental cache's state.
type wpCache struct {
	found bool              // the record of this run's keys was read: nothing is analysed
	hit   []incFinding      // its findings
	keys  map[string]string // every root's key, from save; nil: the record is not written
}

// wholeOnly returns, for a --whole-program run, the roots to type-check
// and analyse, given the misses (in.mu held): none when there are none
// and the record exists, else every root (the hits too, which are then no
// longer hits).
func (in *incremental) wholeOnly(want map[string]bool) map[string]bool {
	if len(want) == 0 {
		if fs, ok := in.readWhole(in.keys); ok {
			in.wpc.found, in.wpc.hit = true, fs
			return want
		}
	}
	in.hits = map[string]*incEntry{}
	all := make(map[string]bool, len(in.g.Packages))
	for _, p := range in.g.Packages {
		all[p.ImportPath] = true
	}
	return all
}

// wholeKey is the record's key: every root's, in the graph's order; false
// when one has none.
func (in *incremental) wholeKey(keys map[string]string) (string, bool) {
	parts := []string{wpFormat, in.base}
	for _, p := range in.g.Packages {
		k, ok := keys[p.ImportPath]
		if !ok || k == "" {
			return "", false
		}
		parts = append(parts, p.ImportPath, k)
	}
	return cache.Key(parts...), true
}

func (in *incremental) readWhole(keys map[string]string) ([]incFinding, bool) {
	key, ok := in.wholeKey(keys)
	if !ok {
		return nil, false
	}
	data, ok := in.store.Get(key)
	if !ok {
		return nil, false
	}
	var rec wpRecord
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&rec); err != nil || rec.Format != wpFormat {
		return nil, false
	}
	return rec.Findings, true
}

// wpRecord is what the cache keeps of a whole-program run.
type wpRecord struct {
	Format   string
	Findings []incFinding
}

// wholeHit reports whether this run's whole-program findings come from the
// cache (syncCalls then does not compute them).
func (in *incremental) wholeHit() bool {
	if in == nil {
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.wpc.found
}

// addWholeProgram adds the whole-program findings of a --whole-program run
// to the collector, once the incremental cache has saved the per-package
// entries without them (and replayed the hits): those computed this run
// (and then written to the cache) or read from it. It drops the calls
// noted as undecided since fromUndecided: this run decided them.
func (c *collector) addWholeProgram(s *syncSession, in *incremental, fromUndecided int) {
	if s == nil || !s.whole {
		return
	}
	c.undecided = c.undecided[:fromUndecided]
	fs := s.wpFindings
	if in.wholeHit() {
		fs = in.wpc.hit
	} else if in != nil && in.on() && in.wpc.keys != nil {
		if key, ok := in.wholeKey(in.wpc.keys); ok {
			var buf bytes.Buffer
			if gob.NewEncoder(&buf).Encode(wpRecord{Format: wpFormat, Findings: fs}) == nil {
				_ = in.store.Put(key, buf.Bytes())
			}
		}
	}
	for _, f := range fs {
		c.add(f.Finding, f.Pos)
	}
}
