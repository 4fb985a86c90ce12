package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"
)

// payloads are markup that reaches the report from code: a file name (in
// every finding's position) and the text of an //archcheck:ignore comment
// (in the message of the "ignore" finding it causes).
const (
	filePayload    = `x<img src=x onerror=alert(1)>.go`
	commentPayload = `</script><script>alert(2)</script>`
)

// TestHTMLEscapes checks that markup from the analysed code reaches the
// HTML report only as data: it cannot close the data element or add one,
// and, when Chromium is installed, the page shows it as text and creates no
// element from it.
func TestHTMLEscapes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the payload file name is not a valid Windows file name")
	}
	files := map[string]string{
		"go.mod":         "module example.com/m\n\ngo 1.26\n",
		"archcheck.yaml": "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n",
		"a/" + filePayload: "package a\n\n//archcheck:ignore " + commentPayload + " <b>reason</b>\n" +
			"import _ \"example.com/m/b\"\n\nvar S = \"</script><!--\"\n",
		"b/b.go": "package b\n",
	}
	dir := writeModule(t, files)
	r := run(t, dir, nil, []int{1}, "check")
	if !bytes.Contains(r.stdout, []byte(filePayload)) || !bytes.Contains(r.stdout, []byte(commentPayload)) {
		t.Fatalf("the payloads are not in the findings, so this test tests nothing:\n%s", r.stdout)
	}
	report := filepath.Join(t.TempDir(), "report.html")
	run(t, dir, nil, ok, "report", "-o", report)
	page, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	// A report of the same module without the payloads has the same tags.
	delete(files, "a/"+filePayload)
	files["a/a.go"] = "package a\n\nimport _ \"example.com/m/b\"\n"
	plain := filepath.Join(t.TempDir(), "plain.html")
	run(t, writeModule(t, files), nil, ok, "report", "-o", plain)
	plainPage, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"<script", "</script", "<img", "<!--"} {
		if got, want := bytes.Count(page, []byte(tag)), bytes.Count(plainPage, []byte(tag)); got != want {
			t.Errorf("%q occurs %d times in the report, %d times without the payloads", tag, got, want)
		}
	}
	for _, p := range []string{filePayload, commentPayload, "<b>reason"} {
		if bytes.Contains(page, []byte(p)) {
			t.Errorf("raw payload %q in the report", p)
		}
	}
	openEscaped(t, report)
}

// openEscaped loads the report in headless Chromium: the payloads must be
// text in the DOM, no <img> element may exist, and no script error occur.
func openEscaped(t *testing.T, file string) {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Log("chromium is not installed: the report is not opened in a browser")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=10000", "--dump-dom", "file://"+filepath.ToSlash(file)).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	if regexp.MustCompile(`(?i)<img\b`).Match(out) {
		t.Error("the page has an <img> element: a file name was parsed as markup")
	}
	// The page offers line breaks between path elements (<wbr>), which are
	// not text: the file name must read whole without them.
	if !bytes.Contains(bytes.ReplaceAll(out, []byte("<wbr>"), nil), []byte("x&lt;img src=x onerror=alert(1)&gt;.go")) {
		t.Error("the file name is not shown as text")
	}
	if m := regexp.MustCompile(`data-errors="(\d+)"`).FindSubmatch(out); m == nil || string(m[1]) != "0" {
		t.Errorf("script errors in the page: %s", m)
	}
}
