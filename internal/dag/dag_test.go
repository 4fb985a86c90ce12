package dag

import (
	"slices"
	"testing"
)

func TestPrune(t *testing.T) {
	for _, tc := range []struct {
		name      string
		succ, out [][]int
	}{
		{"acyclic kept whole", [][]int{{1, 2}, {2}, {}}, [][]int{{1, 2}, {2}, {}}},
		{"two-cycle", [][]int{{1}, {0}}, [][]int{{1}, nil}},
		{"self loop", [][]int{{0, 1}, {}}, [][]int{{1}, nil}},
		{"cycle with a tail", [][]int{{1}, {2}, {0, 3}, {}}, [][]int{{1}, {2}, {3}, nil}},
		{"cross edge kept", [][]int{{1, 2}, {}, {1}}, [][]int{{1, 2}, nil, {1}}},
	} {
		got := Prune(tc.succ)
		for v := range got {
			if !slices.Equal(got[v], tc.out[v]) && !(len(got[v]) == 0 && len(tc.out[v]) == 0) {
				t.Errorf("%s: node %d: %v, want %v", tc.name, v, got[v], tc.out[v])
			}
		}
		if hasCycle(got) {
			t.Errorf("%s: result has a cycle: %v", tc.name, got)
		}
	}
}

func hasCycle(succ [][]int) bool {
	state := make([]int, len(succ))
	var visit func(int) bool
	visit = func(v int) bool {
		state[v] = 1
		for _, w := range succ[v] {
			if state[w] == 1 || state[w] == 0 && visit(w) {
				return true
			}
		}
		state[v] = 2
		return false
	}
	for v := range succ {
		if state[v] == 0 && visit(v) {
			return true
		}
	}
	return false
}

// FuzzPrune: whatever the graph, the result is acyclic and a subset.
func FuzzPrune(f *testing.F) {
	f.Add([]byte{0, 1, 1, 0, 2, 2})
	f.Fuzz(func(t *testing.T, edges []byte) {
		const n = 8
		succ := make([][]int, n)
		for i := 0; i+1 < len(edges); i += 2 {
			succ[edges[i]%n] = append(succ[edges[i]%n], int(edges[i+1]%n))
		}
		got := Prune(succ)
		if hasCycle(got) {
			t.Fatalf("cycle left in %v from %v", got, succ)
		}
		for v := range got {
			for _, w := range got[v] {
				if !slices.Contains(succ[v], w) {
					t.Fatalf("edge %d→%d not in the input", v, w)
				}
			}
		}
	})
}
