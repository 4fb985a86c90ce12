// Command loadfloor is the speed floor archcheck's all-rules check is
// measured against: one packages.Load with LoadSyntax (types for the named
// packages from source, export data for their dependencies), nothing else.
//
//	cd $(go env GOROOT)/src && loadfloor std
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule}
	pkgs, err := packages.Load(cfg, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(pkgs), "packages")
}
