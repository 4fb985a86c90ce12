// Package rules holds archcheck's configuration: parsing and validating
// archcheck.yaml, matching package patterns, assigning packages to modules,
// and the vocabulary (rule IDs, severities, blocking kinds, findings) that
// every other package shares.
//
// It is the bottom layer: it imports only the standard library and YAML.
package rules
