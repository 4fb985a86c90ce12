package rules

import (
	"fmt"
	"path"
	"strings"
	"unicode"
)

// blockingForms is the hint appended to malformed blocking entries.
const blockingForms = "expected importpath.Func, importpath.Type.Method, importpath.(*Type).Method or (*importpath.Type).Method"

// ParseBlockingSpec parses one entry of `blocking` (Kind and Pos are left
// for the caller): `importpath.Func`, `importpath.Type.Method` (value or
// interface methods), `importpath.(*Type).Method` (as in the SPEC's
// `github.com/acme/payments.(*Client).Charge`), `(*importpath.Type).Method`,
// or either parenthesised form without the `*`; `*` globs are allowed only
// in the last element (the function or method name).
//
// In the unparenthesised forms the package path is everything up to the
// first '.' of its last slash-separated element, except that gopkg.in-style
// version suffixes (`.v3`) stay in the path: `gopkg.in/yaml.v3.Unmarshal` is
// function Unmarshal of gopkg.in/yaml.v3. In the parenthesised form the
// type is what follows the last '.' inside the parentheses (or the
// parentheses follow the path), so any path can be written that way.
func ParseBlockingSpec(raw string) (BlockingSpec, error) {
	spec, err := parseBlockingSpec(raw)
	if err != nil {
		return BlockingSpec{}, fmt.Errorf("invalid blocking entry %q: %w", raw, err)
	}
	spec.Raw = raw
	return spec, nil
}

func parseBlockingSpec(raw string) (BlockingSpec, error) {
	var s BlockingSpec
	if raw == "" {
		return s, fmt.Errorf("empty; %s", blockingForms)
	}
	if strings.ContainsFunc(raw, unicode.IsSpace) {
		return s, fmt.Errorf("contains whitespace")
	}
	paren := strings.IndexByte(raw, '(')
	if paren == 0 || paren > 0 && raw[paren-1] == '.' {
		end := strings.Index(raw, ").")
		if end < paren {
			return s, fmt.Errorf("missing \").Method\"; %s", blockingForms)
		}
		inner, name := raw[paren+1:end], raw[end+2:]
		if strings.HasPrefix(inner, "*") {
			s.Pointer = true
			inner = inner[1:]
		}
		if paren > 0 { // importpath.(*Type).Method
			s.Pkg, s.Recv, s.Name = raw[:paren-1], inner, name
		} else { // (*importpath.Type).Method
			dot := strings.LastIndexByte(inner, '.')
			if dot < 0 || strings.LastIndexByte(inner, '/') > dot {
				return s, fmt.Errorf("the receiver must be importpath.Type; %s", blockingForms)
			}
			s.Pkg, s.Recv, s.Name = inner[:dot], inner[dot+1:], name
		}
	} else {
		dir, last := "", raw
		if i := strings.LastIndexByte(raw, '/'); i >= 0 {
			dir, last = raw[:i+1], raw[i+1:]
		}
		parts := strings.Split(last, ".")
		n := 1
		for n < len(parts) && isVersionSuffix(parts[n]) {
			n++
		}
		s.Pkg = dir + strings.Join(parts[:n], ".")
		switch rest := parts[n:]; len(rest) {
		case 0:
			return s, fmt.Errorf("missing a function or method name; %s", blockingForms)
		case 1:
			s.Name = rest[0]
		case 2:
			s.Recv, s.Name = rest[0], rest[1]
		default:
			return s, fmt.Errorf("too many '.' after the package path; %s", blockingForms)
		}
	}
	if err := checkBlockingPkg(s.Pkg); err != nil {
		return s, err
	}
	if s.Recv != "" || paren >= 0 {
		if !isIdent(s.Recv, false) {
			return s, fmt.Errorf("invalid type name %q", s.Recv)
		}
	}
	if !isIdent(s.Name, true) {
		return s, fmt.Errorf("invalid function or method name %q (a Go identifier, with '*' as a glob)", s.Name)
	}
	return s, nil
}

// isVersionSuffix reports whether s is a gopkg.in-style major version: v0, v1, v2, ...
func isVersionSuffix(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkBlockingPkg validates the package path of a blocking entry: a full
// import path without wildcards.
func checkBlockingPkg(pkg string) error {
	switch {
	case pkg == "":
		return fmt.Errorf("missing the package path; %s", blockingForms)
	case pkg == "." || strings.HasPrefix(pkg, "./"):
		return fmt.Errorf("the package must be a full import path, not relative")
	case strings.HasPrefix(pkg, "/") || strings.HasSuffix(pkg, "/"):
		return fmt.Errorf("invalid package path %q", pkg)
	case strings.Contains(pkg, star):
		return fmt.Errorf("'*' is allowed only in the function or method name")
	}
	if err := checkPatternChars(pkg); err != nil {
		return fmt.Errorf("package path %s", err)
	}
	for _, e := range strings.Split(pkg, "/") {
		if e == dots || strings.Contains(e, dots) {
			return fmt.Errorf("\"...\" is not allowed in a blocking entry")
		}
		if err := checkElem(e); err != nil {
			return fmt.Errorf("package path %w", err)
		}
	}
	return nil
}

// isIdent reports whether s is a Go identifier (with '*' globs if glob).
func isIdent(s string, glob bool) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '*' && glob:
		case r == '_' || unicode.IsLetter(r):
		case unicode.IsDigit(r) && i > 0:
		default:
			return false
		}
	}
	return true
}

// MatchName reports whether name matches the spec's Name, where `*` matches
// any run of characters.
func (b BlockingSpec) MatchName(name string) bool {
	ok, err := path.Match(b.Name, name)
	return ok && err == nil
}
