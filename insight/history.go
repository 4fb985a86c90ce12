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
	if h.Top, h.Missing = repoTop(git); h.Missing != "" {
		return h
	}
	if since == "" {
		if h.Since, h.Missing = yearBeforeHead(git); h.Missing != "" {
			return h
		}
	}
	out, err := git("log", "--since="+dayStart(h.Since), "--no-renames", "--name-only", "--format=%x1e", "HEAD", "--", ".")
	if err != nil {
		h.Missing = "no history: " + err.Error()
		return h
	}
	h.Commits = commitDirs(out)
	return h
}

type gitFunc func(args ...string) ([]byte, error)

// repoTop returns the repository's top directory, or why there is no
// history to read there.
func repoTop(git gitFunc) (top, missing string) {
	out, err := git("rev-parse", "--is-shallow-repository", "--show-toplevel")
	if err != nil {
		if _, lookErr := exec.LookPath("git"); lookErr != nil {
			return "", "git not found"
		}
		return "", "not a git repository"
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	switch {
	case len(lines) < 2:
		return "", "not a git repository"
	case lines[0] == "true":
		return "", "a shallow clone"
	}
	return lines[1], ""
}

// yearBeforeHead is the date one year before HEAD's committer date.
func yearBeforeHead(git gitFunc) (since, missing string) {
	out, err := git("log", "-1", "--format=%ct", "HEAD")
	if err != nil {
		return "", "no commits"
	}
	var secs int64
	if _, err := fmt.Sscan(strings.TrimSpace(string(out)), &secs); err != nil {
		return "", "no commits"
	}
	return time.Unix(secs, 0).UTC().AddDate(-1, 0, 0).Format("2006-01-02"), ""
}

// commitDirs reads git log --name-only --format=%x1e: per commit, the
// sorted directories of the .go files it changed (commits changing none
// are left out).
func commitDirs(out []byte) [][]string {
	var commits [][]string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var cur map[string]bool
	flush := func() {
		if len(cur) > 0 {
			commits = append(commits, sortedKeys(cur))
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
	return commits
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

// dayStart spells a YYYY-MM-DD date as the start of that day in UTC for
// git: a bare date means that day at the current time of day to git, so a
// window "since 2025-01-04" dropped that day's commits made earlier in
// the day than the run. Any other spelling is passed on as it is.
func dayStart(since string) string {
	if _, err := time.Parse(time.DateOnly, since); err == nil {
		return since + "T00:00:00Z"
	}
	return since
}
