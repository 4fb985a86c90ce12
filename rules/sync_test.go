package rules

import (
	"strings"
	"testing"
)

const syncSrc = `# top comment
version: 1
modules:
  a:                       # the a module
    packages: [./a/...]
    depends_on: [b, c]     # keep this comment
  b: {packages: [./b/...]}
  c:
    packages: [./c/...]
    depends_on:
      - a   # why a
      # a comment line inside the list
      - b
  d:
    packages: [./d/...]
    depends_on:
  e:
    packages: [./e/...]
    allow_sync: []
rules:
  cycle: warn   # trailing
`

func TestEditLists(t *testing.T) {
	tests := []struct {
		name  string
		edits []ListEdit
		want  string // the lines that change: "-old" and "+new", in order
	}{
		{"flow add and remove", []ListEdit{{Module: "a", Field: "depends_on", Add: []string{"d"}, Remove: []string{"c"}}},
			"-    depends_on: [b, c]     # keep this comment\n+    depends_on: [b, d]     # keep this comment\n"},
		{"block remove", []ListEdit{{Module: "c", Field: "depends_on", Remove: []string{"b"}}},
			"-      # a comment line inside the list\n-      - b\n"},
		{"block remove first keeps the comment lines of the others", []ListEdit{{Module: "c", Field: "depends_on", Remove: []string{"a"}, Add: []string{"e"}}},
			"-      - a   # why a\n-      # a comment line inside the list\n-      - b\n+      # a comment line inside the list\n+      - b\n+      - e\n"},
		{"block remove the second drops the comment above it", []ListEdit{{Module: "c", Field: "depends_on", Remove: []string{"b"}, Add: []string{"e"}}},
			"-      # a comment line inside the list\n-      - b\n+      - e\n"},
		{"block remove all", []ListEdit{{Module: "c", Field: "depends_on", Remove: []string{"a", "b"}}},
			"-    depends_on:\n-      - a   # why a\n-      # a comment line inside the list\n-      - b\n+    depends_on: []\n"},
		{"null value", []ListEdit{{Module: "d", Field: "depends_on", Add: []string{"a"}}},
			"-    depends_on:\n+    depends_on: [a]\n"},
		{"empty flow", []ListEdit{{Module: "e", Field: "allow_sync", Add: []string{"a", "b"}}},
			"-    allow_sync: []\n+    allow_sync: [a, b]\n"},
		{"missing key", []ListEdit{{Module: "e", Field: "depends_on", Add: []string{"a"}}},
			"+    depends_on: [a]\n"},
		{"flow mapping", []ListEdit{{Module: "b", Field: "depends_on", Add: []string{"a"}}},
			"-  b: {packages: [./b/...]}\n+  b: {packages: [./b/...], depends_on: [a]}\n"},
		{"new entry", []ListEdit{{Module: "x", Field: "depends_on", Add: []string{"a"}}, {Module: "x", Field: "allow_sync", Add: []string{"a"}}},
			"+  x:\n+    depends_on: [a]\n+    allow_sync: [a]\n"},
		{"nothing to do", []ListEdit{{Module: "a", Field: "depends_on", Add: []string{"b"}}, {Module: "x", Field: "depends_on", Remove: []string{"a"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := EditLists([]byte(syncSrc), tt.edits)
			if err != nil {
				t.Fatal(err)
			}
			if got := lineDiff(syncSrc, string(out)); got != tt.want {
				t.Errorf("changed lines:\n%s\nwant:\n%s\nfile:\n%s", got, tt.want, out)
			}
			if _, err := Parse("archcheck.yaml", out); err != nil && tt.name != "new entry" {
				t.Errorf("the edited config does not parse: %v", err)
			}
			// Applying the same edits again changes nothing (idempotent).
			again, err := EditLists(out, tt.edits)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name != "new entry" && string(again) != string(out) {
				t.Errorf("second edit changed the file:\n%s", lineDiff(string(out), string(again)))
			}
		})
	}
}

// lineDiff lists removed ("-") and added ("+") lines between a and b,
// assuming one changed region (enough for these edits).
func lineDiff(a, b string) string {
	la, lb := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	j, k := len(la), len(lb)
	for j > i && k > i && la[j-1] == lb[k-1] {
		j, k = j-1, k-1
	}
	var out strings.Builder
	for _, l := range la[i:j] {
		out.WriteString("-" + l)
	}
	for _, l := range lb[i:k] {
		out.WriteString("+" + l)
	}
	return out.String()
}

// TestEditListsCRLF: a file with Windows line endings keeps them on the
// lines an edit writes.
func TestEditListsCRLF(t *testing.T) {
	src := strings.ReplaceAll(syncSrc, "\n", "\r\n")
	out, err := EditLists([]byte(src), []ListEdit{
		{Module: "c", Field: "depends_on", Remove: []string{"a"}, Add: []string{"e"}},
		{Module: "e", Field: "depends_on", Add: []string{"a"}},
		{Module: "x", Field: "depends_on", Add: []string{"a"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "\n"); n != strings.Count(string(out), "\r\n") || strings.Contains(string(out), "\r\r") {
		t.Errorf("mixed line endings:\n%q", out)
	}
	if want := "      - e\r\n"; !strings.Contains(string(out), want) {
		t.Errorf("no %q in\n%q", want, out)
	}
}
