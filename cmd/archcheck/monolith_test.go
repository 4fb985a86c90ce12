package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// monolith is the fixture shaped like the real command-line codebase of
// issue 14 (testdata/monolith/README.md).
var monolith = filepath.Join("..", "..", "testdata", "monolith")

// TestMonolithInit: the folder holding most of the code is split into its
// subfolders, tiny folders fold into their parent or the shared platform,
// never a folder doing I/O of its own or a program.
func TestMonolithInit(t *testing.T) {
	out, _ := runCLI(t, 0, "-C", monolith, "init", "--dry-run")
	table, yaml, _ := strings.Cut(out, "\n\n")
	rows := map[string][]string{}
	for _, l := range strings.Split(table, "\n")[1:] {
		f := strings.Fields(l)
		rows[f[0]] = f
	}
	for _, m := range []string{"pr", "issue", "checkout", "api", "billing", "git", "shared"} {
		if rows[m] == nil {
			t.Errorf("no module %s (pkg/cmd split into its subfolders):\n%s", m, table)
		}
	}
	if r := rows["run"]; r == nil || r[1] != "1" {
		t.Errorf("internal/run runs processes: it must stay a module of its own:\n%s", table)
	}
	if r := rows["pkg-cmd"]; r == nil || r[1] != "3" {
		t.Errorf("version and lookpath (exec.LookPath only) fold into what is left of pkg/cmd:\n%s", table)
	}
	if rows["cmd"] == nil {
		t.Errorf("the program stays a module:\n%s", table)
	}
	if !strings.Contains(yaml, "  platform:\n    packages: [\"./internal/helper/...\", \"./internal/slices/...\", \"./internal/text/...\"]\n    shared: true") {
		t.Errorf("the tiny utilities are not the shared platform:\n%s", yaml)
	}
	if _, err := os.Stat(filepath.Join(monolith, "archcheck.yaml.new")); err == nil {
		t.Error("--dry-run wrote a file")
	}
}

type impactDoc struct {
	Modules []struct {
		Module        string `json:"module"`
		BlockingCalls int    `json:"blocking_calls"`
	} `json:"modules"`
	Blocked []struct {
		Function    string   `json:"function"`
		Chain       []string `json:"chain"`
		EntryPoints []string `json:"entry_points"`
	} `json:"blocked"`
	EntryPoints []string `json:"entry_points"`
}

func impactOf(t *testing.T, args ...string) (impactDoc, map[string][]string) {
	t.Helper()
	out, _ := runCLI(t, 0, append(args, "--format", "json")...)
	var doc impactDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	chains := map[string][]string{}
	for _, b := range doc.Blocked {
		chains[strings.TrimPrefix(b.Function, "example.com/mono/")] = b.Chain
	}
	return doc, chains
}

// TestMonolithImpact: I/O through a wrapper module (git runs its processes
// in the shared internal/run) and through a third-party client (billing's
// payment client) still reaches every caller, up to main.
func TestMonolithImpact(t *testing.T) {
	_, git := impactOf(t, "-C", monolith, "impact", "git")
	for _, fn := range []string{"pkg/cmd/pr.View", "pkg/cmd/issue.View", "pkg/cmd/root.Execute", "cmd/mono.main"} {
		if git[fn] == nil {
			t.Errorf("impact git lacks %s: %v", fn, git)
		}
	}
	if ch := git["pkg/cmd/pr.View"]; len(ch) == 0 || ch[len(ch)-1] != "(*os/exec.Cmd).Output" {
		t.Errorf("pr.View's chain %v does not end in the process the wrapper runs", ch)
	}
	_, billing := impactOf(t, "-C", monolith, "impact", "billing")
	if billing["pkg/cmd/checkout.Pay"] == nil || billing["cmd/mono.main"] == nil {
		t.Errorf("impact billing: %v", billing)
	}
	doc, ext := impactOf(t, "-C", monolith, "impact", "--external", "example.com/payclient/...")
	if ext["billing.Charge"] == nil || ext["pkg/cmd/checkout.Pay"] == nil || !slices.Contains(doc.EntryPoints, "example.com/mono/cmd/mono.main") {
		t.Errorf("impact --external payclient: %v", ext)
	}
	if ch := ext["pkg/cmd/checkout.Pay"]; len(ch) == 0 || ch[len(ch)-1] != "(*example.com/payclient.Client).Charge" {
		t.Errorf("checkout.Pay's chain %v does not stop where it enters the client", ch)
	}
	// Not every function blocks on the client: the pr command does not.
	if ext["pkg/cmd/pr.View"] != nil {
		t.Errorf("pr.View does not pay: %v", ext["pkg/cmd/pr.View"])
	}
	// A blocking API of the standard library: every process the CLI runs.
	_, procs := impactOf(t, "-C", monolith, "impact", "--external", "os/exec")
	for _, fn := range []string{"internal/run.Output", "git.CurrentBranch", "git.Remote", "pkg/cmd/pr.View", "cmd/mono.main"} {
		if procs[fn] == nil {
			t.Errorf("impact --external os/exec lacks %s: %v", fn, procs)
		}
	}
	if procs["pkg/cmd/lookpath.Has"] != nil || procs["billing.Charge"] != nil {
		t.Errorf("exec.LookPath runs nothing, billing runs no process: %v", procs)
	}
}

