// Command mono is the fixture's entry point.
package main

import (
	"fmt"
	"os"

	"example.com/mono/pkg/cmd/root"
)

func main() {
	if err := root.Execute(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
