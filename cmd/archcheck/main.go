// Command archcheck keeps a Go monolith modular: it checks module
// boundaries and synchronous cross-domain calls, draws the dependency graph
// and ranks extraction candidates. See the README.
package main

import "os"

func main() {
	if isVetTool(os.Args[1:]) { // go vet -vettool=$(command -v archcheck)
		os.Exit(runVet(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
