package sqltables

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unknown stands for a part of a query that is not a constant (a
// variable concatenated in): a table name there is not reported.
const Unknown = "\x00"

// Tables returns the tables a SQL statement (or several, separated by
// semicolons) reads and writes, each sorted and lower-cased unless quoted,
// without their schema (`"public"."orders"` is orders). It is a heuristic
// scanner, not a parser: it follows FROM, JOIN, USING, INSERT/REPLACE
// INTO, UPDATE, DELETE FROM, MERGE INTO, TRUNCATE and CREATE/ALTER/DROP
// TABLE (writes too), skips subqueries, function arguments (EXTRACT(x FROM
// y)), common table expressions, string literals and comments. A table that
// is both read and written appears in both lists.
func Tables(query string) (reads, writes []string) {
	reads, writes, ddl := Statement(query)
	return reads, union(writes, ddl)
}

// Statement is Tables with the tables of DDL (CREATE, ALTER, DROP TABLE)
// apart from the writes of data.
func Statement(query string) (reads, writes, ddl []string) {
	toks := tokenize(query)
	s := &scanner{toks: toks, ctes: map[string]bool{}, reads: map[string]bool{}, writes: map[string]bool{}, ddl: map[string]bool{}}
	s.collectCTEs()
	s.scan()
	return sorted(s.reads, s.ctes), sorted(s.writes, s.ctes), sorted(s.ddl, s.ctes)
}

type tokKind int

const (
	tWord    tokKind = iota // keyword or identifier, possibly dotted; lower-cased unless quoted
	tPunct                  // ( ) , ; and other single characters
	tUnknown                // a non-constant part of the query
)

type tok struct {
	kind tokKind
	text string
	last string // tWord: the last element of a dotted name (the table of schema.table)
	kw   bool   // an unquoted word: may be a keyword
}

func tokenize(q string) []tok {
	var toks []tok
	for i := 0; i < len(q); {
		var t tok
		var ok bool
		t, ok, i = next(q, i)
		if ok {
			toks = append(toks, t)
		}
	}
	return toks
}

// next reads the token at i, if any (white space and comments make none),
// and returns the index after it.
func next(q string, i int) (tok, bool, int) {
	c := q[i]
	switch {
	case c == 0:
		return tok{kind: tUnknown}, true, skipGlued(q, i+1)
	case strings.HasPrefix(q[i:], "--"):
		return tok{}, false, skipTo(q, i, "\n")
	case strings.HasPrefix(q[i:], "/*"):
		return tok{}, false, skipTo(q, i+2, "*/")
	case c == '\'':
		return tok{kind: tPunct, text: "'"}, true, skipQuoted(q, i, '\'')
	case isWordStart(q, i) || c == '"' || c == '`' || c == '[':
		t, end := readWord(q, i)
		// "orders_" + suffix, `"` + name + `"`: not a known name
		if end < len(q) && q[end] == 0 || strings.Contains(t.text, Unknown) {
			t = tok{kind: tUnknown}
		}
		return t, true, end
	case strings.IndexByte(" \t\n\r", c) >= 0:
		return tok{}, false, i + 1
	}
	_, size := utf8.DecodeRuneInString(q[i:])
	return tok{kind: tPunct, text: q[i : i+size]}, true, i + size
}

// skipGlued skips the name characters glued to a dynamic part of a query
// ("orders_" + suffix + "_v2").
func skipGlued(q string, i int) int {
	for i < len(q) && (q[i] == 0 || q[i] == '.' || isWordStart(q, i) || q[i] >= '0' && q[i] <= '9') {
		i++
	}
	return i
}

func skipTo(q string, i int, end string) int {
	j := strings.Index(q[i:], end)
	if j < 0 {
		return len(q)
	}
	return i + j + len(end)
}

// skipQuoted skips a quoted literal whose quote is doubled to escape it.
func skipQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

func isWordStart(q string, i int) bool {
	r, _ := utf8.DecodeRuneInString(q[i:])
	return r == '_' || unicode.IsLetter(r)
}

func isWordChar(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// readWord reads a possibly dotted, possibly quoted name: schema.table,
// "Schema"."Table", `db`.`t`, [dbo].[t].
func readWord(q string, i int) (tok, int) {
	if j := asciiWord(q, i); j > i && (j == len(q) || q[j] != '.' && q[j] < utf8.RuneSelf) {
		text := strings.ToLower(q[i:j]) // no copy when already lower case
		return tok{kind: tWord, text: text, last: text, kw: true}, j
	}
	var b strings.Builder
	kw := true
	for {
		lastStart := b.Len()
		switch c := q[i]; c {
		case '"', '`', '[':
			end := c
			if c == '[' {
				end = ']'
			}
			j := strings.IndexByte(q[i+1:], end)
			if j < 0 {
				j = len(q) - i - 1
			}
			b.WriteString(q[i+1 : i+1+j])
			i = min(len(q), i+j+2)
			kw = false
		default:
			start := i
			for i < len(q) {
				r, size := utf8.DecodeRuneInString(q[i:])
				if !isWordChar(r) {
					break
				}
				i += size
			}
			b.WriteString(strings.ToLower(q[start:i]))
		}
		if i+1 < len(q) && q[i] == '.' && (isWordStart(q, i+1) || strings.ContainsRune("\"`[", rune(q[i+1]))) {
			b.WriteByte('.')
			i++
			kw = false
			continue
		}
		text := b.String()
		return tok{kind: tWord, text: text, last: text[lastStart:], kw: kw}, i
	}
}

// asciiWord returns the end of the ASCII word characters from i.
func asciiWord(q string, i int) int {
	for ; i < len(q); i++ {
		c := q[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			break
		}
	}
	return i
}

type scanner struct {
	toks                     []tok
	ctes, reads, writes, ddl map[string]bool
	inDDL                    bool // table records into ddl
}

func (s *scanner) word(i int) string {
	if i >= 0 && i < len(s.toks) && s.toks[i].kind == tWord && s.toks[i].kw {
		return s.toks[i].text
	}
	return ""
}

func (s *scanner) punct(i int) string {
	if i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct {
		return s.toks[i].text
	}
	return ""
}

// collectCTEs records the names bound by WITH: `WITH x AS (...), y (a, b) AS (...)`.
func (s *scanner) collectCTEs() {
	for i := range s.toks {
		if s.word(i) != "with" {
			continue
		}
		j := i + 1
		if s.word(j) == "recursive" {
			j++
		}
		for j < len(s.toks) && s.toks[j].kind == tWord {
			s.ctes[s.toks[j].text] = true
			j++
			if s.punct(j) == "(" { // column list
				j = s.skipParens(j)
			}
			if s.word(j) != "as" {
				break
			}
			j++
			if s.word(j) == "not" {
				j++
			}
			if s.word(j) == "materialized" {
				j++
			}
			if s.punct(j) != "(" {
				break
			}
			j = s.skipParens(j)
			if s.punct(j) != "," {
				break
			}
			j++
		}
	}
}

// skipParens returns the index after the parenthesis that closes the one
// at i.
func (s *scanner) skipParens(i int) int {
	depth := 0
	for ; i < len(s.toks); i++ {
		switch s.punct(i) {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

// notFunction are the words after which "(" opens a subquery, a list or a
// grouping, not a function's arguments.
var notFunction = map[string]bool{
	"from": true, "join": true, "in": true, "exists": true, "as": true, "any": true, "all": true,
	"some": true, "where": true, "and": true, "or": true, "not": true, "on": true, "union": true,
	"values": true, "select": true, "with": true, "lateral": true, "using": true, "into": true,
	"set": true, "having": true, "by": true, "then": true, "else": true, "when": true, "case": true,
	"intersect": true, "except": true, "returning": true, "table": true,
}

func (s *scanner) scan() {
	var parens []bool // true: a function's arguments
	for i := 0; i < len(s.toks); i++ {
		switch s.punct(i) {
		case "(":
			prev := s.toks[max(0, i-1)]
			fn := i > 0 && prev.kind == tWord && !(prev.kw && notFunction[prev.text])
			parens = append(parens, fn)
			continue
		case ")":
			if len(parens) > 0 {
				parens = parens[:len(parens)-1]
			}
			continue
		}
		if len(parens) > 0 && parens[len(parens)-1] {
			continue // EXTRACT(YEAR FROM t), SUBSTRING(s FROM 2), TRIM(x FROM y)
		}
		i = s.keyword(i)
	}
}

// keyword handles the word at i and returns the index of the last token
// it consumed.
func (s *scanner) keyword(i int) int {
	switch s.word(i) {
	case "from":
		if s.word(i-1) == "delete" {
			return s.table(i+1, true)
		}
		return s.tableList(i+1, false)
	case "join", "using":
		return s.table(i+1, false)
	case "into":
		for k := i - 1; k >= max(0, i-3); k-- {
			switch s.word(k) {
			case "insert", "replace", "merge": // INSERT [IGNORE | OR REPLACE] INTO
				return s.table(i+1, true)
			}
		}
	case "update":
		switch s.word(i - 1) {
		case "for", "do", "key": // FOR [NO KEY] UPDATE, DO UPDATE SET, ON DUPLICATE KEY UPDATE
			return i
		}
		return s.table(i+1, true)
	case "truncate":
		return s.tableList(i+1, true)
	case "table":
		switch s.word(i - 1) {
		case "create", "alter", "drop", "temporary", "temp", "unlogged":
			s.inDDL = true
			defer func() { s.inDDL = false }()
			return s.table(i+1, true)
		}
	}
	return i
}

// table records the table named at i (skipping ONLY, TABLE, IF [NOT]
// EXISTS) and returns the index of its token.
func (s *scanner) table(i int, write bool) int {
	for {
		switch s.word(i) {
		case "only", "table", "lateral":
			i++
			continue
		case "if":
			i++
			if s.word(i) == "not" {
				i++
			}
			if s.word(i) == "exists" {
				i++
			}
			continue
		}
		break
	}
	if i >= len(s.toks) {
		return i
	}
	t := s.toks[i]
	if t.kind != tWord || t.text == "" || s.punct(i+1) == "(" && !write {
		return i - 1 // a subquery, a function (unnest(...)), a dynamic name or ""
	}
	if t.kw && reserved[t.text] {
		return i - 1
	}
	name := t.last // the schema is not part of the name
	switch {
	case name == "":
		return i
	case s.inDDL:
		s.ddl[name] = true
	case write:
		s.writes[name] = true
	default:
		s.reads[name] = true
	}
	return i
}

// tableList records `t1 [alias], t2 [alias] ...` (FROM a, b; TRUNCATE a, b).
func (s *scanner) tableList(i int, write bool) int {
	for {
		j := s.table(i, write)
		if j < i {
			return i - 1
		}
		k := j + 1
		if s.word(k) == "as" {
			k++
		}
		if k < len(s.toks) && s.toks[k].kind == tWord && !reserved[s.toks[k].text] {
			k++ // alias
		}
		if s.punct(k) != "," {
			return k - 1
		}
		i = k + 1
	}
}

// reserved are words that cannot be a table name where one is expected.
var reserved = map[string]bool{
	"select": true, "where": true, "set": true, "values": true, "on": true, "join": true,
	"left": true, "right": true, "inner": true, "outer": true, "full": true, "cross": true,
	"natural": true, "group": true, "order": true, "limit": true, "offset": true, "having": true,
	"union": true, "returning": true, "using": true, "default": true,
	"for": true, "window": true, "fetch": true, "except": true, "intersect": true,
}

func sorted(set, skip map[string]bool) []string {
	var out []string
	for t := range set {
		if !skip[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.Strings(out)
	return out
}
