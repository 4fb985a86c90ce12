// Command benchrun measures archcheck side by side with its baselines on
// real and synthetic corpora and writes a Markdown table of medians and
// ratios (bench/RESULTS.md). Every round runs every command of a corpus
// once, interleaved, so machine noise falls on all of them alike.
//
//	go run ./bench/benchrun -archcheck /tmp/archcheck -noopvet /tmp/noopvet -floor /tmp/loadfloor -rounds 5 > bench/RESULTS.md
//
// See bench/run.sh, which builds the binaries and runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/archcheck/archcheck/bench/synth"
	"github.com/archcheck/archcheck/rules"
)

type tools struct{ archcheck, noopvet, floor string }

// corpus is one code base to measure.
type corpus struct {
	name     string
	dir      string
	patterns []string
	config   string
	// findings is a second config with many findings, for the import
	// rules' row under it (std: bench/std-findings.yaml); "" for none.
	findings string
}

// command is one measured command line.
// The labels of the commands the summary line and the ratio columns use.
const (
	cmdList    = "go list -deps -json"
	cmdFloor   = "LoadSyntax floor"
	cmdVet     = "go vet (no-op vettool)"
	cmdAll     = "check (all rules, --no-cache)"
	cmdCached  = "check (all rules, incremental cache, unchanged tree)"
	cmdGraph   = "graph --format json"
	cmdSuggest = "suggest"
	cmdReport  = "report"
)

type command struct {
	label string
	args  []string
}

// onlyCommands is -commands: the labels to run, empty for every command.
var onlyCommands string

// selected keeps the commands -commands names.
func selected(cmds []command) []command {
	if onlyCommands == "" {
		return cmds
	}
	want := strings.Split(onlyCommands, ";")
	return slices.DeleteFunc(cmds, func(c command) bool { return !slices.Contains(want, c.label) })
}

type sample struct {
	wall time.Duration
	cpu  time.Duration // user + sys of the process and its children
	rss  int64         // KiB
}

func main() {
	var t tools
	flag.StringVar(&t.archcheck, "archcheck", "", "archcheck binary")
	flag.StringVar(&t.noopvet, "noopvet", "", "no-op vet tool binary (bench/noopvet)")
	flag.StringVar(&t.floor, "floor", "", "LoadSyntax floor binary (bench/loadfloor)")
	rounds := flag.Int("rounds", 5, "runs of each command (median reported)")
	only := flag.String("corpora", "std,x/tools,gonum,kratos,cli,synthetic", "comma-separated corpora (kratos and cli: from $ARCHCHECK_CORPORA, skipped when absent)")
	scaling := flag.Bool("scaling", true, "also measure the synthetic monolith at 500/1500/3000 packages")
	flag.StringVar(&onlyCommands, "commands", "", "semicolon-separated labels of the commands to run (e.g. \""+cmdFloor+";"+cmdAll+"\"); empty for all")
	flag.Parse()
	if t.archcheck == "" || t.noopvet == "" || t.floor == "" {
		fmt.Fprintln(os.Stderr, "benchrun: -archcheck, -noopvet and -floor are required (bench/run.sh builds them)")
		os.Exit(2)
	}
	tmp, err := os.MkdirTemp("", "archcheck-bench")
	check(err)
	defer os.RemoveAll(tmp)
	w := os.Stdout
	header(w)
	for _, c := range corpora(t, tmp, strings.Split(*only, ",")) {
		measure(w, t, c, *rounds)
	}
	if *scaling {
		scale(w, t, tmp, *rounds)
	}
}

func header(w io.Writer) {
	out, _ := exec.Command("go", "version").Output()
	host, _ := os.Hostname()
	fmt.Fprintf(w, "# archcheck benchmark results\n\nMachine: %s, %d CPUs (%s/%s); %s",
		host, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, out)
	fmt.Fprintf(w, "Date: %s. Medians of interleaved runs (warm build cache); ratios are to the baselines measured in the same run.\n",
		time.Now().UTC().Format("2006-01-02"))
}

