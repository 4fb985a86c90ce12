// Package issue views issues.
package issue

import (
	"fmt"

	"example.com/mono/api"
	"example.com/mono/git"
	"example.com/mono/internal/helper"
	"example.com/mono/internal/text"
)

// View prints an issue.
func View(id string) error {
	fields, err := api.Get("/issues/" + id)
	if err != nil {
		return err
	}
	remote, err := git.Remote()
	if err != nil {
		return err
	}
	fmt.Println(helper.Title(text.Trim(fields["title"])), remote, IssueField0(fields))
	return nil
}

// IssueField0 formats field 0 of a record for display.
func IssueField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField1 formats field 1 of a record for display.
func IssueField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField2 formats field 2 of a record for display.
func IssueField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField3 formats field 3 of a record for display.
func IssueField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField4 formats field 4 of a record for display.
func IssueField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField5 formats field 5 of a record for display.
func IssueField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField6 formats field 6 of a record for display.
func IssueField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField7 formats field 7 of a record for display.
func IssueField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField8 formats field 8 of a record for display.
func IssueField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField9 formats field 9 of a record for display.
func IssueField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField10 formats field 10 of a record for display.
func IssueField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField11 formats field 11 of a record for display.
func IssueField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField12 formats field 12 of a record for display.
func IssueField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField13 formats field 13 of a record for display.
func IssueField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField14 formats field 14 of a record for display.
func IssueField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField15 formats field 15 of a record for display.
func IssueField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField16 formats field 16 of a record for display.
func IssueField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField17 formats field 17 of a record for display.
func IssueField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField18 formats field 18 of a record for display.
func IssueField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField19 formats field 19 of a record for display.
func IssueField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField20 formats field 20 of a record for display.
func IssueField20(values map[string]string) string {
	v, ok := values["field20"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField21 formats field 21 of a record for display.
func IssueField21(values map[string]string) string {
	v, ok := values["field21"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField22 formats field 22 of a record for display.
func IssueField22(values map[string]string) string {
	v, ok := values["field22"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField23 formats field 23 of a record for display.
func IssueField23(values map[string]string) string {
	v, ok := values["field23"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField24 formats field 24 of a record for display.
func IssueField24(values map[string]string) string {
	v, ok := values["field24"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField25 formats field 25 of a record for display.
func IssueField25(values map[string]string) string {
	v, ok := values["field25"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField26 formats field 26 of a record for display.
func IssueField26(values map[string]string) string {
	v, ok := values["field26"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField27 formats field 27 of a record for display.
func IssueField27(values map[string]string) string {
	v, ok := values["field27"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField28 formats field 28 of a record for display.
func IssueField28(values map[string]string) string {
	v, ok := values["field28"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField29 formats field 29 of a record for display.
func IssueField29(values map[string]string) string {
	v, ok := values["field29"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField30 formats field 30 of a record for display.
func IssueField30(values map[string]string) string {
	v, ok := values["field30"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField31 formats field 31 of a record for display.
func IssueField31(values map[string]string) string {
	v, ok := values["field31"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField32 formats field 32 of a record for display.
func IssueField32(values map[string]string) string {
	v, ok := values["field32"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField33 formats field 33 of a record for display.
func IssueField33(values map[string]string) string {
	v, ok := values["field33"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField34 formats field 34 of a record for display.
func IssueField34(values map[string]string) string {
	v, ok := values["field34"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField35 formats field 35 of a record for display.
func IssueField35(values map[string]string) string {
	v, ok := values["field35"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField36 formats field 36 of a record for display.
func IssueField36(values map[string]string) string {
	v, ok := values["field36"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField37 formats field 37 of a record for display.
func IssueField37(values map[string]string) string {
	v, ok := values["field37"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField38 formats field 38 of a record for display.
func IssueField38(values map[string]string) string {
	v, ok := values["field38"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField39 formats field 39 of a record for display.
func IssueField39(values map[string]string) string {
	v, ok := values["field39"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField40 formats field 40 of a record for display.
func IssueField40(values map[string]string) string {
	v, ok := values["field40"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField41 formats field 41 of a record for display.
func IssueField41(values map[string]string) string {
	v, ok := values["field41"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField42 formats field 42 of a record for display.
func IssueField42(values map[string]string) string {
	v, ok := values["field42"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField43 formats field 43 of a record for display.
func IssueField43(values map[string]string) string {
	v, ok := values["field43"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField44 formats field 44 of a record for display.
func IssueField44(values map[string]string) string {
	v, ok := values["field44"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField45 formats field 45 of a record for display.
func IssueField45(values map[string]string) string {
	v, ok := values["field45"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField46 formats field 46 of a record for display.
func IssueField46(values map[string]string) string {
	v, ok := values["field46"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField47 formats field 47 of a record for display.
func IssueField47(values map[string]string) string {
	v, ok := values["field47"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField48 formats field 48 of a record for display.
func IssueField48(values map[string]string) string {
	v, ok := values["field48"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField49 formats field 49 of a record for display.
func IssueField49(values map[string]string) string {
	v, ok := values["field49"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField50 formats field 50 of a record for display.
func IssueField50(values map[string]string) string {
	v, ok := values["field50"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField51 formats field 51 of a record for display.
func IssueField51(values map[string]string) string {
	v, ok := values["field51"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField52 formats field 52 of a record for display.
func IssueField52(values map[string]string) string {
	v, ok := values["field52"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField53 formats field 53 of a record for display.
func IssueField53(values map[string]string) string {
	v, ok := values["field53"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField54 formats field 54 of a record for display.
func IssueField54(values map[string]string) string {
	v, ok := values["field54"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField55 formats field 55 of a record for display.
func IssueField55(values map[string]string) string {
	v, ok := values["field55"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField56 formats field 56 of a record for display.
func IssueField56(values map[string]string) string {
	v, ok := values["field56"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField57 formats field 57 of a record for display.
func IssueField57(values map[string]string) string {
	v, ok := values["field57"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField58 formats field 58 of a record for display.
func IssueField58(values map[string]string) string {
	v, ok := values["field58"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField59 formats field 59 of a record for display.
func IssueField59(values map[string]string) string {
	v, ok := values["field59"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField60 formats field 60 of a record for display.
func IssueField60(values map[string]string) string {
	v, ok := values["field60"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField61 formats field 61 of a record for display.
func IssueField61(values map[string]string) string {
	v, ok := values["field61"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField62 formats field 62 of a record for display.
func IssueField62(values map[string]string) string {
	v, ok := values["field62"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// IssueField63 formats field 63 of a record for display.
func IssueField63(values map[string]string) string {
	v, ok := values["field63"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// IssueField64 formats field 64 of a record for display.
func IssueField64(values map[string]string) string {
	v, ok := values["field64"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// IssueField65 formats field 65 of a record for display.
func IssueField65(values map[string]string) string {
	v, ok := values["field65"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// IssueField66 formats field 66 of a record for display.
func IssueField66(values map[string]string) string {
	v, ok := values["field66"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// IssueField67 formats field 67 of a record for display.
func IssueField67(values map[string]string) string {
	v, ok := values["field67"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// IssueField68 formats field 68 of a record for display.
func IssueField68(values map[string]string) string {
	v, ok := values["field68"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// IssueField69 formats field 69 of a record for display.
func IssueField69(values map[string]string) string {
	v, ok := values["field69"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}
