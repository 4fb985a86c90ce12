package report

import "flag"

// update rewrites the golden files of every report test: go test ./report -update.
var update = flag.Bool("update", false, "rewrite golden files in testdata")
