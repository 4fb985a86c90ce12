package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestLong(t *testing.T) {
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "6eaa70f1c2d3"}, {Key: "vcs.time", Value: "2026-11-29T07:33:00Z"}, {Key: "vcs.modified", Value: "false"}}},
			"archcheck v1.4.0\nrevision: 6eaa70f1c2d3\ntime: 2026-11-29T07:33:00Z\ngo: go1.26.8 linux/amd64\n"},
		{"checkout with changes", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "6eaa70f1c2d3"}, {Key: "vcs.time", Value: "2026-11-29T07:33:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"archcheck devel\nrevision: 6eaa70f1c2d3 (with local changes)\ntime: 2026-11-29T07:33:00Z\ngo: go1.26.8 linux/amd64\n"},
		{"no VCS", debug.BuildInfo{GoVersion: "go1.26.8"},
			"archcheck devel\nrevision: unknown (built without VCS information)\ngo: go1.26.8 linux/amd64\n"},
	} {
		if got := long(&tc.bi, "linux/amd64"); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
	if got := Long(); !strings.HasPrefix(got, "archcheck ") || !strings.Contains(got, "\ngo: go1.") {
		t.Errorf("Long() = %q", got)
	}
}
