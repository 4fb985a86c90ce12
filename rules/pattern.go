package rules

import (
	"fmt"
	"strings"
	"unicode"
)

// matchMode selects the matching strategy precomputed for a pattern.
type matchMode uint8

const (
	matchNone    matchMode = iota // matches nothing: zero Pattern, or `./` pattern before Bind
	matchExact                    // no wildcards: compare with str
	matchPrefix                   // literal elements then a single trailing "...": str or str/…
	matchGeneral                  // anything else: element-wise wildcard matching
)

// Pattern ranks, the second key of specificity (see Config.ModuleOf).
const (
	rankDots  = 0 // the pattern contains "..."
	rankStar  = 1 // the pattern contains "*" but no "..."
	rankExact = 2 // the pattern has no wildcard
)

const (
	dots = "..."
	star = "*"
)

// CompilePattern checks and compiles one package pattern.
//
// A pattern is either relative, `./a/b/...` (or `.`, the main module's root
// package), naming directories under the main module's root, or a full
// import path such as `github.com/pkg/errors` or `net/...`. Elements are
// separated by single slashes; `...` (zero or more elements) and `*` (exactly
// one element) must be whole elements; `.` and `..` elements, empty elements,
// leading or trailing slashes, whitespace and characters that cannot appear
// in an import path are rejected.
//
// A full import-path pattern is ready to Match. A relative pattern matches
// nothing until it is bound to a module path with Pattern.Bind or
// Config.Bind, since "./" means nothing without a main module.
func CompilePattern(raw string) (Pattern, error) {
	if raw == "" {
		return Pattern{}, fmt.Errorf("empty pattern")
	}
	if err := checkPatternChars(raw); err != nil {
		return Pattern{}, fmt.Errorf("invalid pattern %q: %w", raw, err)
	}
	p := Pattern{Raw: raw, compiled: true}
	body := raw
	switch {
	case raw == ".":
		p.rel = true
		body = ""
	case strings.HasPrefix(raw, "./"):
		p.rel = true
		body = raw[2:]
		if body == "" {
			return Pattern{}, fmt.Errorf("invalid pattern %q: ends with a slash (write \".\" for the module root or \"./...\" for all of it)", raw)
		}
	}
	if strings.HasPrefix(body, "/") {
		return Pattern{}, fmt.Errorf("invalid pattern %q: starts with a slash", raw)
	}
	if strings.HasSuffix(body, "/") {
		return Pattern{}, fmt.Errorf("invalid pattern %q: ends with a slash", raw)
	}
	var elems []string
	if body != "" {
		elems = strings.Split(body, "/")
	}
	for _, e := range elems {
		if err := checkElem(e); err != nil {
			return Pattern{}, fmt.Errorf("invalid pattern %q: %w", raw, err)
		}
	}
	if p.rel {
		p.relElems = elems
		return p, nil
	}
	p.setElems(elems)
	return p, nil
}

// checkPatternChars rejects characters that cannot appear in an import path
// (the set go/build rejects), other than the `*` wildcard.
func checkPatternChars(raw string) error {
	for _, r := range raw {
		switch {
		case unicode.IsSpace(r):
			return fmt.Errorf("contains whitespace")
		case !unicode.IsGraphic(r) || r == unicode.ReplacementChar:
			return fmt.Errorf("contains invalid character %q", r)
		case strings.ContainsRune("!\"#$%&'(),:;<=>?[\\]^`{|}", r):
			return fmt.Errorf("contains invalid character %q", r)
		}
	}
	return nil
}

// checkElem validates one path element of a pattern.
func checkElem(e string) error {
	switch {
	case e == "":
		return fmt.Errorf("has an empty path element")
	case e == "." || e == "..":
		return fmt.Errorf("%q elements are not allowed (only a leading \"./\")", e)
	case e == dots || e == star:
		return nil
	case strings.Contains(e, dots):
		return fmt.Errorf("\"...\" must be a whole path element")
	case strings.Contains(e, star):
		return fmt.Errorf("\"*\" must be a whole path element")
	}
	return nil
}

