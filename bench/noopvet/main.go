// Command noopvet is a go vet tool with no analyzers: the baseline for
// `go vet -vettool=archcheck`, measuring what the vet protocol itself costs
// (type-checking each package from export data, writing facts files).
//
//	go vet -vettool=$(command -v noopvet) ./...
package main

import "golang.org/x/tools/go/analysis/unitchecker"

func main() { unitchecker.Main() }
