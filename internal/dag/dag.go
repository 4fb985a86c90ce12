// Package dag makes a directed graph acyclic, for schedulers that run a
// node after the nodes it points to: an import cycle (which go list reports
// but still describes) must not make them wait for ever.
package dag

// Prune returns succ without the back edges of a depth-first search that
// starts from the nodes in index order and follows edges in their given
// order: the result has no cycle, keeps every edge that lies on no cycle,
// and is the same for the same input. succ[v] lists the nodes v points to.
func Prune(succ [][]int) [][]int {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]byte, len(succ))
	out := make([][]int, len(succ))
	type frame struct{ v, next int }
	for start := range succ {
		if state[start] != unseen {
			continue
		}
		stack := []frame{{start, 0}}
		state[start] = onPath
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(succ[top.v]) {
				state[top.v] = done
				stack = stack[:len(stack)-1]
				continue
			}
			w := succ[top.v][top.next]
			top.next++
			switch state[w] {
			case onPath: // a back edge: it closes a cycle
				continue
			case unseen:
				state[w] = onPath
				stack = append(stack, frame{w, 0})
			}
			out[top.v] = append(out[top.v], w)
		}
	}
	return out
}
