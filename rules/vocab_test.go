package rules

import (
	"strings"
	"testing"
	"unicode"
)

// TestRegistry: every rule is declared once and completely, so that what is
// generated from the registry (archcheck rules, SARIF, docs/rules.md, the
// README's table) has every column.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Registry {
		if r.ID == "" || seen[r.ID] {
			t.Errorf("rule %q: empty or declared twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || strings.HasSuffix(r.Summary, ".") || unicode.IsUpper(rune(r.Summary[0])) || strings.Contains(r.Summary, "\n") {
			t.Errorf("rule %s: summary %q is not one lowercase line without a period", r.ID, r.Summary)
		}
		if !strings.HasSuffix(r.Detail, ".") || !unicode.IsUpper(rune(r.Detail[0])) {
			t.Errorf("rule %s: detail %q is not sentences", r.ID, r.Detail)
		}
		if r.Analyzer != "" && r.Analyzer != strings.ToLower(r.Analyzer) {
			t.Errorf("rule %s: analyzer %q is not an analyzer name", r.ID, r.Analyzer)
		}
		if got, ok := Rule(r.ID); !ok || got.ID != r.ID {
			t.Errorf("Rule(%q) = %v, %v", r.ID, got, ok)
		}
	}
	if len(RuleIDs) != len(Registry) || len(DefaultSeverity) != len(Registry) || len(RuleDocs) != len(Registry) {
		t.Errorf("views: %d IDs, %d severities, %d docs for %d rules", len(RuleIDs), len(DefaultSeverity), len(RuleDocs), len(Registry))
	}
	if _, ok := Rule("no-such-rule"); ok {
		t.Error(`Rule("no-such-rule") found`)
	}
}
