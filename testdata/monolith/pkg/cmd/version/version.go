// Package version is a ten-line folder.
package version

// Version is the fixture's version.
const Version = "0.1.0"

// String returns the version line.
func String() string { return "mono " + Version }
