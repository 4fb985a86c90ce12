// Package engine runs archcheck: it finds and loads the config, loads the
// packages with only what the selected rules need, runs the rules (the
// import rules on the cheap `go list` graph, sync-call through the
// go/analysis driver), applies suppressions and returns sorted findings.
// It formats nothing: report does.
package engine
