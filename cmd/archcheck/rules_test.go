package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/analyzers"
	"github.com/archcheck/archcheck/rules"
)

// The README's rule table is generated from the rule registry between these
// markers.
const (
	readmeTableBegin = "<!-- rule table: generated from rules.Registry; go test ./cmd/archcheck -run TestReadmeRuleTable -update -->\n\n"
	readmeTableEnd   = "\n<!-- end of rule table -->\n"
)

// TestReadmeRuleTable checks that the README's rule table is what the
// registry generates; -update rewrites it.
func TestReadmeRuleTable(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := bytes.Cut(readme, []byte(readmeTableBegin))
	_, after, ok2 := bytes.Cut(rest, []byte(readmeTableEnd))
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no rule table between %q and %q", readmeTableBegin, readmeTableEnd)
	}
	var b strings.Builder
	writeRuleTable(&b, true)
	want := b.String()
	if *update {
		out := slices.Concat(before, []byte(readmeTableBegin+want+readmeTableEnd), after)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := string(rest[:len(rest)-len(after)-len(readmeTableEnd)]); got != want {
		t.Errorf("README.md's rule table is not current: run go test ./cmd/archcheck -run TestReadmeRuleTable -update\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// TestRegistryAnalyzers: a rule's analyzer is one archcheck registers.
func TestRegistryAnalyzers(t *testing.T) {
	names := map[string]bool{}
	for _, a := range analyzers.All(&rules.Config{}) {
		names[a.Name] = true
	}
	for _, r := range rules.Registry {
		if r.Analyzer != "" && !names[r.Analyzer] {
			t.Errorf("rule %s: analyzer %q is not in analyzers.All", r.ID, r.Analyzer)
		}
	}
}