// TestImpactWarmCache: impact reads the per-package cache (its call sites
// included) and answers as --no-cache does. A cache without the sites made
// a warm run climb by name and lose calls through other packages' methods
// (impact --external payclient lost billing.Charge, aa78790).
func TestImpactWarmCache(t *testing.T) {
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	for _, args := range [][]string{{"impact", "billing"}, {"impact", "git"}, {"impact", "--external", "example.com/payclient/..."}} {
		base := append([]string{"-C", monolith}, args...)
		want, _ := runCLI(t, 0, append(base, "--format", "json", "--no-cache")...)
		if code := run([]string{"-C", monolith, "check"}, new(bytes.Buffer), new(bytes.Buffer)); code > 1 { // fills the cache
			t.Fatalf("check: exit %d", code)
		}
		for _, run := range []string{"after check", "after impact"} {
			got, _ := runCLI(t, 0, append(base, "--format", "json")...)
			if got != want {
				t.Errorf("%v with the cache (%s) differs from --no-cache:\n%s\nwant:\n%s", args, run, got, want)
			}
		}
	}
	_, ext := impactOf(t, "-C", monolith, "impact", "--external", "example.com/payclient/...")
	if ext["billing.Charge"] == nil {
		t.Errorf("warm impact --external payclient lacks billing.Charge: %v", ext)
	}
}

// TestSuggestWarmCache: suggest --no-sql (the cache stays off with the SQL
// tables) reads the per-package cache and ranks as --no-cache does; the
// I/O of a module's own comes from the cached call sites.
func TestSuggestWarmCache(t *testing.T) {
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	args := []string{"-C", monolith, "suggest", "--no-sql", "--no-history", "--split", "--format", "json"}
	want, _ := runCLI(t, 0, append(args, "--no-cache")...)
	if !strings.Contains(want, "payclient") {
		t.Fatalf("the fixture's billing does no outside I/O through its client: the test tests nothing\n%s", want)
	}
	for _, run := range []string{"cold", "warm"} {
		if got, _ := runCLI(t, 0, args...); got != want {
			t.Errorf("suggest with the cache (%s) differs from --no-cache:\n%s\nwant:\n%s", run, got, want)
		}
	}
}

