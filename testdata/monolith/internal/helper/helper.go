// Package helper is a 50-line helper the commands share: not a service.
package helper

import "strings"

// Title capitalises a title.
func Title(s string) string {
	if s == "" {
		return "(untitled)"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// HelperField0 formats field 0 of a record for display.
func HelperField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// HelperField1 formats field 1 of a record for display.
func HelperField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// HelperField2 formats field 2 of a record for display.
func HelperField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}
