package sqltables

import (
	"strings"
	"unicode"
)

// DefaultTableName is the table an ORM maps a model type to when the type
// has no TableName method: gorm's default naming strategy and pop's
// (flect) both take the snake_case of the type's name and pluralise its
// last word, "OrderItem" → "order_items", "UserID" → "user_ids",
// "Person" → "people".
func DefaultTableName(typeName string) string {
	snake := Snake(typeName)
	i := strings.LastIndexByte(snake, '_')
	return snake[:i+1] + Plural(snake[i+1:])
}

// Snake is the snake_case of a Go name, initialisms kept whole:
// "HTTPServer" → "http_server", "OrderID" → "order_id".
func Snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i > 0 && i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])
			if (prevLower || nextLower) && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Plural is the English plural of a lower-case word, as the ORMs'
// inflection libraries form it for the common cases: irregular nouns,
// uncountable ones, -s/-x/-z/-ch/-sh → -es, consonant + y → -ies,
// -f/-fe → -ves for the usual words.
func Plural(w string) string {
	if w == "" {
		return w
	}
	if p, ok := irregular[w]; ok {
		return p
	}
	if uncountable[w] {
		return w
	}
	for _, suf := range []string{"ss", "us", "x", "z", "ch", "sh", "is"} {
		if strings.HasSuffix(w, suf) {
			if suf == "is" { // analysis → analyses
				return w[:len(w)-2] + "es"
			}
			if suf == "z" && !strings.HasSuffix(w, "zz") { // quiz → quizzes
				return w + "zes"
			}
			return w + "es"
		}
	}
	switch {
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"):
		return w // already plural (settings, news)
	case fves[w]:
		if strings.HasSuffix(w, "fe") {
			return w[:len(w)-2] + "ves"
		}
		return w[:len(w)-1] + "ves"
	}
	return w + "s"
}

var irregular = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "mouse": "mice",
	"goose": "geese", "tooth": "teeth", "foot": "feet", "ox": "oxen", "datum": "data",
	"medium": "media", "criterion": "criteria", "index": "indices", "matrix": "matrices",
	"vertex": "vertices", "move": "moves", "sex": "sexes", "cookie": "cookies", "zombie": "zombies",
}

var uncountable = map[string]bool{
	"equipment": true, "information": true, "rice": true, "money": true, "species": true,
	"series": true, "fish": true, "sheep": true, "jeans": true, "police": true, "data": true,
	"metadata": true, "news": true, "feedback": true, "staff": true,
}

var fves = map[string]bool{
	"wife": true, "knife": true, "life": true, "leaf": true, "half": true, "wolf": true,
	"shelf": true, "calf": true, "loaf": true, "thief": true, "self": true, "elf": true,
}
