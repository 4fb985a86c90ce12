package insight

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/load"
)

// proposeStats are the numbers init's size targets are stated in.
type proposeStats struct {
	modules, small  int
	total           int
	largest         string
	largestShare    float64 // of the lines, in the largest module
	largestPkgShare float64 // of the lines, in the largest package
	smallShare      float64 // of the modules, those under MinModuleLines
	modulesUnder    []string
}

func statsOf(p Proposal, facts map[string]PkgFacts) proposeStats {
	var st proposeStats
	for _, f := range facts {
		st.total += f.Lines
	}
	maxPkg := 0
	for _, f := range facts {
		maxPkg = max(maxPkg, f.Lines)
	}
	maxLines := -1
	for _, m := range p.Modules {
		st.modules++
		if m.Lines < MinModuleLines {
			st.small++
			st.modulesUnder = append(st.modulesUnder, m.Name)
		}
		if m.Lines > maxLines {
			maxLines, st.largest = m.Lines, m.Name
		}
	}
	if st.total > 0 {
		st.largestShare = float64(maxLines) / float64(st.total)
		st.largestPkgShare = float64(maxPkg) / float64(st.total)
	}
	st.smallShare = float64(st.small) / float64(st.modules)
	return st
}

// TestProposeSizesOnRealCode holds init to its size targets (issue 14): no
// module holds more than 35% of the lines unless one package does, and
// fewer than 15% of the modules are under 150 lines, on std, x/tools and
// gonum (from the module cache, when there) and on the real corpora of
// ARCHCHECK_CORPORA.
func TestProposeSizesOnRealCode(t *testing.T) {
	if testing.Short() {
		t.Skip("lists and reads whole codebases")
	}
	type corpus struct{ name, dir, pattern string }
	var corpora []corpus
	corpora = append(corpora, corpus{"std", filepath.Join(runtime.GOROOT(), "src"), "std"})
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		cache := strings.TrimSpace(string(out))
		for _, c := range []struct{ name, glob string }{
			{"x/tools", "golang.org/x/tools@v*"}, {"gonum", "gonum.org/v1/gonum@v*"},
		} {
			dirs, _ := filepath.Glob(filepath.Join(cache, c.glob))
			sort.Strings(dirs)
			if len(dirs) > 0 {
				corpora = append(corpora, corpus{c.name, dirs[len(dirs)-1], ""})
			}
		}
	}
	if root := os.Getenv("ARCHCHECK_CORPORA"); root != "" {
		for _, name := range []string{"kratos", "cli"} {
			if fi, err := os.Stat(filepath.Join(root, name)); err == nil && fi.IsDir() {
				corpora = append(corpora, corpus{name, filepath.Join(root, name), ""})
			}
		}
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			var patterns []string
			if c.pattern != "" {
				patterns = []string{c.pattern}
			}
			pkgs, main, _, err := load.List(context.Background(), load.Options{Dir: c.dir, Patterns: patterns})
			if err != nil {
				t.Skipf("list: %v", err)
			}
			mine := mainPackages(main, pkgs)
			facts := ReadPkgFacts(mine)
			p := ProposeWith(main, pkgs, facts)
			st := statsOf(p, facts)
			t.Logf("%s: %d packages, %d lines, %d modules (from %s); largest %s %.1f%% (largest package %.1f%%); %d under %d lines (%.1f%%): %v",
				c.name, len(mine), st.total, st.modules, p.From, st.largest, 100*st.largestShare, 100*st.largestPkgShare,
				st.small, MinModuleLines, 100*st.smallShare, st.modulesUnder)
			if st.largestShare > MaxModuleShare && st.largestPkgShare <= MaxModuleShare {
				t.Errorf("%s holds %.1f%% of the lines", st.largest, 100*st.largestShare)
			}
			if st.smallShare >= 0.15 {
				t.Errorf("%.1f%% of the modules are under %d lines: %v", 100*st.smallShare, MinModuleLines, st.modulesUnder)
			}
		})
	}
}
