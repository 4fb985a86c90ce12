// Package version tells archcheck's own version, from the build info.
package version

import "runtime/debug"

// Version is archcheck's module version, "devel" for a build from a checkout.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "devel"
	}
	return bi.Main.Version
}
