package bench_test

import (
	"context"
	"fmt"
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
