// Package pr views pull requests.
package pr

import (
	"fmt"

	"example.com/mono/git"
	"example.com/mono/internal/helper"
	"example.com/mono/pkg/cmd/lookpath"
	"example.com/mono/pkg/cmd/pr/shared"
)

// View prints a pull request and the current branch.
func View(id string) error {
	if !lookpath.Has("git") {
		return fmt.Errorf("git not found")
	}
	branch, err := git.CurrentBranch()
	if err != nil {
		return err
	}
	fields, err := shared.Fetch(id)
	if err != nil {
		return err
	}
	fmt.Println(helper.Title(fields["title"]), branch, PRField0(fields))
	return nil
}

// PRField0 formats field 0 of a record for display.
func PRField0(values map[string]string) string {
	v, ok := values["field0"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField1 formats field 1 of a record for display.
func PRField1(values map[string]string) string {
	v, ok := values["field1"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField2 formats field 2 of a record for display.
func PRField2(values map[string]string) string {
	v, ok := values["field2"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField3 formats field 3 of a record for display.
func PRField3(values map[string]string) string {
	v, ok := values["field3"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField4 formats field 4 of a record for display.
func PRField4(values map[string]string) string {
	v, ok := values["field4"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField5 formats field 5 of a record for display.
func PRField5(values map[string]string) string {
	v, ok := values["field5"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField6 formats field 6 of a record for display.
func PRField6(values map[string]string) string {
	v, ok := values["field6"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField7 formats field 7 of a record for display.
func PRField7(values map[string]string) string {
	v, ok := values["field7"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField8 formats field 8 of a record for display.
func PRField8(values map[string]string) string {
	v, ok := values["field8"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField9 formats field 9 of a record for display.
func PRField9(values map[string]string) string {
	v, ok := values["field9"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField10 formats field 10 of a record for display.
func PRField10(values map[string]string) string {
	v, ok := values["field10"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField11 formats field 11 of a record for display.
func PRField11(values map[string]string) string {
	v, ok := values["field11"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField12 formats field 12 of a record for display.
func PRField12(values map[string]string) string {
	v, ok := values["field12"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField13 formats field 13 of a record for display.
func PRField13(values map[string]string) string {
	v, ok := values["field13"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField14 formats field 14 of a record for display.
func PRField14(values map[string]string) string {
	v, ok := values["field14"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField15 formats field 15 of a record for display.
func PRField15(values map[string]string) string {
	v, ok := values["field15"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField16 formats field 16 of a record for display.
func PRField16(values map[string]string) string {
	v, ok := values["field16"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField17 formats field 17 of a record for display.
func PRField17(values map[string]string) string {
	v, ok := values["field17"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField18 formats field 18 of a record for display.
func PRField18(values map[string]string) string {
	v, ok := values["field18"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField19 formats field 19 of a record for display.
func PRField19(values map[string]string) string {
	v, ok := values["field19"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField20 formats field 20 of a record for display.
func PRField20(values map[string]string) string {
	v, ok := values["field20"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField21 formats field 21 of a record for display.
func PRField21(values map[string]string) string {
	v, ok := values["field21"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField22 formats field 22 of a record for display.
func PRField22(values map[string]string) string {
	v, ok := values["field22"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField23 formats field 23 of a record for display.
func PRField23(values map[string]string) string {
	v, ok := values["field23"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField24 formats field 24 of a record for display.
func PRField24(values map[string]string) string {
	v, ok := values["field24"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField25 formats field 25 of a record for display.
func PRField25(values map[string]string) string {
	v, ok := values["field25"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField26 formats field 26 of a record for display.
func PRField26(values map[string]string) string {
	v, ok := values["field26"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField27 formats field 27 of a record for display.
func PRField27(values map[string]string) string {
	v, ok := values["field27"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField28 formats field 28 of a record for display.
func PRField28(values map[string]string) string {
	v, ok := values["field28"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField29 formats field 29 of a record for display.
func PRField29(values map[string]string) string {
	v, ok := values["field29"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField30 formats field 30 of a record for display.
func PRField30(values map[string]string) string {
	v, ok := values["field30"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField31 formats field 31 of a record for display.
func PRField31(values map[string]string) string {
	v, ok := values["field31"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField32 formats field 32 of a record for display.
func PRField32(values map[string]string) string {
	v, ok := values["field32"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField33 formats field 33 of a record for display.
func PRField33(values map[string]string) string {
	v, ok := values["field33"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField34 formats field 34 of a record for display.
func PRField34(values map[string]string) string {
	v, ok := values["field34"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField35 formats field 35 of a record for display.
func PRField35(values map[string]string) string {
	v, ok := values["field35"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField36 formats field 36 of a record for display.
func PRField36(values map[string]string) string {
	v, ok := values["field36"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField37 formats field 37 of a record for display.
func PRField37(values map[string]string) string {
	v, ok := values["field37"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField38 formats field 38 of a record for display.
func PRField38(values map[string]string) string {
	v, ok := values["field38"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField39 formats field 39 of a record for display.
func PRField39(values map[string]string) string {
	v, ok := values["field39"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField40 formats field 40 of a record for display.
func PRField40(values map[string]string) string {
	v, ok := values["field40"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField41 formats field 41 of a record for display.
func PRField41(values map[string]string) string {
	v, ok := values["field41"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField42 formats field 42 of a record for display.
func PRField42(values map[string]string) string {
	v, ok := values["field42"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField43 formats field 43 of a record for display.
func PRField43(values map[string]string) string {
	v, ok := values["field43"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField44 formats field 44 of a record for display.
func PRField44(values map[string]string) string {
	v, ok := values["field44"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField45 formats field 45 of a record for display.
func PRField45(values map[string]string) string {
	v, ok := values["field45"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField46 formats field 46 of a record for display.
func PRField46(values map[string]string) string {
	v, ok := values["field46"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField47 formats field 47 of a record for display.
func PRField47(values map[string]string) string {
	v, ok := values["field47"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField48 formats field 48 of a record for display.
func PRField48(values map[string]string) string {
	v, ok := values["field48"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField49 formats field 49 of a record for display.
func PRField49(values map[string]string) string {
	v, ok := values["field49"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField50 formats field 50 of a record for display.
func PRField50(values map[string]string) string {
	v, ok := values["field50"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField51 formats field 51 of a record for display.
func PRField51(values map[string]string) string {
	v, ok := values["field51"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField52 formats field 52 of a record for display.
func PRField52(values map[string]string) string {
	v, ok := values["field52"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField53 formats field 53 of a record for display.
func PRField53(values map[string]string) string {
	v, ok := values["field53"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField54 formats field 54 of a record for display.
func PRField54(values map[string]string) string {
	v, ok := values["field54"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField55 formats field 55 of a record for display.
func PRField55(values map[string]string) string {
	v, ok := values["field55"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField56 formats field 56 of a record for display.
func PRField56(values map[string]string) string {
	v, ok := values["field56"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField57 formats field 57 of a record for display.
func PRField57(values map[string]string) string {
	v, ok := values["field57"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField58 formats field 58 of a record for display.
func PRField58(values map[string]string) string {
	v, ok := values["field58"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField59 formats field 59 of a record for display.
func PRField59(values map[string]string) string {
	v, ok := values["field59"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField60 formats field 60 of a record for display.
func PRField60(values map[string]string) string {
	v, ok := values["field60"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField61 formats field 61 of a record for display.
func PRField61(values map[string]string) string {
	v, ok := values["field61"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField62 formats field 62 of a record for display.
func PRField62(values map[string]string) string {
	v, ok := values["field62"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField63 formats field 63 of a record for display.
func PRField63(values map[string]string) string {
	v, ok := values["field63"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField64 formats field 64 of a record for display.
func PRField64(values map[string]string) string {
	v, ok := values["field64"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField65 formats field 65 of a record for display.
func PRField65(values map[string]string) string {
	v, ok := values["field65"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField66 formats field 66 of a record for display.
func PRField66(values map[string]string) string {
	v, ok := values["field66"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField67 formats field 67 of a record for display.
func PRField67(values map[string]string) string {
	v, ok := values["field67"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField68 formats field 68 of a record for display.
func PRField68(values map[string]string) string {
	v, ok := values["field68"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField69 formats field 69 of a record for display.
func PRField69(values map[string]string) string {
	v, ok := values["field69"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField70 formats field 70 of a record for display.
func PRField70(values map[string]string) string {
	v, ok := values["field70"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField71 formats field 71 of a record for display.
func PRField71(values map[string]string) string {
	v, ok := values["field71"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField72 formats field 72 of a record for display.
func PRField72(values map[string]string) string {
	v, ok := values["field72"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField73 formats field 73 of a record for display.
func PRField73(values map[string]string) string {
	v, ok := values["field73"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField74 formats field 74 of a record for display.
func PRField74(values map[string]string) string {
	v, ok := values["field74"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField75 formats field 75 of a record for display.
func PRField75(values map[string]string) string {
	v, ok := values["field75"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField76 formats field 76 of a record for display.
func PRField76(values map[string]string) string {
	v, ok := values["field76"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField77 formats field 77 of a record for display.
func PRField77(values map[string]string) string {
	v, ok := values["field77"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField78 formats field 78 of a record for display.
func PRField78(values map[string]string) string {
	v, ok := values["field78"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField79 formats field 79 of a record for display.
func PRField79(values map[string]string) string {
	v, ok := values["field79"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField80 formats field 80 of a record for display.
func PRField80(values map[string]string) string {
	v, ok := values["field80"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField81 formats field 81 of a record for display.
func PRField81(values map[string]string) string {
	v, ok := values["field81"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField82 formats field 82 of a record for display.
func PRField82(values map[string]string) string {
	v, ok := values["field82"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}

// PRField83 formats field 83 of a record for display.
func PRField83(values map[string]string) string {
	v, ok := values["field83"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 26 {
		return v[:26] + "…"
	}
	return v
}

// PRField84 formats field 84 of a record for display.
func PRField84(values map[string]string) string {
	v, ok := values["field84"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}

// PRField85 formats field 85 of a record for display.
func PRField85(values map[string]string) string {
	v, ok := values["field85"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 21 {
		return v[:21] + "…"
	}
	return v
}

// PRField86 formats field 86 of a record for display.
func PRField86(values map[string]string) string {
	v, ok := values["field86"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 22 {
		return v[:22] + "…"
	}
	return v
}

// PRField87 formats field 87 of a record for display.
func PRField87(values map[string]string) string {
	v, ok := values["field87"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 23 {
		return v[:23] + "…"
	}
	return v
}

// PRField88 formats field 88 of a record for display.
func PRField88(values map[string]string) string {
	v, ok := values["field88"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 24 {
		return v[:24] + "…"
	}
	return v
}

// PRField89 formats field 89 of a record for display.
func PRField89(values map[string]string) string {
	v, ok := values["field89"]
	if !ok || v == "" {
		return "-"
	}
	if len(v) > 25 {
		return v[:25] + "…"
	}
	return v
}
