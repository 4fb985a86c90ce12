package driver_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/rules"
)

// BenchmarkMeasure times the driver against the LoadSyntax floor on a tree,
// one mode per process so that peak RSS (from /usr/bin/time -v) can be
// compared:
//
//	go test -c -o /tmp/driver.test ./engine/driver
//	cd $(go env GOROOT)/src && MEASURE=floor MEASURE_MODULE=std /usr/bin/time -v /tmp/driver.test -test.run '^$' -test.bench Measure -test.benchtime 1x
//	cd $(go env GOROOT)/src && MEASURE=driver MEASURE_MODULE=std /usr/bin/time -v /tmp/driver.test -test.run '^$' -test.bench Measure -test.benchtime 1x
//
// MEASURE is floor, driver (the default: DepFacts with the cache) or nodeps;
// MEASURE_PATTERNS defaults to ./... (std for MEASURE_MODULE=std), so that
// `go test -bench Measure ./engine/driver` measures the driver's own package.
// Every loaded package must be analysed, without a load error.
func BenchmarkMeasure(b *testing.B) {
	mode := os.Getenv("MEASURE")
	if mode == "" {
		mode = "driver"
	}
	module := os.Getenv("MEASURE_MODULE")
	patterns := strings.Fields(os.Getenv("MEASURE_PATTERNS"))
	if len(patterns) == 0 {
		patterns = []string{"./..."}
		if module == "std" {
			patterns = []string{"std"}
		}
	}
	loadMode := packages.LoadSyntax | packages.NeedModule
	if mode != "floor" {
		loadMode = driver.Mode
	}
	cfg, err := rules.Parse("archcheck.yaml", []byte("version: 1\n"))
	if err != nil {
		b.Fatal(err)
	}
	cfg.Bind(module)
	for b.Loop() {
		pkgs, err := packages.Load(&packages.Config{Mode: loadMode}, patterns...)
		if err != nil {
			b.Fatal(err)
		}
		if n := packages.PrintErrors(pkgs); n > 0 || len(pkgs) == 0 {
			b.Fatalf("%d packages, %d load errors", len(pkgs), n)
		}
		b.ReportMetric(float64(len(pkgs)), "pkgs/op")
		if mode == "floor" {
			continue
		}
		out, err := driver.Run(context.Background(), pkgs, []*analysis.Analyzer{synccall.New(cfg)}, driver.Options{DepFacts: mode == "driver"})
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Packages) != len(pkgs) || len(out.Broken) > 0 {
			b.Fatalf("%s: %d of %d packages analysed, %d broken", mode, len(out.Packages), len(pkgs), len(out.Broken))
		}
	}
}
