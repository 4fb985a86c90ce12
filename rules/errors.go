package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ConfigError is one problem in a config file, at a position.
type ConfigError struct {
	File string
	Pos  Pos
	Msg  string
}

// Error returns "FILE:LINE:COL: message".
func (e *ConfigError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errors is every problem found in a config file. Parse and CheckPackages
// return it as *Errors; its Error method gives one "FILE:LINE:COL: message"
// line per problem, sorted by position.
type Errors []*ConfigError

// Error returns the problems, sorted by file and position, one per line.
func (e *Errors) Error() string {
	return strings.Join(e.Lines(), "\n")
}

// Unwrap returns the individual problems, for errors.Is and errors.As.
func (e *Errors) Unwrap() []error {
	if e == nil {
		return nil
	}
	out := make([]error, len(*e))
	for i, x := range *e {
		out[i] = x
	}
	return out
}

// Lines returns the problems as sorted "FILE:LINE:COL: message" lines,
// without duplicates.
func (e *Errors) Lines() []string {
	if e == nil {
		return nil
	}
	list := slices.Clone(*e)
	sortErrors(list)
	lines := make([]string, 0, len(list))
	for _, x := range list {
		s := x.Error()
		if len(lines) == 0 || lines[len(lines)-1] != s {
			lines = append(lines, s)
		}
	}
	return lines
}

// sortErrors sorts by file, line, column and message.
func sortErrors(list []*ConfigError) {
	slices.SortStableFunc(list, func(a, b *ConfigError) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// closest returns the candidate closest to name, if it is close enough to
// be a likely typo ("billng" for "billing"), else "".
func closest(name string, candidates []string) string {
	lname := strings.ToLower(name)
	limit := 1
	switch n := len([]rune(name)); {
	case n > 8:
		limit = 3
	case n > 3:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		// A suggestion must keep some of the name: "b" is not a typo of "a".
		if d := editDistance(lname, lc); d < bestD && d < len(lname) && d < len(lc) {
			best, bestD = c, d
		}
	}
	return best
}

// didYouMean returns ` (did you mean "x"?)` for a close candidate, else "".
func didYouMean(name string, candidates []string) string {
	if c := closest(name, candidates); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
// Names longer than 64 runes are not compared (distance 64).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 64
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
