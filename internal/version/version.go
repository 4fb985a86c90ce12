// Package version tells archcheck's own version, from the build info.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version is archcheck's module version, "devel" for a build from a checkout.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return mainVersion(bi)
}

func mainVersion(bi *debug.BuildInfo) string {
	if bi.Main.Version == "" || bi.Main.Version == "(devel)" {
		return "devel"
	}
	return bi.Main.Version
}

// Long is what `archcheck version` prints: the version, the VCS revision
// and commit time the binary was built from (when the build recorded them:
// go build in a checkout, without -buildvcs=false), and the Go version and
// platform.
func Long() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = &debug.BuildInfo{GoVersion: runtime.Version()}
	}
	return long(bi, runtime.GOOS+"/"+runtime.GOARCH)
}

func long(bi *debug.BuildInfo, platform string) string {
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	var b strings.Builder
	fmt.Fprintf(&b, "archcheck %s\n", mainVersion(bi))
	switch rev := settings["vcs.revision"]; {
	case rev == "":
		b.WriteString("revision: unknown (built without VCS information)\n")
	case settings["vcs.modified"] == "true":
		fmt.Fprintf(&b, "revision: %s (with local changes)\n", rev)
	default:
		fmt.Fprintf(&b, "revision: %s\n", rev)
	}
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "time: %s\n", t)
	}
	fmt.Fprintf(&b, "go: %s %s\n", bi.GoVersion, platform)
	return b.String()
}
