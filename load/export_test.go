package load

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

func archive(member string) []byte {
	return fmt.Appendf(nil, "!<arch>\n%-16s%-12s%-6s%-6s%-8s%-10d`\n%s", "__.PKGDEF", "0", "0", "0", "644", len(member), member)
}

// TestExportData takes the export data out of a compiler archive, passes
// cmd/export's output through, and refuses what is neither.
func TestExportData(t *testing.T) {
	good := archive("go object linux amd64 go1.26.8 X:none\nbuild id \"x\"\n\n$$B\nu\x01\x02\n$$\n")
	if got, err := exportData(good); err != nil || string(got) != "u\x01\x02" {
		t.Errorf("archive: %q, %v; want \"u\\x01\\x02\"", got, err)
	}
	if got, err := exportData([]byte("i\x00\x01")); err != nil || string(got) != "i\x00\x01" {
		t.Errorf("cmd/export output: %q, %v", got, err)
	}
	for name, data := range map[string][]byte{
		"empty":        nil,
		"other member": []byte(strings.Replace(string(good), "__.PKGDEF", "_go_.o   ", 1)),
		"no $$B":       archive("go object linux amd64\n"),
		"old header":   archive("go object\n$$\nu\n$$\n"),
		"no end":       archive("go object\n$$B\nu\x01"),
		"short":        []byte("!<arch>\n__.PKGDEF"),
		"truncated":    good[:70],
	} {
		if _, err := exportData(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestExportDataOfGoList reads what go list -export builds for a package of
// the standard library: unified ('u', Go 1.20-1.27) or indexed ('i', from
// cmd/export) export data.
func TestExportDataOfGoList(t *testing.T) {
	out, err := exec.Command("go", "list", "-export", "-f", "{{.Export}}", "errors").Output()
	if err != nil {
		t.Skipf("go list -export: %v", err)
	}
	data, err := ExportData(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	if data[0] != 'u' && data[0] != 'i' {
		t.Errorf("export data starts with %q", data[0])
	}
}