func corpora(t tools, tmp string, names []string) []corpus {
	var out []corpus
	repo, _ := os.Getwd()
	for _, n := range names {
		switch n {
		case "std":
			goroot, err := exec.Command("go", "env", "GOROOT").Output()
			check(err)
			out = append(out, corpus{"std", filepath.Join(strings.TrimSpace(string(goroot)), "src"),
				[]string{"std"}, filepath.Join(repo, "testdata", "std", "archcheck.yaml"),
				filepath.Join(repo, "bench", "std-findings.yaml")})
		case "x/tools", "gonum":
			mod := map[string]string{"x/tools": "golang.org/x/tools", "gonum": "gonum.org/v1/gonum"}[n]
			dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
			check(err)
			c := corpus{n, strings.TrimSpace(string(dir)), []string{"./..."}, filepath.Join(tmp, strings.ReplaceAll(n, "/", "_")+".yaml"), ""}
			initConfig(t, c)
			out = append(out, c)
		case "kratos", "cli":
			// Real monoliths with deep dependency trees, found through
			// ARCHCHECK_CORPORA (a directory with kratos/ and cli/ in
			// it, their modules downloaded); skipped when absent: the
			// benchmark fetches nothing.
			root := os.Getenv("ARCHCHECK_CORPORA")
			dir := filepath.Join(root, n)
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); root == "" || err != nil {
				fmt.Fprintf(os.Stderr, "benchrun: skipping %s: no $ARCHCHECK_CORPORA/%s/go.mod\n", n, n)
				continue
			}
			c := corpus{n, dir, []string{"./..."}, filepath.Join(repo, "testdata", "realcode", n, "archcheck.yaml"), ""}
			if _, err := os.Stat(c.config); err != nil { // no domain config yet: init's proposal
				c.config = filepath.Join(tmp, n+".yaml")
				initConfig(t, c)
			}
			out = append(out, c)
		case "synthetic":
			dir := filepath.Join(tmp, "mono3000")
			check(synth.Generate(dir, 3000, 20))
			out = append(out, corpus{"synthetic (3,000 pkgs, 20 modules)", dir, []string{"./..."}, filepath.Join(dir, "archcheck.yaml"), ""})
		}
	}
	return out
}

// initConfig writes a config for a read-only module with archcheck init.
func initConfig(t tools, c corpus) {
	cmd := exec.Command(t.archcheck, "init", "-o", c.config)
	cmd.Dir = c.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "benchrun: init in %s: %v\n%s", c.dir, err, out)
		os.Exit(1)
	}
}

func commands(t tools, c corpus) []command {
	cfg := []string{"--config", c.config}
	ac := func(args ...string) []string {
		return append(append([]string{t.archcheck}, args...), c.patterns...)
	}
	imports := []string{"check", "--rules", strings.Join(rules.ImportRules, ",")}
	cmds := []command{
		{cmdList, append([]string{"go", "list", "-deps", "-json"}, c.patterns...)},
		{cmdFloor, append([]string{t.floor}, c.patterns...)},
		{cmdVet, append([]string{"go", "vet", "-vettool=" + t.noopvet}, c.patterns...)},
		{"check (import rules)", ac(append(imports, cfg...)...)},
	}
	if c.findings != "" {
		cmds = append(cmds, command{"check (import rules, many findings: " + filepath.Base(c.findings) + ")",
			ac(append(imports, "--config", c.findings)...)})
	}
	return append(cmds, []command{
		{cmdAll, ac(append([]string{"check", "--no-cache"}, cfg...)...)},
		{cmdCached, ac(append([]string{"check"}, cfg...)...)},
		{cmdGraph, ac(append([]string{"graph", "--no-cache", "--format", "json"}, cfg...)...)},
		{cmdSuggest, ac(append([]string{"suggest", "--no-cache"}, cfg...)...)},
		{cmdReport, ac(append([]string{"report", "--no-cache", "-o", os.DevNull}, cfg...)...)},
		{"go vet -vettool=archcheck", append([]string{"go", "vet", "-vettool=" + t.archcheck}, c.patterns...)},
	}...)
}

