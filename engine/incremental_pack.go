package engine

import (
	"bytes"
	"encoding/gob"
	"maps"
	"slices"

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
// checked packages…): one pack per configuration, written by each run
// that analysed something or read an entry from outside it. Its entries
// go without their export data (on the GitHub CLI, 20 MB of the pack's
// 21): a package type-checked this run reads the export data of the
// cached packages it imports from their own records. A run that analysed
// a few packages writes just theirs, over a full pack it names (Base):
// rewriting the 3,000 entries of the synthetic monolith after a one-leaf
// edit cost 130 ms of CPU. Whatever the pack holds, an entry is used only
// under the key it was saved with, so a stale one is never a hit.
type incPack struct {
	Format   string
	Base     string               // the full pack this one's entries are over; "": none
	Keys     map[string]string    // root → the key of its entry
	Entries  map[string]*incEntry // root → its entry, without Export
	Exported map[string]bool      // root → its own record has export data

	baseKeys map[string]string // the full pack's Keys, before this one's (readPack)
}

func (in *incremental) packKey() string {
	return cache.Key(incFormat, "pack", in.base)
}

// readPack reads the pack of this run's base, over its full pack; nil
// when there is none.
func (in *incremental) readPack() *incPack {
	p := in.decodePack(in.packKey())
	if p == nil || p.Base == "" {
		return nil
	}
	full := in.decodePack(p.Base)
	if full == nil || full.Base != "" {
		return nil
	}
	full.Base, full.baseKeys = p.Base, maps.Clone(full.Keys)
	for path, k := range p.Keys {
		full.Keys[path], full.Entries[path], full.Exported[path] = k, p.Entries[path], p.Exported[path]
	}
	return full
}

// decodePack reads the pack record of key.
func (in *incremental) decodePack(key string) *incPack {
	data, ok := in.store.Get(key)
	if !ok {
		return nil
	}
	var p incPack
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&p); err != nil || p.Format != incFormat {
		return nil
	}
	if p.Keys == nil {
		p.Keys, p.Entries, p.Exported = map[string]string{}, map[string]*incEntry{}, map[string]bool{}
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
	if e := in.record(path, key); e != nil {
		return e.Export
	}
	return nil
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
	var baseKeys map[string]string
	if in.pack != nil {
		baseKeys = in.pack.baseKeys
	}
	changed := 0
	for path, k := range keys {
		if baseKeys[path] != k {
			changed++
		}
	}
	// Over the full pack read, unless most of it would be rewritten.
	over := baseKeys != nil && changed <= len(baseKeys)/8
	for path, k := range keys {
		e := in.hits[path]
		if e == nil {
			e = entries[path]
		}
		if e == nil || over && baseKeys[path] == k {
			continue
		}
		packed := *e
		packed.Export = nil
		p.Keys[path], p.Entries[path] = k, &packed
		// A hit read from the last pack has no export data in hand.
		p.Exported[path] = e.Export != nil || in.pack != nil && in.pack.Keys[path] == k && in.pack.Exported[path]
	}
	if over {
		p.Base = in.pack.Base
		return in.putPack(in.packKey(), p)
	}
	// A new full pack, under a key of its content's keys, and the head
	// naming it.
	fullKey := cache.Key(incFormat, "full pack", in.base, cache.Key(slices.Sorted(maps.Values(p.Keys))...))
	return in.putPack(fullKey, p) && in.putPack(in.packKey(), &incPack{Format: incFormat, Base: fullKey})
}

func (in *incremental) putPack(key string, p *incPack) bool {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(p); err != nil {
		return false
	}
	return in.store.Put(key, buf.Bytes()) == nil
}
