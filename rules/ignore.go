package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"
)

// ParseIgnore parses the text of an `//archcheck:ignore RULE[,RULE] reason`
// comment (the text after "archcheck:ignore"). Rule IDs are separated by
// commas, optionally with spaces around them (`sync-call, dependency`); the
// rest, trimmed, is the reason, which is required. Duplicate IDs are
// reported once, in the order written. An error says what is wrong with
// the comment without naming it ("needs a reason"): check prints it after
// "malformed archcheck:ignore: ".
func ParseIgnore(text string) (ruleIDs []string, reason string, err error) {
	ruleIDs, _, reason, err = ParseIgnoreUntil(text)
	return ruleIDs, reason, err
}

// ParseIgnoreUntil is ParseIgnore for comments that may expire:
// `//archcheck:ignore RULE[,RULE] until=YYYY-MM-DD reason` suppresses up to
// and including that date (UTC; see Today). until is "" when the comment
// does not expire.
func ParseIgnoreUntil(text string) (ruleIDs []string, until, reason string, err error) {
	ruleIDs, reason, err = parseIgnore(text)
	if err != nil || !strings.HasPrefix(reason, untilKey) {
		return ruleIDs, "", reason, err
	}
	date, rest, _ := strings.Cut(reason[len(untilKey):], " ")
	if i := strings.IndexFunc(date, unicode.IsSpace); i >= 0 {
		date, rest = date[:i], date[i:]+" "+rest
	}
	if _, perr := time.Parse(time.DateOnly, date); perr != nil {
		if len(date) > 32 || !utf8.ValidString(date) {
			date = strings.ToValidUTF8(date[:min(len(date), 32)], "?")
		}
		return nil, "", "", fmt.Errorf("until=%s is not a date; write until=YYYY-MM-DD", date)
	}
	reason = strings.TrimSpace(rest)
	if reason == "" {
		return nil, "", "", fmt.Errorf("needs a reason after until=%s", date)
	}
	return ruleIDs, date, reason, nil
}

// untilKey starts the expiry date of an ignore comment.
const untilKey = "until="

// today is the date expiring ignore comments are compared with: "" means
// the current date in UTC.
var today atomic.Value // string

// SetToday fixes the date that Today returns (check --today, for tests and
// reproducible CI); "" restores the current date.
func SetToday(date string) error {
	if date != "" {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return fmt.Errorf("%q is not a date; write YYYY-MM-DD", date)
		}
	}
	today.Store(date)
	return nil
}

// Today is the date, YYYY-MM-DD, that `until=` dates are compared with:
// the one SetToday fixed, else today's date in UTC. A comment with
// until=D suppresses while Today() <= D.
func Today() string {
	if d, _ := today.Load().(string); d != "" {
		return d
	}
	return time.Now().UTC().Format(time.DateOnly)
}

// Expired reports whether an until= date has passed (until "" never
// expires).
func Expired(until string) bool { return until != "" && Today() > until }

func parseIgnore(text string) (ruleIDs []string, reason string, err error) {
	rest := strings.TrimLeftFunc(text, unicode.IsSpace)
	if rest == "" {
		return nil, "", fmt.Errorf("needs a rule ID and a reason, e.g. //archcheck:ignore %s legacy call", RuleSyncCall)
	}
	for {
		id := rest
		if i := strings.IndexFunc(rest, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }); i >= 0 {
			id, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		if id == "" {
			return nil, "", fmt.Errorf("has an empty rule ID")
		}
		if !slices.Contains(RuleIDs, id) {
			if !utf8.ValidString(id) || len(id) > 64 {
				id = strings.ToValidUTF8(id[:min(len(id), 64)], "?")
			}
			return nil, "", fmt.Errorf("unknown rule %q%s; valid rules: %s", id, didYouMean(id, RuleIDs), strings.Join(RuleIDs, ", "))
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
		return nil, "", fmt.Errorf("needs a reason")
	}
	return ruleIDs, reason, nil
}
