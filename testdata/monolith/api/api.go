// Package api is the HTTP API client.
package api

import (
	"encoding/json"
	"net/http"
)

// Get fetches a resource's fields.
func Get(path string) (map[string]string, error) {
	resp, err := http.Get("https://api.example.com" + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var fields map[string]string
	err = json.NewDecoder(resp.Body).Decode(&fields)
	return fields, err
}

// APIField0 formats field 0 of a record for display.
func APIField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// APIField1 formats field 1 of a record for display.
func APIField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// APIField2 formats field 2 of a record for display.
func APIField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// APIField3 formats field 3 of a record for display.
func APIField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// APIField4 formats field 4 of a record for display.
func APIField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// APIField5 formats field 5 of a record for display.
func APIField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// APIField6 formats field 6 of a record for display.
func APIField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// APIField7 formats field 7 of a record for display.
func APIField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// APIField8 formats field 8 of a record for display.
func APIField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// APIField9 formats field 9 of a record for display.
func APIField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// APIField10 formats field 10 of a record for display.
func APIField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// APIField11 formats field 11 of a record for display.
func APIField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// APIField12 formats field 12 of a record for display.
func APIField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// APIField13 formats field 13 of a record for display.
func APIField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// APIField14 formats field 14 of a record for display.
func APIField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// APIField15 formats field 15 of a record for display.
func APIField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// APIField16 formats field 16 of a record for display.
func APIField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// APIField17 formats field 17 of a record for display.
func APIField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// APIField18 formats field 18 of a record for display.
func APIField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// APIField19 formats field 19 of a record for display.
func APIField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// APIField20 formats field 20 of a record for display.
func APIField20(values map[string]string) string {
	v, ok := values["field20"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// APIField21 formats field 21 of a record for display.
func APIField21(values map[string]string) string {
	v, ok := values["field21"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// APIField22 formats field 22 of a record for display.
func APIField22(values map[string]string) string {
	v, ok := values["field22"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// APIField23 formats field 23 of a record for display.
func APIField23(values map[string]string) string {
	v, ok := values["field23"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// APIField24 formats field 24 of a record for display.
func APIField24(values map[string]string) string {
	v, ok := values["field24"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// APIField25 formats field 25 of a record for display.
func APIField25(values map[string]string) string {
	v, ok := values["field25"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// APIField26 formats field 26 of a record for display.
func APIField26(values map[string]string) string {
	v, ok := values["field26"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// APIField27 formats field 27 of a record for display.
func APIField27(values map[string]string) string {
	v, ok := values["field27"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// APIField28 formats field 28 of a record for display.
func APIField28(values map[string]string) string {
	v, ok := values["field28"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// APIField29 formats field 29 of a record for display.
func APIField29(values map[string]string) string {
	v, ok := values["field29"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}
