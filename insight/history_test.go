package insight

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/graph"
)

// gitRepo makes a repository in a temporary directory with one commit per
// entry of commits (the files it writes), dated one day apart from
// 2025-01-01 so the history is the same on every run.
func gitRepo(t *testing.T, commits ...[]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	git := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}, env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(nil, "init", "-q", "-b", "main")
	for i, files := range commits {
		for _, f := range files {
			path := filepath.Join(dir, f)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			old, _ := os.ReadFile(path)
			if err := os.WriteFile(path, append(old, []byte("// change\n")...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		date := "2025-01-" + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) + "T00:00:30Z" // early in the day: a bare --since date would drop it
		git(nil, "add", "-A")
		git([]string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, "commit", "-q", "-m", "c")
	}
	return dir
}

func TestHistory(t *testing.T) {
	dir := gitRepo(t,
		[]string{"a/a.go", "b/b.go"},
		[]string{"a/a.go", "b/b.go"},
		[]string{"a/a.go", "b/b.go", "README.md"},
		[]string{"c/c.go"},
		[]string{"c/c.go", "c/c_test.go"},
		[]string{"a/a.go", "shared/s.go"}, // a shared module does not count as a partner
	)
	h := ReadHistory(context.Background(), dir, "")
	if h.Missing != "" || h.Since != "2024-01-06" || len(h.Commits) != 6 {
		t.Fatalf("history: missing %q since %q, %d commits", h.Missing, h.Since, len(h.Commits))
	}
	g := build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n  b:\n    packages: [./b/...]\n  c:\n    packages: [./c/...]\n  shared:\n    packages: [./shared/...]\n    shared: true\n",
		"a ->", "b ->", "c ->", "shared ->")
	for _, p := range g.Packages {
		p.Dir = filepath.Join(dir, strings.TrimPrefix(p.ImportPath, "example.com/m/"))
	}
	ch := h.ModuleChanges(g)
	if a := ch["a"]; a.Commits != 4 || a.Alone != 1 || !reflect.DeepEqual(a.With, map[string]int{"b": 3}) {
		t.Errorf("a: %+v", a)
	}
	if c := ch["c"]; c.Commits != 2 || c.Alone != 2 || len(c.With) != 0 {
		t.Errorf("c: %+v", c)
	}
	ms := graph.ComputeMetrics(g, nil)
	for _, m := range ms {
		m.Changes = ch[m.Module]
	}
	if r := historyReason(ms[0]); r != "changed together with b in 3 of its 4 commits: keep them together" {
		t.Errorf("a's reason: %q", r)
	}
	if r := historyReason(ms[2]); r != "" {
		t.Errorf("c's reason with 2 commits: %q", r)
	}
	ms[2].Changes = &graph.ChangeStats{Commits: 5, Alone: 4, With: map[string]int{"a": 1}}
	if r := historyReason(ms[2]); r != "changed alone in 4 of its 5 commits: a clean cut" {
		t.Errorf("c's reason: %q", r)
	}
	// An explicit --since narrows the window.
	if h := ReadHistory(context.Background(), dir, "2025-01-04"); len(h.Commits) != 3 {
		t.Errorf("since 2025-01-04: %d commits, want 3", len(h.Commits))
	}
}

func TestHistoryMissing(t *testing.T) {
	if h := ReadHistory(context.Background(), t.TempDir(), ""); h.Missing != "not a git repository" {
		t.Errorf("plain directory: %+v", h)
	}
	src := gitRepo(t, []string{"a/a.go"}, []string{"a/a.go"})
	shallow := filepath.Join(t.TempDir(), "shallow")
	if out, err := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+src, shallow).CombinedOutput(); err != nil {
		t.Fatalf("clone: %v\n%s", err, out)
	}
	if h := ReadHistory(context.Background(), shallow, ""); h.Missing != "a shallow clone" {
		t.Errorf("shallow clone: %+v", h)
	}
	// Ranking without history says so once, and no candidate has a
	// history reason.
	g := build(t, "version: 1\nmodules:\n  a:\n    packages: [./a/...]\n", "a ->")
	r := Rank(g, nil, &History{Missing: "a shallow clone"})
	if !reflect.DeepEqual(r.Notes, []string{"no change history (a shallow clone): ranked without it"}) || r.Candidates[0].Terms.History != -1 {
		t.Errorf("notes %q, terms %+v", r.Notes, r.Candidates[0].Terms)
	}
}

// A directory with non-ASCII letters keeps its history: git quotes such
// paths in --name-only output unless core.quotePath is off.
func TestHistoryNonASCIIPath(t *testing.T) {
	dir := gitRepo(t, []string{"café/c.go", "a/a.go"}, []string{"café/c.go"})
	h := ReadHistory(context.Background(), dir, "")
	if h.Missing != "" {
		t.Fatalf("history missing: %s", h.Missing)
	}
	want := [][]string{{"café"}, {"a", "café"}}
	if !reflect.DeepEqual(h.Commits, want) {
		t.Errorf("commits %q, want %q", h.Commits, want)
	}
}
