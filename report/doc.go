// Package report writes archcheck's results for people and machines: text,
// JSON, SARIF, GitHub annotations, and the graph renderings. Writers are
// small functions over an io.Writer; they never decide what is a finding.
package report
