// Command genhistory gives a synthetic monolith (genmono's output) a
// deterministic git history, for the benchmark of suggest with change
// history (SPEC "Performance budget": suggest with git history ≤ 1.2×
// without):
//
//	genhistory -dir /tmp/mono -commits 5000
//
// The first commit adds the tree; each later commit appends a comment line
// to one to four .go files, mostly of one module's folder (so that modules
// have co-change and solo history), dated one hour apart. It is written
// through git fast-import, so 5,000 commits take seconds.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	dir := flag.String("dir", "", "the monolith's directory (required; must not be a git repository yet)")
	commits := flag.Int("commits", 5000, "number of commits after the first")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: genhistory -dir DIR [-commits N]")
		os.Exit(2)
	}
	if err := generate(*dir, *commits); err != nil {
		fmt.Fprintln(os.Stderr, "genhistory:", err)
		os.Exit(1)
	}
}

func generate(dir string, n int) error {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	content := map[string][]byte{}
	byFolder := map[string][]string{} // top two path elements -> .go files
	var folders []string
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		content[f] = b
		if strings.HasSuffix(f, ".go") {
			es := strings.Split(f, "/")
			key := es[0]
			if len(es) > 2 {
				key = es[0] + "/" + es[1]
			}
			if byFolder[key] == nil {
				folders = append(folders, key)
			}
			byFolder[key] = append(byFolder[key], f)
		}
	}
	if len(folders) == 0 {
		return fmt.Errorf("no .go files under %s", dir)
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q", "-b", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v: %s", err, out)
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(in, 1<<20)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	commit := func(i int, msg string, changed []string) {
		when := start.Add(time.Duration(i) * time.Hour).Unix()
		fmt.Fprintf(w, "commit refs/heads/main\ncommitter bench <bench@example.com> %d +0000\ndata %d\n%s\n", when, len(msg), msg)
		for _, f := range changed {
			fmt.Fprintf(w, "M 644 inline %s\ndata %d\n", f, len(content[f]))
			w.Write(content[f])
			w.WriteString("\n")
		}
	}
	commit(0, "initial tree", files)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 1; i <= n; i++ {
		folder := folders[rng.IntN(len(folders))]
		var changed []string
		for range 1 + rng.IntN(4) {
			from := byFolder[folder]
			if rng.IntN(4) == 0 { // now and then, another module changes too
				from = byFolder[folders[rng.IntN(len(folders))]]
			}
			f := from[rng.IntN(len(from))]
			if !contains(changed, f) {
				content[f] = append(content[f], fmt.Sprintf("// change %d\n", i)...)
				changed = append(changed, f)
			}
		}
		sort.Strings(changed)
		commit(i, fmt.Sprintf("change %d", i), changed)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %v", err)
	}
	// The working tree: the last commit's files.
	if out, err := exec.Command("git", "-C", dir, "reset", "-q", "--hard", "main").CombinedOutput(); err != nil {
		return fmt.Errorf("git reset: %v: %s", err, out)
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
