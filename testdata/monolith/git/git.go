// Package git wraps the git command; the processes run in internal/run.
package git

import (
	"strings"

	"example.com/mono/internal/run"
)

// CurrentBranch returns the checked-out branch.
func CurrentBranch() (string, error) {
	out, err := run.Output("git", "branch", "--show-current")
	return strings.TrimSpace(out), err
}

// Remote returns the URL of origin.
func Remote() (string, error) {
	out, err := run.Output("git", "remote", "get-url", "origin")
	return strings.TrimSpace(out), err
}

// GitField0 formats field 0 of a record for display.
func GitField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// GitField1 formats field 1 of a record for display.
func GitField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// GitField2 formats field 2 of a record for display.
func GitField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// GitField3 formats field 3 of a record for display.
func GitField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// GitField4 formats field 4 of a record for display.
func GitField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// GitField5 formats field 5 of a record for display.
func GitField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// GitField6 formats field 6 of a record for display.
func GitField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// GitField7 formats field 7 of a record for display.
func GitField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// GitField8 formats field 8 of a record for display.
func GitField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// GitField9 formats field 9 of a record for display.
func GitField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// GitField10 formats field 10 of a record for display.
func GitField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// GitField11 formats field 11 of a record for display.
func GitField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// GitField12 formats field 12 of a record for display.
func GitField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// GitField13 formats field 13 of a record for display.
func GitField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// GitField14 formats field 14 of a record for display.
func GitField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// GitField15 formats field 15 of a record for display.
func GitField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// GitField16 formats field 16 of a record for display.
func GitField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// GitField17 formats field 17 of a record for display.
func GitField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// GitField18 formats field 18 of a record for display.
func GitField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// GitField19 formats field 19 of a record for display.
func GitField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// GitField20 formats field 20 of a record for display.
func GitField20(values map[string]string) string {
	v, ok := values["field20"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// GitField21 formats field 21 of a record for display.
func GitField21(values map[string]string) string {
	v, ok := values["field21"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// GitField22 formats field 22 of a record for display.
func GitField22(values map[string]string) string {
	v, ok := values["field22"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// GitField23 formats field 23 of a record for display.
func GitField23(values map[string]string) string {
	v, ok := values["field23"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// GitField24 formats field 24 of a record for display.
func GitField24(values map[string]string) string {
	v, ok := values["field24"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// GitField25 formats field 25 of a record for display.
func GitField25(values map[string]string) string {
	v, ok := values["field25"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// GitField26 formats field 26 of a record for display.
func GitField26(values map[string]string) string {
	v, ok := values["field26"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// GitField27 formats field 27 of a record for display.
func GitField27(values map[string]string) string {
	v, ok := values["field27"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// GitField28 formats field 28 of a record for display.
func GitField28(values map[string]string) string {
	v, ok := values["field28"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// GitField29 formats field 29 of a record for display.
func GitField29(values map[string]string) string {
	v, ok := values["field29"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}
