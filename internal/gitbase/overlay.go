package gitbase

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Overlay is a commit seen through the working tree: a go command overlay
// file (-overlay) that gives every file changed since the commit its
// content there, and hides the files the commit does not have. Analysing
// the working tree's directory through it analyses the commit, in the same
// directories as the working tree: the go build cache and archcheck's
// per-package cache, which key by directory, hit for every package the
// change leaves alone, and nothing but the changed files is written.
type Overlay struct {
	File string // the overlay file, for go -overlay=File
	root string // its directory, with the files it names
}

// WriteOverlay writes the overlay of commit for the files changed since it
// (Changed), except those keep says to leave as they are. Files that git
// ignores are not changes: both sides see them as they are on disk.
func (r *Repo) WriteOverlay(ctx context.Context, commit string, changed []string, keep func(string) bool) (*Overlay, error) {
	root, err := os.MkdirTemp("", "archcheck-base-")
	if err != nil {
		return nil, err
	}
	pending.Store(root, struct{}{})
	ov := &Overlay{File: filepath.Join(root, "overlay.json"), root: root}
	var paths []string
	for _, name := range changed {
		if keep == nil || !keep(name) {
			paths = append(paths, name)
		}
	}
	contents, err := r.showAll(ctx, commit, paths)
	if err != nil {
		return nil, withCleanup(err, ov.Remove)
	}
	replace := map[string]string{}
	for i, name := range paths {
		at := filepath.Join(r.Given, filepath.FromSlash(name))
		if fi, err := os.Lstat(at); err == nil && fi.IsDir() {
			continue // a submodule, or a path that is a directory now
		}
		content, ok := contents[name]
		if !ok {
			replace[at] = "" // not in the commit: hidden
			continue
		}
		file := filepath.Join(root, strconv.Itoa(i)+filepath.Ext(name))
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return nil, withCleanup(err, ov.Remove)
		}
		replace[at] = file
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err == nil {
		err = os.WriteFile(ov.File, data, 0o644)
	}
	if err != nil {
		return nil, withCleanup(err, ov.Remove)
	}
	return ov, nil
}

// Remove deletes the overlay's files.
func (o *Overlay) Remove() error {
	if o == nil {
		return nil
	}
	pending.Delete(o.root)
	return os.RemoveAll(o.root)
}

// showAll reads the files of commit at paths (relative to Top) with one
// git cat-file --batch; a path the commit lacks (or that is not a file
// there: a submodule) is absent from the result.
func (r *Repo) showAll(ctx context.Context, commit string, paths []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(paths) == 0 {
		return out, nil
	}
	var in bytes.Buffer
	for _, p := range paths {
		if strings.ContainsAny(p, "\n") {
			return nil, fmt.Errorf("git cat-file: a file name with a newline: %q", p)
		}
		fmt.Fprintf(&in, "%s:%s\n", commit, p)
	}
	cmd := exec.CommandContext(ctx, "git", "cat-file", "--batch")
	cmd.Dir = r.Top
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &Error{Op: "git cat-file", Msg: err.Error()}
	}
	br := bufio.NewReader(stdout)
	var readErr error
	for _, p := range paths {
		header, err := br.ReadString('\n')
		if err != nil {
			readErr = err
			break
		}
		f := strings.Fields(header)
		if len(f) != 3 { // "<name> missing" (or ambiguous)
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("git cat-file: bad header %q", header)
			break
		}
		content := make([]byte, size+1) // and its newline
		if _, err := io.ReadFull(br, content); err != nil {
			readErr = err
			break
		}
		if f[1] == "blob" {
			out[p] = content[:size]
		}
	}
	// Drained so that git is not left blocked writing; a read error here
	// is reported unless an earlier one was.
	if _, err := io.Copy(io.Discard, br); err != nil && readErr == nil {
		readErr = err
	}
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &Error{Op: "git cat-file", Msg: cmp.Or(strings.TrimSpace(stderr.String()), err.Error())}
	}
	if readErr != nil {
		return nil, &Error{Op: "git cat-file", Msg: readErr.Error()}
	}
	return out, nil
}
