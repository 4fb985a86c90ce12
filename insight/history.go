package insight

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/archcheck/archcheck/graph"
)

// History is the change history of the main module's packages, read from
// git (suggest's "change history"): which packages each commit touched.
type History struct {
	// Since is the start of the window (YYYY-MM-DD, or the --since given):
	// by default one year before HEAD's committer date, so the same commit
	// gives the same history whenever it runs.
	Since string
	// Missing says why there is no history: not a git repository, a
	// shallow clone, git not found; "" when there is one.
	Missing string
	// Commits lists, per commit in the window (newest first) that changed
	// a .go file, the directories (relative to Top, slash-separated,
	// "." for Top) of the .go files it changed.
	Commits [][]string
	Top     string // the repository's top directory
}

// ReadHistory runs git log in dir for the change history since since (""
// for one year before HEAD's committer date). It needs no package list, so
// it can run while the packages load.
func ReadHistory(ctx context.Context, dir string, since string) *History {
	h := &History{Since: since}
	git := func(args ...string) ([]byte, error) {
		// core.quotePath=false: git log --name-only would print a path
		// with non-ASCII bytes in quotes, octal-escaped, which then
		// matched no package directory.
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
		}
		return out, nil
	}
	out, err := git("rev-parse", "--is-shallow-repository", "--show-toplevel")
	if err != nil {
		h.Missing = "not a git repository"
		if _, lookErr := exec.LookPath("git"); lookErr != nil {
			h.Missing = "git not found"
		}
		return h
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		h.Missing = "not a git repository"
		return h
	}
	if lines[0] == "true" {
		h.Missing = "a shallow clone"
		return h
	}
	h.Top = lines[1]
	if since == "" {
		out, err := git("log", "-1", "--format=%ct", "HEAD")
		if err != nil {
			h.Missing = "no commits"
			return h
		}
		var secs int64
		if _, err := fmt.Sscan(strings.TrimSpace(string(out)), &secs); err != nil {
			h.Missing = "no commits"
			return h
		}
		h.Since = time.Unix(secs, 0).UTC().AddDate(-1, 0, 0).Format("2006-01-02")
	}
	out, err = git("log", "--since="+h.Since, "--no-renames", "--name-only", "--format=%x1e", "HEAD", "--", ".")
	if err != nil {
		h.Missing = "no history: " + err.Error()
		return h
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var cur map[string]bool
	flush := func() {
		if len(cur) > 0 {
			h.Commits = append(h.Commits, sortedKeys(cur))
		}
		cur = nil
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "\x1e") {
			flush()
			cur = map[string]bool{}
			continue
		}
		if cur == nil || !strings.HasSuffix(line, ".go") {
			continue
		}
		d := "."
		if i := strings.LastIndexByte(line, '/'); i >= 0 {
			d = line[:i]
		}
		cur[d] = true
	}
	flush()
	return h
}

// ModuleChanges sums the history up per module of g: a commit changes a
// module when it changes a .go file in the directory of one of its
// packages.
func (h *History) ModuleChanges(g *graph.Graph) map[string]*graph.ChangeStats {
	out := map[string]*graph.ChangeStats{}
	for _, m := range g.Modules {
		out[m] = &graph.ChangeStats{With: map[string]int{}}
	}
	modOf := make(map[string]string, len(g.Packages))
	for _, p := range g.Packages {
		if m := g.Module[p.ImportPath]; m != "" && p.Dir != "" {
			if rel, err := filepath.Rel(h.Top, p.Dir); err == nil {
				modOf[filepath.ToSlash(rel)] = m
			}
		}
	}
	for _, c := range h.Commits {
		mods := map[string]bool{}
		for _, d := range c {
			if m := modOf[d]; m != "" {
				mods[m] = true
			}
		}
		if len(mods) == 0 {
			continue
		}
		var domain []string
		for m := range mods {
			if g.CouplingTo(m) {
				domain = append(domain, m)
			}
		}
		sort.Strings(domain)
		for m := range mods {
			st := out[m]
			if st == nil {
				continue
			}
			st.Commits++
			others := 0
			for _, o := range domain {
				if o != m {
					st.With[o]++
					others++
				}
			}
			if others == 0 {
				st.Alone++
			}
		}
	}
	return out
}
