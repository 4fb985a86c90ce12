// Package checkout pays for an order.
package checkout

import (
	"example.com/mono/api"
	"example.com/mono/billing"
)

// Pay charges the order's account.
func Pay(order string, cents int) error {
	fields, err := api.Get("/orders/" + order)
	if err != nil {
		return err
	}
	return billing.Charge(fields["account"], cents)
}

// CheckoutField0 formats field 0 of a record for display.
func CheckoutField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// CheckoutField1 formats field 1 of a record for display.
func CheckoutField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// CheckoutField2 formats field 2 of a record for display.
func CheckoutField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// CheckoutField3 formats field 3 of a record for display.
func CheckoutField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// CheckoutField4 formats field 4 of a record for display.
func CheckoutField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// CheckoutField5 formats field 5 of a record for display.
func CheckoutField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// CheckoutField6 formats field 6 of a record for display.
func CheckoutField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// CheckoutField7 formats field 7 of a record for display.
func CheckoutField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// CheckoutField8 formats field 8 of a record for display.
func CheckoutField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// CheckoutField9 formats field 9 of a record for display.
func CheckoutField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// CheckoutField10 formats field 10 of a record for display.
func CheckoutField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// CheckoutField11 formats field 11 of a record for display.
func CheckoutField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// CheckoutField12 formats field 12 of a record for display.
func CheckoutField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// CheckoutField13 formats field 13 of a record for display.
func CheckoutField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// CheckoutField14 formats field 14 of a record for display.
func CheckoutField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// CheckoutField15 formats field 15 of a record for display.
func CheckoutField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// CheckoutField16 formats field 16 of a record for display.
func CheckoutField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// CheckoutField17 formats field 17 of a record for display.
func CheckoutField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// CheckoutField18 formats field 18 of a record for display.
func CheckoutField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// CheckoutField19 formats field 19 of a record for display.
func CheckoutField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// CheckoutField20 formats field 20 of a record for display.
func CheckoutField20(values map[string]string) string {
	v, ok := values["field20"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// CheckoutField21 formats field 21 of a record for display.
func CheckoutField21(values map[string]string) string {
	v, ok := values["field21"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// CheckoutField22 formats field 22 of a record for display.
func CheckoutField22(values map[string]string) string {
	v, ok := values["field22"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// CheckoutField23 formats field 23 of a record for display.
func CheckoutField23(values map[string]string) string {
	v, ok := values["field23"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// CheckoutField24 formats field 24 of a record for display.
func CheckoutField24(values map[string]string) string {
	v, ok := values["field24"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// CheckoutField25 formats field 25 of a record for display.
func CheckoutField25(values map[string]string) string {
	v, ok := values["field25"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// CheckoutField26 formats field 26 of a record for display.
func CheckoutField26(values map[string]string) string {
	v, ok := values["field26"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// CheckoutField27 formats field 27 of a record for display.
func CheckoutField27(values map[string]string) string {
	v, ok := values["field27"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// CheckoutField28 formats field 28 of a record for display.
func CheckoutField28(values map[string]string) string {
	v, ok := values["field28"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// CheckoutField29 formats field 29 of a record for display.
func CheckoutField29(values map[string]string) string {
	v, ok := values["field29"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}
