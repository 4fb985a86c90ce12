package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportDataInBrowser opens the report of the data-ownership fixture
// (testdata/dataowner: billing owns invoices, checkout writes it, reporting
// reads it) in headless Chromium: the collapsible data section lists one
// row per module → table edge, the two data-ownership ones marked, and the
// page has no script error.
func TestReportDataInBrowser(t *testing.T) {
	browser(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "dataowner"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "data.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", dir, "report", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr.String())
	}
	st := openInBrowser(t, out)
	if st.errors != 0 || !st.ready {
		t.Fatalf("ready %v, %d script errors: %s", st.ready, st.errors, st.errorText)
	}
	i := strings.Index(st.dom, `<section id="data-section"`)
	if i < 0 {
		t.Fatal("no data section")
	}
	section := st.dom[i : i+strings.Index(st.dom[i:], "</section>")]
	if strings.Contains(section[:strings.Index(section, ">")], "hidden") {
		t.Error("the data section is hidden")
	}
	if rows := strings.Count(section, "<tr"); rows != 10 { // the header and 9 edges
		t.Errorf("%d rows, want 10:\n%s", rows, section)
	}
	if n := strings.Count(section, `<tr class="violation">`); n != 2 {
		t.Errorf("%d violation rows, want 2 (checkout → invoices, reporting → invoices)", n)
	}
	if !strings.Contains(section, "<td>checkout</td><td>invoices</td><td>2</td>") {
		t.Errorf("no row checkout → invoices with 2 writes:\n%s", section)
	}
}

// TestGoldenData pins the outputs data ownership adds, on the fixture
// testdata/dataowner: check's findings (JSON: the owner is to_module) and
// graph --data (JSON and DOT: the table nodes and the data edges).
func TestGoldenData(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "dataowner")
	runGolden(t, []goldenCase{
		{"dataowner.check.json", []string{"-C", dir, "check", "--format", "json"}, 1},
		{"dataowner.graph-data.json", []string{"-C", dir, "graph", "--data", "--format", "json"}, 0},
		{"dataowner.graph-data.dot", []string{"-C", dir, "graph", "--data"}, 0},
	})
}
