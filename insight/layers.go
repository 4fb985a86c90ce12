package insight

// init's layers (issue 21): when today's module graph is layered, the
// proposal declares layers too, so the layer rule guards the direction the
// code already has.

import "slices"

// maxLayers is the most layers init proposes: deeper graphs fold adjacent
// levels together.
const maxLayers = 5

// layerNames are the names of n proposed layers, top first.
var layerNames = map[int][]string{
	2: {"app", "base"},
	3: {"app", "domain", "base"},
	4: {"app", "service", "domain", "base"},
	5: {"app", "service", "domain", "core", "base"},
}

// proposeLayers sets each module's Layer and returns the layers, top first,
// when the module graph of deps (test imports included, as the layer rule
// counts them) has no cycle and at least two levels over three or more
// modules; otherwise nil, and the modules of a cycle (first one repeated
// last) when that is why. A module's level is 0 when it imports no other
// module, else one more than the highest level it imports (its longest
// path down); levels fold evenly into at most maxLayers layers. Every
// import then goes down or, where two levels fold into one layer, sideways
// within a layer, which depends_on (init writes today's) allows: the first
// check passes.
func proposeLayers(mods []ProposedModule, deps map[string]map[string]bool) (layers, cycle []string) {
	if len(mods) < 3 {
		return nil, nil
	}
	level := make(map[string]int, len(mods))
	const visiting = -1
	var path []string // the modules being visited, outermost first
	var visit func(string) bool
	visit = func(m string) bool {
		switch l, seen := level[m]; {
		case seen && l == visiting:
			cycle = append(slices.Clone(path[slices.Index(path, m):]), m)
			return false // a cycle: not layered
		case seen:
			return true
		}
		level[m] = visiting
		path = append(path, m)
		top := 0
		for _, d := range sortedKeys(deps[m]) {
			if !visit(d) {
				return false
			}
			top = max(top, level[d]+1)
		}
		path = path[:len(path)-1]
		level[m] = top
		return true
	}
	height := 0
	for _, m := range mods {
		if !visit(m.Name) {
			return nil, cycle
		}
		height = max(height, level[m.Name]+1)
	}
	if height < 2 {
		return nil, nil
	}
	n := min(height, maxLayers)
	names := layerNames[n]
	for i := range mods {
		// Level 0 is the bottom layer (index n-1), the highest level the top.
		mods[i].Layer = names[n-1-level[mods[i].Name]*n/height]
	}
	used := map[string]bool{}
	for _, m := range mods {
		used[m.Layer] = true
	}
	return slices.DeleteFunc(slices.Clone(names), func(s string) bool { return !used[s] }), nil
}