// Bind returns the pattern resolved against the main module's path: for a
// relative pattern, `./x/...` becomes modulePath+"/x/..." (just "x/..." when
// modulePath is "std", whose packages carry no prefix). With an empty
// modulePath a relative pattern matches nothing. Other patterns are returned
// unchanged. A Pattern written as a literal (Pattern{Raw: "./x/..."}) is
// compiled from Raw first; if Raw is invalid it keeps matching nothing.
func (p Pattern) Bind(modulePath string) Pattern {
	if !p.compiled {
		q, err := CompilePattern(p.Raw)
		if err != nil {
			return p
		}
		q.Pos = p.Pos
		p = q
	}
	if !p.rel {
		return p
	}
	switch modulePath {
	case "":
		p.elems, p.mode, p.lit, p.rank, p.str = nil, matchNone, 0, 0, ""
		return p
	case "std":
		p.setElems(append([]string(nil), p.relElems...))
		return p
	}
	prefix := strings.Split(strings.Trim(modulePath, "/"), "/")
	elems := make([]string, 0, len(prefix)+len(p.relElems))
	elems = append(append(elems, prefix...), p.relElems...)
	p.setElems(elems)
	return p
}

// setElems stores the (bound) elements and precomputes the matching
// strategy and the specificity.
func (p *Pattern) setElems(elems []string) {
	p.elems = elems
	p.lit, p.rank = 0, rankExact
	firstWild := -1
	for i, e := range elems {
		switch e {
		case dots:
			p.rank = rankDots
		case star:
			if p.rank == rankExact {
				p.rank = rankStar
			}
		default:
			p.lit++
			continue
		}
		if firstWild < 0 {
			firstWild = i
		}
	}
	switch {
	case firstWild < 0:
		p.mode, p.str = matchExact, strings.Join(elems, "/")
	case firstWild == len(elems)-1 && elems[firstWild] == dots:
		p.mode, p.str = matchPrefix, strings.Join(elems[:firstWild], "/")
	default:
		p.mode, p.str = matchGeneral, ""
	}
}

// Relative reports whether the pattern is written relative to the main
// module's root ("./…" or ".").
func (p Pattern) Relative() bool { return p.rel }

// Bound reports whether the pattern can match anything: it was compiled and,
// if relative, bound to a non-empty module path.
func (p Pattern) Bound() bool { return p.mode != matchNone }

// String returns the pattern as written.
func (p Pattern) String() string { return p.Raw }

// Match reports whether the (bound) pattern matches the import path. A
// relative pattern that was not bound, and a Pattern not made by
// CompilePattern, match nothing. Match does not allocate.
func (p Pattern) Match(importPath string) bool {
	switch p.mode {
	case matchExact:
		return importPath == p.str
	case matchPrefix:
		if p.str == "" {
			return true
		}
		n := len(p.str)
		return strings.HasPrefix(importPath, p.str) && (len(importPath) == n || importPath[n] == '/')
	case matchGeneral:
		return matchElems(p.elems, importPath)
	}
	return false
}

// matchElems matches pattern elements against the slash-separated elements
// of path: "..." matches any run of elements, "*" one element, anything else
// itself. It is the classic wildcard algorithm with a single backtracking
// point (the last "..." seen), so it runs in O(len(elems)·len(path)) without
// allocating.
func matchElems(elems []string, path string) bool {
	n := len(path)
	pos := 0 // start of the next path element; n+1 once the path is consumed
	if path == "" {
		pos = n + 1
	}
	pi := 0
	starPi, starPos := -1, 0
	for pos <= n {
		if pi < len(elems) {
			e := elems[pi]
			if e == dots {
				starPi, starPos = pi, pos
				pi++
				continue
			}
			elem, next := nextElem(path, pos)
			if e == star || e == elem {
				pi, pos = pi+1, next
				continue
			}
		}
		if starPi < 0 {
			return false
		}
		// Let the last "..." absorb one more element and retry after it.
		_, starPos = nextElem(path, starPos)
		pi, pos = starPi+1, starPos
	}
	for pi < len(elems) && elems[pi] == dots {
		pi++
	}
	return pi == len(elems)
}

// nextElem returns the path element starting at pos and the start of the
// one after it (len(path)+1 at the end).
func nextElem(path string, pos int) (string, int) {
	i := strings.IndexByte(path[pos:], '/')
	if i < 0 {
		return path[pos:], len(path) + 1
	}
	return path[pos : pos+i], pos + i + 1
}

// moreSpecific reports whether p is strictly more specific than q: more
// literal elements, or as many and a better rank (exact > `*` > `...`).
func (p *Pattern) moreSpecific(q *Pattern) bool {
	if p.lit != q.lit {
		return p.lit > q.lit
	}
	return p.rank > q.rank
}

// sameSpecificity reports whether neither of p and q is more specific.
func (p *Pattern) sameSpecificity(q *Pattern) bool {
	return p.lit == q.lit && p.rank == q.rank
}
