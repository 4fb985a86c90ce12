package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// browser finds headless Chromium (Debian's chromium; CI installs it).
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed: the HTML report is not opened in a browser")
	return ""
}

// pageState is what the report's script writes on <body> when the graph
// is laid out.
type pageState struct {
	ready          bool
	nodes, errors  int
	readyMS        int
	errorText, dom string
}

var bodyAttr = regexp.MustCompile(`\sdata-([a-z-]+)="([^"]*)"`)

// openInBrowser loads file in headless Chromium, returns the DOM's body
// markers and saves a screenshot to the test's artifact directory.
func openInBrowser(t *testing.T, file string) pageState {
	t.Helper()
	bin := browser(t)
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=15000", "--window-size=1400,1000"}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url := "file://" + filepath.ToSlash(file)
	out, err := exec.CommandContext(ctx, bin, append(args, "--dump-dom", url)...).Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom: %v", err)
	}
	shot := filepath.Join(t.ArtifactDir(), filepath.Base(file)+".png")
	if err := exec.CommandContext(ctx, bin, append(args, "--screenshot="+shot, url)...).Run(); err != nil {
		t.Errorf("chromium --screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shot)
	dom := string(out)
	body := regexp.MustCompile(`<body[^>]*>`).FindString(dom)
	st := pageState{dom: dom}
	for _, m := range bodyAttr.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[2])
		switch m[1] {
		case "ready":
			st.ready = m[2] == "1"
		case "nodes":
			st.nodes = n
		case "errors":
			st.errors = n
		case "ready-ms":
			st.readyMS = n
		case "error-text":
			st.errorText = m[2]
		}
	}
	return st
}

// graphNodes counts the nodes `archcheck graph --format json` draws.
func graphNodes(t *testing.T, args ...string) int {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(append(args, "graph", "--format", "json"), &stdout, &stderr); code != 0 {
		t.Fatalf("graph: exit %d: %s", code, stderr.String())
	}
	var doc struct{ Nodes []json.RawMessage }
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return len(doc.Nodes)
}

// TestReportInBrowser opens the report of the shop fixture, at both
// levels, in headless Chromium: the graph must lay out with as many nodes
// as `graph` draws, and without a script error.
func TestReportInBrowser(t *testing.T) {
	browser(t)
	shop, err := filepath.Abs(filepath.Join("..", "..", "testdata", "shop"))
	if err != nil {
		t.Fatal(err)
	}
	for _, level := range []string{"module", "package"} {
		t.Run(level, func(t *testing.T) {
			want := graphNodes(t, "-C", shop, "--level="+level)
			out := filepath.Join(t.TempDir(), "shop-"+level+".html")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-C", shop, "report", "--level", level, "-o", out}, &stdout, &stderr); code != 0 {
				t.Fatalf("report: exit %d: %s", code, stderr.String())
			}
			st := openInBrowser(t, out)
			if !st.ready {
				t.Fatalf("the graph never finished its layout (errors: %s)", st.errorText)
			}
			if st.errors != 0 {
				t.Errorf("%d script errors: %s", st.errors, st.errorText)
			}
			if st.nodes != want {
				t.Errorf("the page drew %d nodes, graph draws %d", st.nodes, want)
			}
		})
	}
}

// TestReportStdInBrowser measures the standard library at package level
// (~360 packages, ~2,500 imports): it must be laid out in under 5 s after
// the page starts loading. It runs when ARCHCHECK_TEST_STD=1 (it lists all
// of std).
func TestReportStdInBrowser(t *testing.T) {
	if os.Getenv("ARCHCHECK_TEST_STD") != "1" {
		t.Skip("set ARCHCHECK_TEST_STD=1 to lay out the standard library's report in Chromium")
	}
	browser(t)
	src := filepath.Join(runtime.GOROOT(), "src")
	out := filepath.Join(t.TempDir(), "std-package.html")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", src, "report", "--level", "package", "--no-sql", "-o", out, "std"}, &stdout, &stderr); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr.String())
	}
	st := openInBrowser(t, out)
	if !st.ready || st.errors != 0 {
		t.Fatalf("ready=%v errors=%d %s", st.ready, st.errors, st.errorText)
	}
	t.Logf("%d nodes laid out %d ms after navigation started", st.nodes, st.readyMS)
	if st.nodes < 300 || st.readyMS > 5000 {
		t.Errorf("%d nodes in %d ms; want ≥ 300 nodes in < 5000 ms", st.nodes, st.readyMS)
	}
}
