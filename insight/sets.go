package insight

import (
	"maps"
	"slices"
)

// addTo adds v to the set under k.
func addTo(sets map[string]map[string]bool, k, v string) {
	if sets[k] == nil {
		sets[k] = map[string]bool{}
	}
	sets[k][v] = true
}

// sortedKeys returns the set's members sorted; nil when it is empty.
func sortedKeys(set map[string]bool) []string {
	return slices.Sorted(maps.Keys(set))
}
