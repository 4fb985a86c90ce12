package load

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

// TestExportDataReadsFirstMember: ExportData reads an archive only up to
// the end of its export data member, not the object code after it (most
// of a compiler archive), and the slice it returns keeps nothing more
// alive; a file that is export data already is read whole.
func TestExportDataReadsFirstMember(t *testing.T) {
	member := "go object linux amd64 go1.26.8 X:none\n\n$$B\nu\x01\x02\n$$\n"
	file := filepath.Join(t.TempDir(), "p.a")
	object := fmt.Sprintf("%-16s%-12s%-6s%-6s%-8s%-10d`\n%s", "_go_.o", "0", "0", "0", "644", 1<<20, strings.Repeat("o", 1<<20))
	if err := os.WriteFile(file, append(archive(member), object...), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ExportData(file)
	if err != nil || string(got) != "u\x01\x02" {
		t.Fatalf("ExportData = %q, %v", got, err)
	}
	if limit := len(archive(member)); cap(got) > limit {
		t.Errorf("the returned slice holds %d bytes of the file, more than the %d up to the member's end", cap(got), limit)
	}
	plain := filepath.Join(t.TempDir(), "p.x")
	if err := os.WriteFile(plain, []byte("i\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := ExportData(plain); err != nil || string(got) != "i\x00\x01" {
		t.Errorf("export data file: %q, %v", got, err)
	}
}
