package main

import (
	"io"

	"github.com/archcheck/archcheck/vettool"
)

// isVetTool reports whether archcheck was started by go vet as its
// -vettool (the unitchecker protocol: -V=full, -flags, or a unit's .cfg).
func isVetTool(args []string) bool { return vettool.IsProtocol(args) }

// runVet runs one call of the go vet protocol. For a package it hands over
// to unitchecker, which exits the process itself.
func runVet(args []string, stdout, stderr io.Writer) int {
	return vettool.Main(args, stdout, stderr)
}
