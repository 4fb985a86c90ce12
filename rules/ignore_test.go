package rules

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseIgnore(t *testing.T) {
	const valid = "valid rules: dependency, visibility, cycle, sync-call, forbidden-import, unassigned, data-ownership, unowned-table, layer, unused-dependency, ignore"
	tests := []struct {
		text    string
		rules   []string
		reason  string
		wantErr string
	}{
		{text: " sync-call,dependency legacy call, tracked in JIRA-1", rules: []string{"sync-call", "dependency"}, reason: "legacy call, tracked in JIRA-1"},
		{text: " cycle  reason with  spaces  ", rules: []string{"cycle"}, reason: "reason with  spaces"},
		{text: "\tvisibility\treason", rules: []string{"visibility"}, reason: "reason"},
		{text: " sync-call, dependency because", rules: []string{"sync-call", "dependency"}, reason: "because"},
		{text: " sync-call ,dependency because", rules: []string{"sync-call", "dependency"}, reason: "because"},
		{text: " cycle,cycle twice", rules: []string{"cycle"}, reason: "twice"},
		{text: " ignore meta", rules: []string{"ignore"}, reason: "meta"},
		{text: "", wantErr: "needs a rule ID and a reason, e.g. //archcheck:ignore sync-call legacy call"},
		{text: "   ", wantErr: "needs a rule ID and a reason, e.g. //archcheck:ignore sync-call legacy call"},
		{text: " sync-call", wantErr: "needs a reason"},
		{text: " sync-call   \t", wantErr: "needs a reason"},
		{text: " sync-call,", wantErr: "has an empty rule ID"},
		{text: " sync-call,,cycle x", wantErr: "has an empty rule ID"},
		{text: " ,cycle x", wantErr: "has an empty rule ID"},
		{text: " synccall reason", wantErr: `unknown rule "synccall" (did you mean "sync-call"?); ` + valid},
		{text: " sync-call,bogus reason", wantErr: `unknown rule "bogus"; ` + valid},
		{text: " SYNC-CALL reason", wantErr: `unknown rule "SYNC-CALL" (did you mean "sync-call"?); ` + valid},
	}
	for _, tt := range tests {
		rules, reason, err := ParseIgnore(tt.text)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("ParseIgnore(%q) error = %v, want %s", tt.text, err, tt.wantErr)
			}
			if rules != nil || reason != "" {
				t.Errorf("ParseIgnore(%q) returned %v %q with an error", tt.text, rules, reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseIgnore(%q): %v", tt.text, err)
			continue
		}
		if !slices.Equal(rules, tt.rules) || reason != tt.reason {
			t.Errorf("ParseIgnore(%q) = %v, %q; want %v, %q", tt.text, rules, reason, tt.rules, tt.reason)
		}
	}
}

func FuzzParseIgnore(f *testing.F) {
	for _, s := range []string{" sync-call,dependency legacy call", " cycle", "", ",,,", " a\xffb reason", " sync-call ,  , x", strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rules, reason, err := ParseIgnore(text)
		if err != nil {
			if rules != nil || reason != "" {
				t.Fatalf("results with an error: %v %q", rules, reason)
			}
			return
		}
		if len(rules) == 0 || strings.TrimSpace(reason) == "" || reason != strings.TrimSpace(reason) {
			t.Fatalf("ParseIgnore(%q) = %v, %q", text, rules, reason)
		}
		for _, r := range rules {
			if !slices.Contains(RuleIDs, r) {
				t.Fatalf("unknown rule %q accepted", r)
			}
		}
	})
}

func TestParseIgnoreUntil(t *testing.T) {
	tests := []struct {
		text, until, reason, err string
	}{
		{" dependency until=2026-03-31 the split lands", "2026-03-31", "the split lands", ""},
		{" dependency,layer until=2026-12-01\tlegacy", "2026-12-01", "legacy", ""},
		{" dependency until is a word here", "", "until is a word here", ""},
		{" dependency until=2026-02-30 no such day", "", "", "until=2026-02-30 is not a date; write until=YYYY-MM-DD"},
		{" dependency until=tomorrow why", "", "", "until=tomorrow is not a date; write until=YYYY-MM-DD"},
		{" dependency until=2026-03-31", "", "", "needs a reason after until=2026-03-31"},
	}
	for _, tt := range tests {
		_, until, reason, err := ParseIgnoreUntil(tt.text)
		if got := fmt.Sprint(err); tt.err != "" && got != tt.err || tt.err == "" && err != nil {
			t.Errorf("%q: error %v, want %q", tt.text, err, tt.err)
			continue
		}
		if until != tt.until || reason != tt.reason {
			t.Errorf("%q: until %q reason %q, want %q %q", tt.text, until, reason, tt.until, tt.reason)
		}
	}
}

func TestExpired(t *testing.T) {
	t.Cleanup(func() { _ = SetToday("") }) // "" never fails
	if err := SetToday("2026-03-31"); err != nil {
		t.Fatal(err)
	}
	if Expired("2026-03-31") || !Expired("2026-03-30") || Expired("") {
		t.Error("until= is inclusive, and no date never expires")
	}
	if err := SetToday("31.03.2026"); err == nil {
		t.Error("SetToday accepted a bad date")
	}
	if err := SetToday(""); err != nil {
		t.Fatal(err)
	}
	if Today() != time.Now().UTC().Format(time.DateOnly) {
		t.Errorf("Today() = %s without a fixed date", Today())
	}
}
