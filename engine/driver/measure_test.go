package driver_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/rules"
)

// TestMeasure times the driver against the LoadSyntax floor on a real tree.
// It runs only when asked, one mode per process so that peak RSS (from
// /usr/bin/time -v) can be compared:
//
//	go test -c -o /tmp/driver.test ./engine/driver
//	cd $(go env GOROOT)/src && MEASURE=floor MEASURE_MODULE=std /usr/bin/time -v /tmp/driver.test -test.run Measure -test.v
//	cd $(go env GOROOT)/src && MEASURE=driver MEASURE_MODULE=std /usr/bin/time -v /tmp/driver.test -test.run Measure -test.v
//
// MEASURE is floor, driver (DepFacts with the cache) or nodeps; MEASURE_PATTERNS
// defaults to ./... (std for MEASURE_MODULE=std).
func TestMeasure(t *testing.T) {
	mode := os.Getenv("MEASURE")
	if mode == "" {
		t.Skip("set MEASURE=floor|driver|nodeps to measure")
	}
	module := os.Getenv("MEASURE_MODULE")
	patterns := strings.Fields(os.Getenv("MEASURE_PATTERNS"))
	if len(patterns) == 0 {
		patterns = []string{"./..."}
		if module == "std" {
			patterns = []string{"std"}
		}
	}
	start := time.Now()
	floorMode := packages.LoadSyntax | packages.NeedModule
	if mode != "floor" {
		floorMode = driver.Mode
	}
	pkgs, err := packages.Load(&packages.Config{Mode: floorMode}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	if mode == "floor" {
		t.Logf("floor: %d packages loaded in %v", len(pkgs), load)
		return
	}
	cfg, err := rules.Parse("archcheck.yaml", []byte("version: 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind(module)
	opts := driver.Options{DepFacts: mode == "driver"}
	out, err := driver.Run(context.Background(), pkgs, []*analysis.Analyzer{synccall.New(cfg)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d packages: load %v, run %v (total %v); %+v",
		mode, len(out.Packages), load, time.Since(start)-load, time.Since(start), out.Stats)
}