func measure(w io.Writer, t tools, c corpus, rounds int) {
	cmds := selected(commands(t, c))
	samples := make([][]sample, len(cmds))
	env := append(os.Environ(), "ARCHCHECK_CONFIG="+c.config)
	for i := range cmds { // warm-up: fills the build and facts caches
		run(c.dir, env, cmds[i].args)
	}
	for range rounds {
		for i, cmd := range cmds {
			samples[i] = append(samples[i], run(c.dir, env, cmd.args))
		}
	}
	fmt.Fprintf(w, "\n## %s\n\n| command | median wall | median CPU | median peak RSS | × go list -deps | × LoadSyntax floor | CPU × floor | × no-op go vet |\n|---|---:|---:|---:|---:|---:|---:|---:|\n", c.name)
	med := map[string]sample{} // by label: the table reads its baselines by name
	for i, cmd := range cmds {
		med[cmd.label] = median(samples[i])
	}
	list, floor, vet := med[cmdList], med[cmdFloor], med[cmdVet]
	for _, cmd := range cmds {
		m := med[cmd.label]
		fmt.Fprintf(w, "| %s | %.2f s | %.2f s | %d MiB | %s | %s | %s | %s |\n", cmd.label,
			m.wall.Seconds(), m.cpu.Seconds(), m.rss/1024, cell(ratio(m, list)), cell(ratio(m, floor)), cell(cpuRatio(m, floor)), cell(ratio(m, vet)))
	}
	all := med[cmdAll]
	fmt.Fprintf(w, "\nAll-rules check ÷ floor: %.2f in time (CPU %.2f), %.2f in peak RSS.",
		ratio(all, floor), cpuRatio(all, floor), rssRatio(all, floor))
	if all.wall > 0 && med[cmdGraph].wall > 0 && med[cmdSuggest].wall > 0 && med[cmdReport].wall > 0 {
		over := func(label string) float64 { return 100 * (ratio(med[label], all) - 1) }
		fmt.Fprintf(w, " Over all-rules check: graph %+.0f%%, suggest %+.0f%%, report %+.0f%%.",
			over(cmdGraph), over(cmdSuggest), over(cmdReport))
	}
	fmt.Fprintf(w, "\nLoad average (1, 5, 15 min) at the end: %s.\n", loadavg())
	if cached := med[cmdCached]; cached.wall > 0 {
		fmt.Fprintf(w, "Incremental check, unchanged tree: %.2f× go list -deps -json, %.2f× check --no-cache.\n",
			ratio(cached, list), ratio(cached, all))
	}
	for _, cmd := range cmds {
		if strings.Contains(cmd.label, "many findings") {
			fmt.Fprintf(w, "Import rules with many findings (%s): %.2f× go list -deps -json.\n", filepath.Base(c.findings), ratio(med[cmd.label], list))
		}
	}
}

// scale shows how import-level and all-rules check grow with packages.
func scale(w io.Writer, t tools, tmp string, rounds int) {
	fmt.Fprintf(w, "\n## Scaling (synthetic monolith, 20 modules)\n\n| packages | go list -deps | check (import rules) | check (all rules, --no-cache) | per 1,000 pkgs | check (all rules, cache, unchanged tree) | per 1,000 pkgs |\n|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range []int{500, 1500, 3000} {
		dir := filepath.Join(tmp, fmt.Sprintf("scale%d", n))
		check(synth.Generate(dir, n, 20))
		cmds := [][]string{
			{"go", "list", "-deps", "-json", "./..."},
			{t.archcheck, "check", "--rules", strings.Join(rules.ImportRules, ",")},
			{t.archcheck, "check", "--no-cache"},
			{t.archcheck, "check"},
		}
		samples := make([][]sample, len(cmds))
		for _, c := range cmds {
			run(dir, nil, c)
		}
		for range rounds {
			for i, c := range cmds {
				samples[i] = append(samples[i], run(dir, nil, c))
			}
		}
		all, cached := median(samples[2]).wall.Seconds(), median(samples[3]).wall.Seconds()
		fmt.Fprintf(w, "| %d | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s |\n", n,
			median(samples[0]).wall.Seconds(), median(samples[1]).wall.Seconds(), all, all/float64(n)*1000, cached, cached/float64(n)*1000)
	}
}

// run runs one command and returns its wall time and peak RSS. Exit status
// 1 (findings) is expected; anything else is reported but still measured.
func run(dir string, env []string, args []string) sample {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
		fmt.Fprintf(os.Stderr, "benchrun: %s in %s: %v\n%s\n", strings.Join(args, " "), dir, err, tail(stderr.String()))
	}
	s := sample{wall: wall}
	if cmd.ProcessState != nil {
		s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.rss = ru.Maxrss
		}
	}
	return s
}

// loadavg is /proc/loadavg's first three fields, "?" where it cannot be read.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], ", ")
	}
	return "?"
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}

func median(ss []sample) sample {
	walls := make([]time.Duration, len(ss))
	cpus := make([]time.Duration, len(ss))
	rsss := make([]int64, len(ss))
	for i, s := range ss {
		walls[i], cpus[i], rsss[i] = s.wall, s.cpu, s.rss
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rsss)
	return sample{walls[len(walls)/2], cpus[len(cpus)/2], rsss[len(rsss)/2]}
}

// cell formats a ratio for the table: "–" when its baseline was not
// measured (-commands left it out).
func cell(r float64) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", r)
}

// ratio, cpuRatio and rssRatio are a÷b in wall time, CPU time and peak
// RSS; 0 when b was not measured (-commands left it out).
func ratio(a, b sample) float64 {
	if b.wall == 0 {
		return 0
	}
	return a.wall.Seconds() / b.wall.Seconds()
}

func cpuRatio(a, b sample) float64 {
	if b.cpu == 0 {
		return 0
	}
	return a.cpu.Seconds() / b.cpu.Seconds()
}

func rssRatio(a, b sample) float64 {
	if b.rss == 0 {
		return 0
	}
	return float64(a.rss) / float64(b.rss)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchrun:", err)
		os.Exit(1)
	}
}
