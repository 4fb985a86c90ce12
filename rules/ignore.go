package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseIgnore parses the text of an `//archcheck:ignore RULE[,RULE] reason`
// comment (the text after "archcheck:ignore"). Rule IDs are separated by
// commas, optionally with spaces around them (`sync-call, dependency`); the
// rest, trimmed, is the reason, which is required. Duplicate IDs are
// reported once, in the order written.
func ParseIgnore(text string) (ruleIDs []string, reason string, err error) {
	rest := strings.TrimLeftFunc(text, unicode.IsSpace)
	if rest == "" {
		return nil, "", fmt.Errorf("archcheck:ignore needs a rule ID and a reason, e.g. //archcheck:ignore %s legacy call", RuleSyncCall)
	}
	for {
		id := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }); i >= 0 {
			id, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		if id == "" {
			return nil, "", fmt.Errorf("archcheck:ignore has an empty rule ID")
		}
		if !slices.Contains(RuleIDs, id) {
			if !utf8.ValidString(id) || len(id) > 64 {
				id = strings.ToValidUTF8(id[:min(len(id), 64)], "?")
			}
			return nil, "", fmt.Errorf("archcheck:ignore: unknown rule %q%s; valid rules: %s", id, didYouMean(id, RuleIDs), strings.Join(RuleIDs, ", "))
		}
		if !slices.Contains(ruleIDs, id) {
			ruleIDs = append(ruleIDs, id)
		}
		after := strings.TrimLeftFunc(rest, unicode.IsSpace)
		if !strings.HasPrefix(after, ",") {
			rest = after
			break
		}
		rest = strings.TrimLeftFunc(after[1:], unicode.IsSpace)
	}
	reason = strings.TrimSpace(rest)
	if reason == "" {
		return nil, "", fmt.Errorf("archcheck:ignore needs a reason")
	}
	return ruleIDs, reason, nil
}
