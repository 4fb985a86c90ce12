package baseline

import (
	"slices"

	"github.com/archcheck/archcheck/rules"
)

// Scope tells whether a key was checked by this run: its rule ran and its
// package was loaded. An entry out of scope is never stale, and Update keeps
// it as it is. A nil Scope puts every key in scope.
type Scope func(Key) bool

// Count is a key with the number of findings the baseline accepts and the
// number this run found.
type Count struct {
	Key
	Allowed, Found int
}

// Over is a key with more findings than the baseline accepts. Since entries
// carry no lines, which of them is new cannot be told: Match reports the
// last ones in finding order as new, and Findings lists them all.
type Over struct {
	Count
	Findings []rules.Finding
}

// Result is a run's findings matched against a baseline.
type Result struct {
	New       []rules.Finding // not accepted by the baseline, in input order
	Baselined int             // findings the baseline accepted
	Over      []Over          // keys found more often than accepted, sorted by key
	Stale     []Count         // entries in scope found less often than accepted, sorted by key
}

// Match splits fs (sorted, as the engine returns them) into the findings the
// baseline accepts and the new ones, and finds the stale entries. A nil
// baseline accepts nothing.
func (b *File) Match(fs []rules.Finding, inScope Scope) *Result {
	allowed := map[Key]int{}
	if b != nil {
		allowed = b.counts()
	}
	res := &Result{}
	found := map[Key]int{}
	keys := make([]Key, len(fs))
	for i, f := range fs {
		k := KeyOf(f)
		keys[i] = k
		found[k]++
		if found[k] <= allowed[k] {
			res.Baselined++
		} else {
			res.New = append(res.New, f)
		}
	}
	over := map[Key]int{} // key -> index in res.Over
	for i, k := range keys {
		n := allowed[k]
		if n == 0 || found[k] <= n {
			continue
		}
		j, ok := over[k]
		if !ok {
			j = len(res.Over)
			over[k] = j
			res.Over = append(res.Over, Over{Count: Count{k, n, found[k]}})
		}
		res.Over[j].Findings = append(res.Over[j].Findings, fs[i])
	}
	slices.SortFunc(res.Over, func(x, y Over) int { return x.Key.compare(y.Key) })
	if b != nil {
		for _, e := range b.Entries {
			if n := found[e.Key]; n < e.Count && in(inScope, e.Key) {
				res.Stale = append(res.Stale, Count{e.Key, e.Count, n})
			}
		}
	}
	return res
}

func in(s Scope, k Key) bool { return s == nil || s(k) }

// Update is the ratchet: the baseline with each entry in scope lowered to
// what this run found, and entries out of scope kept. With acceptNew it also
// raises counts and adds keys to accept every finding of fs. The result
// carries version, and b's module.
func (b *File) Update(version string, fs []rules.Finding, inScope Scope, acceptNew bool) *File {
	counts := map[Key]int{}
	if b != nil {
		counts = b.counts()
	}
	found := map[Key]int{}
	for _, f := range fs {
		found[KeyOf(f)]++
	}
	for k, n := range counts {
		if in(inScope, k) && found[k] < n {
			counts[k] = found[k]
		}
	}
	if acceptNew {
		for k, n := range found {
			counts[k] = max(counts[k], n)
		}
	}
	u := fromCounts(version, counts)
	if b != nil {
		u.Module = b.Module
	}
	return u
}
