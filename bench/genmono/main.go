// Command genmono writes a deterministic synthetic Go monolith for
// benchmarks (see package synth):
//
//	genmono -o /tmp/mono -packages 3000 -modules 20
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/archcheck/archcheck/bench/synth"
)

func main() {
	out := flag.String("o", "", "output directory (required; created)")
	npkg := flag.Int("packages", 3000, "number of packages")
	nmod := flag.Int("modules", 20, "number of modules")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: genmono -o DIR [-packages N] [-modules M]")
		os.Exit(2)
	}
	if err := synth.Generate(*out, *npkg, *nmod); err != nil {
		fmt.Fprintln(os.Stderr, "genmono:", err)
		os.Exit(1)
	}
}
