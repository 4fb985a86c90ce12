package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/bench/synth"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/rules"
)

// Template expansion (issue 21's target): on a 3,000-package monolith with
// 300 modules, the same config written as one template (each:
// ./internal/*) plus a key-adding entry per module for its depends_on,
// against the spelled-out config synth writes. The budget: expanding costs
// at most 5% of the import-level check.
//
//	go test ./bench -run '^$' -bench 'Template' -benchtime 5x
//
// BenchmarkTemplateExpand is the expansion alone (Parse, SetRoot, Bind);
// BenchmarkTemplateCheckImports runs the import-level check with each
// config, side by side.

// templatedMono writes the monolith, with templated.yaml beside synth's
// archcheck.yaml.
func templatedMono(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "mono")
	if err := synth.Generate(dir, 3000, 300); err != nil {
		b.Fatal(err)
	}
	explicit, err := rules.Load(filepath.Join(dir, "archcheck.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var t strings.Builder
	t.WriteString("version: 1\n\nmodules:\n  platform:\n    packages: [./internal/events/...]\n    shared: true\n" +
		"  domain:\n    each: ./internal/*\n    exclude_each: [./internal/events]\n")
	for _, m := range explicit.Modules {
		if len(m.DependsOn) > 0 {
			fmt.Fprintf(&t, "  %s:\n    depends_on: [%s]\n", m.Name, strings.Join(m.DependsOn, ", "))
		}
	}
	t.WriteString("\nevents: [./internal/events/...]\n")
	if err := os.WriteFile(filepath.Join(dir, "templated.yaml"), []byte(t.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

func BenchmarkTemplateExpand(b *testing.B) {
	dir := templatedMono(b)
	data, err := os.ReadFile(filepath.Join(dir, "templated.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse", func(b *testing.B) { // the baseline: reading the config
		for b.Loop() {
			if _, err := rules.Parse("templated.yaml", data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse+expand", func(b *testing.B) {
		for b.Loop() {
			cfg, err := rules.Parse("templated.yaml", data)
			if err != nil {
				b.Fatal(err)
			}
			cfg.SetRoot(dir)
			cfg.Bind("example.com/mono")
			if n := len(cfg.Modules); n != 301 {
				b.Fatalf("%d modules, want 301", n)
			}
		}
	})
}

func BenchmarkTemplateCheckImports(b *testing.B) {
	dir := templatedMono(b)
	for _, config := range []string{"archcheck.yaml", "templated.yaml"} {
		b.Run(strings.TrimSuffix(config, ".yaml"), func(b *testing.B) {
			opts := engine.Options{Dir: dir, ConfigPath: filepath.Join(dir, config), Rules: rules.ImportRules}
			res, err := engine.Check(context.Background(), opts)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(res.Findings)), "findings")
			b.ResetTimer()
			for b.Loop() {
				if _, err := engine.Check(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
