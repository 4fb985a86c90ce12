package gitbase

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// repo makes a git repository with one commit (a.txt, sub/b.txt) on main,
// then edits a.txt, adds an untracked c.txt and an ignored d.log.
func repo(t *testing.T) (dir, commit string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir = t.TempDir()
	t.Setenv("ARCHCHECK_CACHE", t.TempDir())
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(dir, ".none"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	run := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(name, content string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	write("a.txt", "a\n")
	write("sub/b.txt", "b\n")
	write(".gitignore", "*.log\n")
	run("add", "-A")
	run("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
	commit = run("rev-parse", "HEAD")
	write("a.txt", "a, edited\n")
	write("c.txt", "c\n")
	write("d.log", "ignored\n")
	return dir, commit
}

func TestRepo(t *testing.T) {
	dir, commit := repo(t)
	ctx := context.Background()
	r, err := Open(ctx, filepath.Join(dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Rel != "sub" {
		t.Errorf("Rel = %q, want sub", r.Rel)
	}
	base, err := r.MergeBase(ctx, "main")
	if err != nil || base != commit {
		t.Fatalf("MergeBase = %q, %v; want %s", base, err, commit)
	}
	changed, err := r.Changed(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "c.txt"}; !reflect.DeepEqual(changed, want) {
		t.Errorf("Changed = %v, want %v (edited and untracked, not ignored)", changed, want)
	}
	if b, ok := r.Show(ctx, base, "a.txt"); !ok || string(b) != "a\n" {
		t.Errorf("Show(a.txt) = %q, %v", b, ok)
	}
	if _, ok := r.Show(ctx, base, "c.txt"); ok {
		t.Errorf("Show(c.txt) found a file the base does not have")
	}

	_, err = r.MergeBase(ctx, "nosuch")
	var ge *Error
	if !errors.As(err, &ge) || !strings.Contains(ge.Msg, "nosuch") || ge.Hint == "" {
		t.Errorf("MergeBase(nosuch) = %v, want git's message naming it and a hint", err)
	}
	if _, err := r.MergeBase(ctx, "--output=x"); err == nil {
		t.Errorf("MergeBase accepted an option as a revision")
	}

	notRepo := t.TempDir()
	if _, err := Open(ctx, notRepo); !errors.As(err, &ge) || !strings.Contains(ge.Msg, "not a git repository") || ge.Hint == "" {
		t.Errorf("Open outside a repository = %v", err)
	}
}

func TestMaterialise(t *testing.T) {
	dir, commit := repo(t)
	ctx := context.Background()
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := r.Materialise(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(tree.Dir, "a.txt"))
	if err != nil || string(b) != "a\n" {
		t.Errorf("the tree's a.txt = %q, %v; want the commit's", b, err)
	}
	if _, err := os.Stat(filepath.Join(tree.Dir, "c.txt")); err == nil {
		t.Errorf("the tree has the untracked c.txt")
	}
	// A second run while the first holds the stable path takes another.
	other, err := r.Materialise(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	if other.Dir == tree.Dir {
		t.Errorf("two live trees share %s", tree.Dir)
	}
	if err := other.Remove(); err != nil {
		t.Fatal(err)
	}
	// The checkout is untouched: no worktree, the index as it was.
	if out, err := exec.Command("git", "-C", dir, "status", "--porcelain").Output(); err != nil || string(out) != " M a.txt\n?? c.txt\n" {
		t.Errorf("git status after Materialise = %q, %v", out, err)
	}
	// An interrupt removes what is pending.
	RemovePending()
	if _, err := os.Stat(tree.root); !os.IsNotExist(err) {
		t.Errorf("RemovePending left %s (%v)", tree.root, err)
	}

	// A leftover of a run that no longer exists is taken over.
	again, err := r.Materialise(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(again.root, "pid"), []byte("999999999"), 0o600); err != nil {
		t.Fatal(err)
	}
	pending.Delete(again.root)
	third, err := r.Materialise(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	if third.Dir != again.Dir {
		t.Errorf("a dead run's tree at %s was not taken over (got %s)", again.Dir, third.Dir)
	}
	if err := third.Remove(); err != nil {
		t.Error(err)
	}
}

func TestWriteOverlay(t *testing.T) {
	dir, commit := repo(t)
	ctx := context.Background()
	if err := os.Remove(filepath.Join(dir, "sub", "b.txt")); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := r.Changed(ctx, commit)
	if err != nil {
		t.Fatal(err)
	}
	ov, err := r.WriteOverlay(ctx, commit, changed, func(name string) bool { return name == "c.txt" })
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(ov.File)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for at, file := range doc.Replace {
		content := ""
		if file != "" {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			content = string(b)
		}
		rel, _ := filepath.Rel(r.Given, at)
		got[filepath.ToSlash(rel)] = content
	}
	// a.txt edited: the commit's content; sub/b.txt deleted: restored;
	// c.txt untracked but kept as it is; d.log ignored: no change.
	want := map[string]string{"a.txt": "a\n", "sub/b.txt": "b\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("overlay = %v, want %v", got, want)
	}
	ov2, err := r.WriteOverlay(ctx, commit, []string{"new.txt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(ov2.File)
	if !strings.Contains(string(data), `new.txt":""`) {
		t.Errorf("a file the commit lacks is not hidden: %s", data)
	}
	for _, o := range []*Overlay{ov, ov2} {
		if err := o.Remove(); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(ov.root); !os.IsNotExist(err) {
		t.Errorf("Remove left %s", ov.root)
	}
}
