// Package gitbase reads what `archcheck diff` and `archcheck affected`
// need from git, through the git command: the checkout a directory lies
// in, the merge base of a ref with HEAD, the files changed since then
// (untracked ones included), a file as it was at the base, and the base's
// tree materialised in a temporary directory.
//
// Every failure of git is an *Error carrying git's own message and a hint
// of what to do (fetch more history in a shallow clone, run inside a
// checkout), which the CLI prints with exit status 2.
package gitbase

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Error is git's failure: its message, and what the user can do about it.
type Error struct {
	Op   string // what archcheck asked git for
	Msg  string // git's message (its standard error, trimmed)
	Hint string // "" when there is nothing to add
}

func (e *Error) Error() string {
	s := e.Op + ": " + e.Msg
	if e.Hint != "" {
		s += "\nhint: " + e.Hint
	}
	return s
}

// Repo is the git checkout a directory lies in.
type Repo struct {
	Top string // the work tree's top directory, absolute, symbolic links resolved
	Rel string // the directory relative to Top, slash-separated; "." at the top
	// Given is Top as the directory was named (symbolic links kept), as
	// the go command sees the paths below it.
	Given string
}

// git runs git in dir with extra environment (nil: none) and returns its
// standard output; a failure is an *Error with git's message.
func git(ctx context.Context, dir string, env []string, op string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-c", "core.quotePath=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"GIT_TERMINAL_PROMPT=0", "LC_ALL=C"}, env...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return nil, &Error{Op: op, Msg: err.Error(), Hint: "archcheck runs the git command: install git, or put it on PATH"}
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, &Error{Op: op, Msg: msg}
	}
	return stdout.Bytes(), nil
}

// Open finds the checkout dir lies in.
func Open(ctx context.Context, dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	given := abs
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, err
	}
	out, err := git(ctx, abs, nil, "git rev-parse", "rev-parse", "--show-toplevel")
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) && strings.Contains(ge.Msg, "not a git repository") {
			ge.Hint = "diff and affected compare the working tree with git history: run them inside a git checkout (or pass -C DIR)"
		}
		return nil, err
	}
	top, err := filepath.EvalSymlinks(strings.TrimSpace(string(out)))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return nil, err
	}
	if rel != "." {
		for range strings.Split(filepath.ToSlash(rel), "/") {
			given = filepath.Dir(given)
		}
	}
	return &Repo{Top: top, Rel: filepath.ToSlash(rel), Given: given}, nil
}

// shallow reports whether the checkout is a shallow clone.
func (r *Repo) shallow(ctx context.Context) bool {
	out, err := git(ctx, r.Top, nil, "git rev-parse", "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// shallowHint is what to do in a shallow clone that lacks the base.
const shallowHint = "this is a shallow clone without the merge base: fetch more history " +
	"(git fetch --deepen=100, or git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0; " +
	"in GitLab CI, GIT_DEPTH: 0)"

// MergeBase returns the commit where ref and HEAD diverged (ref itself
// when HEAD descends from it).
func (r *Repo) MergeBase(ctx context.Context, ref string) (string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return "", &Error{Op: "--base", Msg: fmt.Sprintf("%q is not a git revision", ref)}
	}
	op := "git merge-base " + ref + " HEAD"
	if _, err := git(ctx, r.Top, nil, op, "rev-parse", "--verify", "--end-of-options", ref+"^{commit}"); err != nil {
		var ge *Error
		if errors.As(err, &ge) {
			// rev-parse --verify says only "Needed a single revision";
			// merge-base names the ref.
			if _, err2 := git(ctx, r.Top, nil, op, "merge-base", "--end-of-options", ref, "HEAD"); err2 != nil {
				err = err2
				errors.As(err, &ge)
			}
			if r.shallow(ctx) {
				ge.Hint = shallowHint
			} else {
				ge.Hint = fmt.Sprintf("git does not know %s: check its name (git branch -a); in CI, fetch it first (git fetch origin <branch>)", ref)
			}
		}
		return "", err
	}
	out, err := git(ctx, r.Top, nil, op, "merge-base", "--end-of-options", ref, "HEAD")
	if err != nil {
		var ge *Error
		if errors.As(err, &ge) {
			if strings.HasPrefix(ge.Msg, "exit status") { // no common ancestor: git prints nothing
				ge.Msg = fmt.Sprintf("no merge base of %s and HEAD", ref)
				ge.Hint = fmt.Sprintf("%s and HEAD share no history", ref)
			}
			if r.shallow(ctx) {
				ge.Hint = shallowHint
			}
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Changed returns the files that differ between base and the working tree,
// relative to Top, slash-separated, sorted: modified, added and deleted
// tracked files (staged or not) and untracked files that are not ignored.
// A rename counts as its old and its new path.
func (r *Repo) Changed(ctx context.Context, base string) ([]string, error) {
	diff, err := git(ctx, r.Top, nil, "git diff", "diff", "--no-renames", "--no-ext-diff", "--name-only", "-z", base, "--")
	if err != nil {
		return nil, err
	}
	others, err := git(ctx, r.Top, nil, "git ls-files", "ls-files", "--others", "--exclude-standard", "-z", "--full-name")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, part := range bytes.Split(append(diff, others...), []byte{0}) {
		if name := string(part); name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Show returns the content of the file at path (relative to Top) in
// commit, and false when commit has no such file.
func (r *Repo) Show(ctx context.Context, commit, path string) ([]byte, bool) {
	out, err := git(ctx, r.Top, nil, "git cat-file", "cat-file", "blob", commit+":"+path)
	if err != nil {
		return nil, false
	}
	return out, true
}
