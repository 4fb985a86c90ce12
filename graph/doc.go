// Package graph builds archcheck's dependency graphs: the package import
// graph, read cheaply from `go list` (no parsing, no type-checking), and the
// module graph derived from it through the config's module assignment. It
// also finds module cycles and computes the metrics behind `suggest`.
package graph
