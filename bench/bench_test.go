package bench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/archcheck/archcheck/bench/synth"
	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/rules"
)

// synthetic writes a synthetic monolith of n packages once per benchmark.
func synthetic(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "mono")
	if err := synth.Generate(dir, n, 10); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchCheck(b *testing.B, ruleIDs []string) {
	for _, n := range []int{100, 300, 900} {
		b.Run(fmt.Sprintf("packages=%d", n), func(b *testing.B) {
			dir := synthetic(b, n)
			opts := engine.Options{Dir: dir, Rules: ruleIDs}
			if _, err := engine.Check(context.Background(), opts); err != nil {
				b.Fatal(err) // warm the build cache outside the timing
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := engine.Check(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckImports is the import-level check: one go list, no types.
func BenchmarkCheckImports(b *testing.B) { benchCheck(b, rules.ImportRules) }

// BenchmarkCheckAll adds sync-call: a typed load and the facts driver.
func BenchmarkCheckAll(b *testing.B) { benchCheck(b, nil) }

// BenchmarkCorpus checks the real monoliths found in $ARCHCHECK_CORPORA
// (kratos/, cli/; skipped when unset or absent, never fetched), all rules,
// with their domain config from testdata/realcode when it exists.
func BenchmarkCorpus(b *testing.B) {
	root := os.Getenv("ARCHCHECK_CORPORA")
	for _, name := range []string{"kratos", "cli"} {
		b.Run(name, func(b *testing.B) {
			dir := filepath.Join(root, name)
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); root == "" || err != nil {
				b.Skipf("no $ARCHCHECK_CORPORA/%s/go.mod", name)
			}
			opts := engine.Options{Dir: dir}
			if cfg, err := filepath.Abs(filepath.Join("..", "testdata", "realcode", name, "archcheck.yaml")); err == nil {
				if _, err := os.Stat(cfg); err == nil {
					opts.ConfigPath = cfg
				}
			}
			if _, err := engine.Analyze(context.Background(), opts); err != nil {
				b.Fatal(err) // warm the build and facts caches outside the timing
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := engine.Analyze(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
