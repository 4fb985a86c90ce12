// Package shared holds what the pr commands share.
package shared

import "example.com/mono/api"

// Fetch gets a pull request's fields from the API.
func Fetch(id string) (map[string]string, error) {
	return api.Get("/pulls/" + id)
}

// SharedField0 formats field 0 of a record for display.
func SharedField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// SharedField1 formats field 1 of a record for display.
func SharedField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// SharedField2 formats field 2 of a record for display.
func SharedField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// SharedField3 formats field 3 of a record for display.
func SharedField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// SharedField4 formats field 4 of a record for display.
func SharedField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// SharedField5 formats field 5 of a record for display.
func SharedField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// SharedField6 formats field 6 of a record for display.
func SharedField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// SharedField7 formats field 7 of a record for display.
func SharedField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// SharedField8 formats field 8 of a record for display.
func SharedField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// SharedField9 formats field 9 of a record for display.
func SharedField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// SharedField10 formats field 10 of a record for display.
func SharedField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// SharedField11 formats field 11 of a record for display.
func SharedField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// SharedField12 formats field 12 of a record for display.
func SharedField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// SharedField13 formats field 13 of a record for display.
func SharedField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// SharedField14 formats field 14 of a record for display.
func SharedField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// SharedField15 formats field 15 of a record for display.
func SharedField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// SharedField16 formats field 16 of a record for display.
func SharedField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// SharedField17 formats field 17 of a record for display.
func SharedField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// SharedField18 formats field 18 of a record for display.
func SharedField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// SharedField19 formats field 19 of a record for display.
func SharedField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}
