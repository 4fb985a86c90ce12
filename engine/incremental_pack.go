package engine

import (
	"bytes"
	"encoding/gob"

	"github.com/archcheck/archcheck/internal/cache"
)

// incPack is the last run's entries, every root's in one record, with the
// key each was saved under. A root whose key this run equals its key in
// the pack reads its entry from the pack: the same entry, under the same
// key, as its own record holds. On the synthetic 3,000-package monolith
// the 3,000 small records (one file and one gob decoder each) cost about
// what type-checking those packages from source does.
//
// It is kept per run base (the config, the Go environment, the set of
// checked packages…): one pack per configuration, replaced by each run
// that analysed something or read an entry from outside it. Its entries
// go without their export data (on the GitHub CLI, 20 MB of the pack's
// 21): a package type-checked this run reads the export data of the
// cached packages it imports from their own records.
type incPack struct {
	Format   string
	Keys     map[string]string    // root → the key of its entry
	Entries  map[string]*incEntry // root → its entry, without Export
	Exported map[string]bool      // root → its own record has export data
}

func (in *incremental) packKey() string {
	return cache.Key(incFormat, "pack", in.base)
}

// readPack reads the pack of this run's base; nil when there is none.
func (in *incremental) readPack() *incPack {
	data, ok := in.store.Get(in.packKey())
	if !ok {
		return nil
	}
	var p incPack
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&p); err != nil || p.Format != incFormat {
		return nil
	}
	return &p
}

// entry returns path's entry when the pack holds it under key.
func (p *incPack) entry(path, key string) *incEntry {
	if p == nil || p.Keys[path] != key {
		return nil
	}
	e := p.Entries[path]
	if e == nil || e.Format != incFormat || e.Path != path {
		return nil
	}
	return e
}

// export reads the export data of path's entry under key from its own
// record, when the pack says it has some; nil else (the importer then
// type-checks path from source).
func (p *incPack) export(in *incremental, path, key string) []byte {
	if p == nil || !p.Exported[path] || p.Keys[path] != key {
		return nil
	}
	data, ok := in.store.Get(key)
	if !ok {
		return nil
	}
	var e incEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil || e.Format != incFormat || e.Path != path {
		return nil
	}
	return e.Export
}

// digest is path's digest in the last run, "" when unknown.
func (p *incPack) digest(path string) string {
	if p == nil || p.Entries[path] == nil {
		return ""
	}
	return p.Entries[path].Digest
}

// writePack replaces the pack with this run's entries (the hits' and
// those analysed, under keys), unless every root was read from it; it
// reports whether it wrote.
func (in *incremental) writePack(keys map[string]string, entries map[string]*incEntry) bool {
	if len(entries) == 0 && in.packed == len(in.g.Packages) {
		return false
	}
	p := &incPack{Format: incFormat, Keys: map[string]string{}, Entries: map[string]*incEntry{}, Exported: map[string]bool{}}
	for path, k := range keys {
		e := in.hits[path]
		if e == nil {
			e = entries[path]
		}
		if e == nil {
			continue
		}
		packed := *e
		packed.Export = nil
		p.Keys[path], p.Entries[path] = k, &packed
		// A hit read from the last pack has no export data in hand.
		p.Exported[path] = e.Export != nil || in.pack != nil && in.pack.Keys[path] == k && in.pack.Exported[path]
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(p); err != nil {
		return false
	}
	return in.store.Put(in.packKey(), buf.Bytes()) == nil
}
