// Package cache is archcheck's on-disk cache: entries named by a hash of
// everything they were computed from, written atomically, bounded in size
// by trimming the least recently used.
//
// It lives in $XDG_CACHE_HOME/archcheck (os.UserCacheDir()/archcheck:
// ~/.cache/archcheck on Linux, ~/Library/Caches/archcheck on macOS), or in
// $ARCHCHECK_CACHE when that is set. Each kind of entry has its own
// subdirectory (facts: the dependencies' sync-call facts; pkgs: the
// incremental check's per-package results).
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBytes bounds the cache unless $ARCHCHECK_CACHE_MAX says
// otherwise.
const DefaultMaxBytes = 1 << 30

// Dir returns the cache's root directory.
func Dir() (string, error) {
	if d := os.Getenv("ARCHCHECK_CACHE"); d != "" {
		return d, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache: %w (set XDG_CACHE_HOME or ARCHCHECK_CACHE, or use --no-cache)", err)
	}
	return filepath.Join(d, "archcheck"), nil
}

// MaxBytes returns the size bound: $ARCHCHECK_CACHE_MAX (bytes, or with
// a K, M or G suffix), else DefaultMaxBytes.
func MaxBytes() int64 {
	v := strings.TrimSpace(os.Getenv("ARCHCHECK_CACHE_MAX"))
	if v == "" {
		return DefaultMaxBytes
	}
	mult := int64(1)
	switch strings.ToUpper(v[len(v)-1:]) {
	case "K":
		mult = 1 << 10
	case "M":
		mult = 1 << 20
	case "G":
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return DefaultMaxBytes
	}
	return n * mult
}

// A Store is one subdirectory of the cache.
type Store struct {
	dir string
	max int64 // bound of the whole cache root, in bytes
	now func() time.Time
}

// Open returns the store sub of the cache rooted at root ("" is Dir()).
func Open(root, sub string) (*Store, error) {
	if root == "" {
		var err error
		if root, err = Dir(); err != nil {
			return nil, err
		}
	}
	return &Store{dir: filepath.Join(root, sub), max: MaxBytes(), now: time.Now}, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// SetMax sets the size bound (for tests).
func (s *Store) SetMax(n int64) { s.max = n }

func (s *Store) file(key string) string {
	return filepath.Join(s.dir, key[:2], key)
}

// touchAfter is how stale an entry's time may be before a read refreshes
// it: refreshing on every read would cost a write per entry per run.
const touchAfter = time.Hour

// Get returns the entry of key, or false.
func (s *Store) Get(key string) ([]byte, bool) {
	name := s.file(key)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	if fi, err := os.Stat(name); err == nil && s.now().Sub(fi.ModTime()) > touchAfter {
		now := s.now()
		_ = os.Chtimes(name, now, now) // used: trimmed last
	}
	return data, true
}

// Path returns the file holding the entry of key, or false; for readers
// that want a file (export data, which the type checker reads by name).
func (s *Store) Path(key string) (string, bool) {
	name := s.file(key)
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	if s.now().Sub(fi.ModTime()) > touchAfter {
		now := s.now()
		_ = os.Chtimes(name, now, now) // used: trimmed last
	}
	return name, true
}

// Put writes the entry of key atomically.
func (s *Store) Put(key string, data []byte) error {
	name := s.file(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// trimEvery is how often Trim walks the cache.
const trimEvery = time.Hour

// Trim removes the least recently used entries of the whole cache root
// (every store) until it holds at most 3/4 of its bound, when it is over
// the bound. It walks the cache at most once per trimEvery (force: now).
func (s *Store) Trim(force bool) error {
	root := filepath.Dir(s.dir)
	mark := filepath.Join(root, "trim.txt")
	if !force {
		if fi, err := os.Stat(mark); err == nil && s.now().Sub(fi.ModTime()) < trimEvery {
			return nil
		}
	}
	type entry struct {
		name string
		size int64
		mod  time.Time
	}
	var entries []entry
	var total int64
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || path == mark {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		entries = append(entries, entry{path, fi.Size(), fi.ModTime()})
		total += fi.Size()
		return nil
	})
	if err != nil {
		return err
	}
	if total > s.max {
		slices.SortFunc(entries, func(a, b entry) int { return a.mod.Compare(b.mod) })
		for _, e := range entries {
			if total <= s.max/4*3 {
				break
			}
			if os.Remove(e.name) == nil {
				total -= e.size
			}
		}
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	return os.WriteFile(mark, []byte(s.now().UTC().Format(time.RFC3339)+"\n"), 0o644)
}

// Key hashes parts into a key.
func Key(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s\n", len(p), p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileSum is the hex SHA-256 of the file name as the analysis reads it:
// its overlay content (GOFLAGS -overlay) when it has one, else the file on
// disk. The facts cache and the per-package cache key source by it.
func FileSum(overlay map[string][]byte, name string) (string, error) {
	src, ok := overlay[name]
	if !ok {
		var err error
		if src, err = os.ReadFile(name); err != nil {
			return "", err
		}
	}
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:]), nil
}

var (
	toolOnce sync.Once
	toolID   string
)

// ToolID identifies the running archcheck build: a hash of the
// executable's content (remembered by path, size and time, so that it is
// read once per build), so that two builds of the same source share
// entries and any other change of archcheck (an analyzer's logic, the
// facts it exports) does not.
func ToolID() string {
	toolOnce.Do(func() { toolID = computeToolID() })
	return toolID
}

func computeToolID() string {
	var info string
	if bi, ok := debug.ReadBuildInfo(); ok {
		info = bi.String()
	}
	exe, err := os.Executable()
	if err != nil {
		return Key(info, "no executable")
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return Key(info, exe)
	}
	stamp := Key(exe, strconv.FormatInt(fi.Size(), 10), strconv.FormatInt(fi.ModTime().UnixNano(), 10))
	memo := ""
	if root, err := Dir(); err == nil {
		memo = filepath.Join(root, "tool", stamp)
		if b, err := os.ReadFile(memo); err == nil && len(b) == 64 {
			return string(b)
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return Key(info, stamp)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return Key(info, stamp)
	}
	id := hex.EncodeToString(h.Sum(nil))
	if memo != "" && os.MkdirAll(filepath.Dir(memo), 0o755) == nil {
		_ = os.WriteFile(memo, []byte(id), 0o644)
	}
	return id
}
