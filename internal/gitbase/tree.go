package gitbase

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/archcheck/archcheck/internal/cache"
)

// Tree is a commit's files, materialised in a directory of their own.
type Tree struct {
	Dir  string // the commit's top directory
	root string // what Remove removes: Dir, its scratch index and lock
}

// pending holds the roots of the trees not removed yet.
var pending sync.Map // root → struct{}

// RemovePending removes every tree not removed yet: archcheck calls it
// when interrupted, before it exits, so that an interrupt leaves no base
// tree behind.
func RemovePending() {
	pending.Range(func(k, _ any) bool {
		os.RemoveAll(k.(string))
		pending.Delete(k)
		return true
	})
}

// TempDir creates a temporary directory that RemovePending removes too;
// remove deletes it.
func TempDir(pattern string) (dir string, remove func(), err error) {
	dir, err = os.MkdirTemp("", pattern)
	if err != nil {
		return "", nil, err
	}
	pending.Store(dir, struct{}{})
	return dir, func() {
		pending.Delete(dir)
		os.RemoveAll(dir)
	}, nil
}

// Materialise writes the files of commit into a new directory, with a
// scratch index of its own (git read-tree, then checkout-index): neither
// the checkout's index, nor its work tree, nor its list of worktrees is
// touched. The directory's path depends only on the checkout and the
// commit (under archcheck's cache directory), so that a second run on the
// same base finds its packages at the same paths, and the go build cache
// and archcheck's per-package cache, which key by directory, hit. A run
// that finds that path in use by a live run takes a fresh one.
func (r *Repo) Materialise(ctx context.Context, commit string) (*Tree, error) {
	root, err := claim(r.Top, commit)
	if err != nil {
		return nil, err
	}
	t := &Tree{Dir: filepath.Join(root, "tree"), root: root}
	env := []string{"GIT_INDEX_FILE=" + filepath.Join(root, "index")}
	if _, err := git(ctx, r.Top, env, "git read-tree", "read-tree", commit); err != nil {
		return nil, withCleanup(err, t.Remove)
	}
	if _, err := git(ctx, r.Top, env, "git checkout-index", "checkout-index", "--all", "--force", "--prefix="+t.Dir+string(filepath.Separator)); err != nil {
		return nil, withCleanup(err, t.Remove)
	}
	if err := os.MkdirAll(t.Dir, 0o755); err != nil { // an empty commit
		return nil, withCleanup(err, t.Remove)
	}
	return t, nil
}

// withCleanup is err, joined with the error of removing what the failed
// step left behind, if that fails too.
func withCleanup(err error, remove func() error) error {
	if rerr := remove(); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// Remove deletes the tree.
func (t *Tree) Remove() error {
	if t == nil {
		return nil
	}
	pending.Delete(t.root)
	return os.RemoveAll(t.root)
}

// claim creates the tree's root directory and marks it with this process.
func claim(top, commit string) (string, error) {
	var root string
	if dir, err := cache.Dir(); err == nil {
		root = filepath.Join(dir, "base", cache.Key(top, commit)[:20])
		if err := os.MkdirAll(filepath.Dir(root), 0o755); err != nil {
			root = ""
		}
	}
	for try := 0; root != "" && try < 2; try++ {
		err := os.Mkdir(root, 0o700)
		if err == nil {
			pending.Store(root, struct{}{})
			if err := os.WriteFile(filepath.Join(root, "pid"), []byte(strconv.Itoa(os.Getpid())), 0o600); err != nil {
				os.RemoveAll(root)
				pending.Delete(root)
				break
			}
			return root, nil
		}
		if !errors.Is(err, fs.ErrExist) || !stale(root) {
			break
		}
		os.RemoveAll(root) // left by a run that was killed
	}
	root, err := os.MkdirTemp("", "archcheck-base-")
	if err != nil {
		return "", err
	}
	pending.Store(root, struct{}{})
	return root, nil
}

// stale reports whether root was left by a run that no longer exists.
func stale(root string) bool {
	b, err := os.ReadFile(filepath.Join(root, "pid"))
	if err != nil {
		// Between Mkdir and writing pid, or an unreadable leftover.
		fi, err := os.Stat(root)
		return err == nil && time.Since(fi.ModTime()) > 10*time.Minute
	}
	pid, err := strconv.Atoi(string(b))
	return err != nil || !alive(pid)
}
