package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGetPut(t *testing.T) {
	s, err := Open(t.TempDir(), "facts")
	if err != nil {
		t.Fatal(err)
	}
	k := Key("a", "b")
	if _, ok := s.Get(k); ok {
		t.Fatal("Get on an empty cache found an entry")
	}
	if err := s.Put(k, []byte("data")); err != nil {
		t.Fatal(err)
	}
	if got, ok := s.Get(k); !ok || string(got) != "data" {
		t.Fatalf("Get = %q, %v; want data, true", got, ok)
	}
}

func TestKeySeparatesParts(t *testing.T) {
	if Key("ab", "c") == Key("a", "bc") {
		t.Error("Key(ab, c) == Key(a, bc)")
	}
	if Key("a") != Key("a") {
		t.Error("Key is not deterministic")
	}
}

// TestTrim fills the cache over its bound and checks that the least
// recently used entries go (an entry read recently stays), across stores.
func TestTrim(t *testing.T) {
	root := t.TempDir()
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	facts, _ := Open(root, "facts")
	pkgs, _ := Open(root, "pkgs")
	for _, s := range []*Store{facts, pkgs} {
		s.SetMax(10 * 100)
		s.now = func() time.Time { return clock }
	}
	var keys []string
	for i := range 20 { // 2,000 bytes, entry i one minute older than i+1
		k := Key(fmt.Sprint(i))
		keys = append(keys, k)
		s := facts
		if i%2 == 1 {
			s = pkgs
		}
		if err := s.Put(k, []byte(strings.Repeat("x", 100))); err != nil {
			t.Fatal(err)
		}
		mod := clock.Add(time.Duration(i-100) * time.Minute)
		if err := os.Chtimes(s.file(k), mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := facts.Get(keys[0]); !ok { // older than touchAfter: refreshed
		t.Fatal("entry 0 missing")
	}
	if err := facts.Trim(false); err != nil {
		t.Fatal(err)
	}
	var kept []int
	for i, k := range keys {
		s := facts
		if i%2 == 1 {
			s = pkgs
		}
		if _, err := os.Stat(s.file(k)); err == nil {
			kept = append(kept, i)
		}
	}
	// 750 bytes remain: entry 0 (just read) and the six newest.
	want := []int{0, 14, 15, 16, 17, 18, 19}
	if fmt.Sprint(kept) != fmt.Sprint(want) {
		t.Errorf("kept %v, want %v", kept, want)
	}
	// A second Trim within the hour does not walk the cache.
	if err := facts.Put(Key("late"), []byte(strings.Repeat("x", 1000))); err != nil {
		t.Fatal(err)
	}
	if err := facts.Trim(false); err != nil {
		t.Fatal(err)
	}
	if _, ok := facts.Get(Key("late")); !ok {
		t.Error("Trim walked the cache again within trimEvery")
	}
	if err := facts.Trim(true); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "trim.txt")); err != nil {
		t.Error(err)
	}
}

func TestMaxBytes(t *testing.T) {
	for v, want := range map[string]int64{"": DefaultMaxBytes, "2048": 2048, "3K": 3 << 10, "5m": 5 << 20, "1G": 1 << 30, "x": DefaultMaxBytes, "-1": DefaultMaxBytes} {
		t.Setenv("ARCHCHECK_CACHE_MAX", v)
		if got := MaxBytes(); got != want {
			t.Errorf("ARCHCHECK_CACHE_MAX=%q: %d, want %d", v, got, want)
		}
	}
}

func TestFileSum(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.go")
	if err := os.WriteFile(name, []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	disk, err := FileSum(nil, name)
	if err != nil {
		t.Fatal(err)
	}
	over, err := FileSum(map[string][]byte{name: []byte("package b\n")}, name)
	if err != nil {
		t.Fatal(err)
	}
	if disk == over {
		t.Error("the overlay's content is not what is hashed")
	}
	if again, _ := FileSum(map[string][]byte{"other.go": nil}, name); again != disk {
		t.Errorf("another file's overlay changed the sum: %s, want %s", again, disk)
	}
	if _, err := FileSum(nil, name+".missing"); err == nil {
		t.Error("a missing file has a sum")
	}
}

// TestPath checks that Path names the file holding an entry, for readers
// that open it by name, and reports a missing one.
func TestPath(t *testing.T) {
	s, err := Open(t.TempDir(), "exports")
	if err != nil {
		t.Fatal(err)
	}
	key := Key("k")
	if _, ok := s.Path(key); ok {
		t.Fatal("Path of a missing entry")
	}
	if err := s.Put(key, []byte("data")); err != nil {
		t.Fatal(err)
	}
	name, ok := s.Path(key)
	if !ok || !strings.HasPrefix(name, s.Dir()+string(filepath.Separator)) {
		t.Fatalf("Path = %q, %v; want a file under %s", name, ok, s.Dir())
	}
	if data, err := os.ReadFile(name); err != nil || string(data) != "data" {
		t.Fatalf("the file holds %q, %v", data, err)
	}
}