// TestImpactCoversCheck: impact MODULE lists at least every caller that
// check's sync-call reports for MODULE with every kind enabled (issue 14:
// impact said nothing where check had 85 findings).
func TestImpactCoversCheck(t *testing.T) {
	for _, dir := range []string{filepath.Join("..", "..", "testdata", "shop"), monolith, market} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "archcheck.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			cfg := filepath.Join(t.TempDir(), "all-kinds.yaml")
			if err := os.WriteFile(cfg, append(src, "\nsync_call_kinds: [network, database, process, sleep]\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-C", dir, "check", "--config", cfg, "--format", "json"}, &stdout, &stderr); code > 1 {
				t.Fatalf("check: exit %d: %s", code, stderr.String())
			}
			out := stdout.String()
			var doc struct {
				Findings []struct {
					Rule     string   `json:"rule"`
					ToModule string   `json:"to_module"`
					Chain    []string `json:"chain"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			callers := map[string]map[string]bool{}
			for _, f := range doc.Findings {
				if f.Rule == "sync-call" {
					if callers[f.ToModule] == nil {
						callers[f.ToModule] = map[string]bool{}
					}
					callers[f.ToModule][f.Chain[0]] = true
				}
			}
			if len(callers) == 0 {
				t.Fatal("no sync-call findings: the fixture tests nothing")
			}
			for mod, want := range callers {
				im, _ := impactOf(t, "-C", dir, "impact", mod, "--config", cfg)
				got := map[string]bool{}
				for _, b := range im.Blocked {
					got[b.Function] = true
				}
				for fn := range want {
					if !got[fn] {
						t.Errorf("impact %s lacks %s, which check reports", mod, fn)
					}
				}
			}
		})
	}
}

// TestMonolithSuggestHistory: on a copy of the fixture with a git history
// built here, a module that changes alone is a clean cut, two that change
// together belong together, and the 43-line helper is not a candidate to
// rank first; without history suggest says so once.
func TestMonolithSuggestHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	if err := copyDir(monolith, dir); err != nil {
		t.Fatal(err)
	}
	type suggestDoc struct {
		Notes   []string `json:"notes"`
		History *struct {
			Since   string `json:"since"`
			Commits int    `json:"commits"`
			Missing string `json:"missing"`
		} `json:"history"`
		Candidates []struct {
			Module  string   `json:"module"`
			Reasons []string `json:"reasons"`
		} `json:"candidates"`
	}
	suggest := func() suggestDoc {
		out, _ := runCLI(t, 0, "-C", dir, "suggest", "--format", "json")
		var doc suggestDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	if doc := suggest(); len(doc.Notes) != 1 || doc.Notes[0] != "no change history (not a git repository): ranked without it" {
		t.Errorf("without git: notes %q", doc.Notes)
	}
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	day := 1
	commit := func(files ...string) {
		t.Helper()
		for _, f := range files {
			path := filepath.Join(dir, f)
			old, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, append(old, "// edited\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		date := "2025-03-" + string(rune('0'+day/10)) + string(rune('0'+day%10)) + "T12:00:00Z"
		day++
		git(date, "add", "-A")
		git(date, "commit", "-q", "-m", "change")
	}
	git("2025-02-01T12:00:00Z", "init", "-q", "-b", "main")
	git("2025-02-01T12:00:00Z", "add", "-A")
	git("2025-02-01T12:00:00Z", "commit", "-q", "-m", "import")
	for range 4 {
		commit("billing/billing.go") // billing changes alone
	}
	for range 4 {
		commit("pkg/cmd/pr/pr.go", "pkg/cmd/issue/issue.go") // pr and issue change together
	}
	commit("pkg/cmd/pr/pr.go", "internal/helper/helper.go")
	doc := suggest()
	if doc.History == nil || doc.History.Missing != "" || doc.History.Commits != 10 || doc.History.Since != "2024-03-09" {
		t.Fatalf("history %+v", doc.History)
	}
	reasons := map[string][]string{}
	for _, c := range doc.Candidates {
		reasons[c.Module] = c.Reasons
	}
	// The first commit (the import) changed every module.
	if !slices.Contains(reasons["billing"], "changed alone in 4 of its 5 commits: a clean cut") {
		t.Errorf("billing: %q", reasons["billing"])
	}
	if !slices.Contains(reasons["issue"], "changed together with pr in 5 of its 5 commits: keep them together") {
		t.Errorf("issue: %q", reasons["issue"])
	}
	if doc.Candidates[0].Module != "billing" {
		t.Errorf("first candidate %s, want billing (third-party I/O, changes alone)", doc.Candidates[0].Module)
	}
	if doc.Candidates[0].Module == "helper" || !strings.HasPrefix(reasons["helper"][0], "small: 1 package") {
		t.Errorf("helper: %q", reasons["helper"])
	}
	// The same commit gives the same ranking: --since defaults to one
	// year before HEAD's committer date, not to today.
	if again := suggest(); again.History.Since != doc.History.Since {
		t.Errorf("since moved: %s, %s", doc.History.Since, again.History.Since)
	}
}

// copyDir copies a directory tree of regular files, config included.
func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}
