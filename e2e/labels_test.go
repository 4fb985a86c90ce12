package e2e

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The labelled real-code corpus of issue 13: for each real monolith under
// ARCHCHECK_CORPORA, testdata/realcode/<name>/ holds
//
//   - archcheck.yaml: the domain config;
//   - before.tsv: every sync-call finding of archcheck before the wave-2
//     fixes (default and --interfaces mode), the population the sample was
//     drawn from;
//   - wholeprogram.tsv: the findings only the first --whole-program build
//     reported, the population of the sample's whole-program stratum;
//   - labels.tsv: the seeded random sample of those sites (drawSample),
//     each labelled by hand after following every hop of its chain in the
//     corpus source;
//   - mustfind.tsv: blocking cross-module calls found by reading the code,
//     not by running archcheck.
//
// TestLabels runs the current archcheck on each corpus in the default and
// the whole-program mode and fails on every label the output disagrees
// with (in whole-program mode, except a wrong chain of its documented
// per-field flow, which counts against its precision target instead:
// fieldBased), and on every label whose file/line/callee no longer points
// at a call of that callee in the corpus source. It logs the precision
// over the labelled sites and the recall of the must-find list, and
// asserts the targets, and that a literal appears after a chain's
// first element only right after a function-value hop.
//
// TestLabelSample needs no corpus: it redraws the sample from before.tsv
// and checks that labels.tsv labels exactly it.
//
//	ARCHCHECK_CORPORA=/work/corpus go test ./e2e -run TestLabels -long
//	go test ./e2e -run TestLabelSample -draw -v   # print the sample

var drawFlag = flag.Bool("draw", false, "TestLabelSample: print the sample drawn from each corpus's before.tsv")

// labelledCorpora are the directories under ARCHCHECK_CORPORA and
// testdata/realcode.
var labelledCorpora = []string{"kratos", "cli"}

// beforeSite is one sync-call finding of before.tsv.
type beforeSite struct {
	file     string
	line     int
	column   int
	callee   string
	mode     string // "default" (also reported without --interfaces) or "interfaces"
	kind     string
	chain    []string
	fromLine int // line in before.tsv
}

// origin is the site's line in before.tsv or (negative fromLine)
// wholeprogram.tsv.
func (s beforeSite) origin() string {
	if s.fromLine < 0 {
		return fmt.Sprintf("wholeprogram.tsv:%d", -s.fromLine)
	}
	return fmt.Sprintf("before.tsv:%d", s.fromLine)
}

func (s beforeSite) key() string { return s.file + ":" + strconv.Itoa(s.line) + ":" + s.callee }

// readBefore reads before.tsv: file, line, column, callee, mode, kind,
// then the chain, tab-separated; '#' starts a comment line.
func readBefore(path string) ([]beforeSite, error) {
	var sites []beforeSite
	err := readTSV(path, 7, func(n int, f []string, _ map[string]string) error {
		line, err1 := strconv.Atoi(f[1])
		col, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil {
			return fmt.Errorf("bad line or column")
		}
		sites = append(sites, beforeSite{file: f[0], line: line, column: col, callee: f[3], mode: f[4], kind: f[5], chain: f[6:], fromLine: n})
		return nil
	})
	return sites, err
}

// readTSV calls row for each data line of a tab-separated file with at
// least min fields. Header lines "# key: value" are collected into the map
// passed to row; other '#' lines and blank lines are skipped.
func readTSV(path string, min int, row func(n int, fields []string, meta map[string]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	meta := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		if c, ok := strings.CutPrefix(text, "#"); ok {
			if k, v, ok := strings.Cut(strings.TrimSpace(c), ": "); ok && !strings.ContainsAny(k, " \t") {
				meta[k] = strings.TrimSpace(v)
			}
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) < min {
			return fmt.Errorf("%s:%d: %d fields, want at least %d", path, n, len(fields), min)
		}
		if err := row(n, fields, meta); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// drawSample is the seeded random draw of the labelled sample: within each
// stratum (the sites of one mode), every site is ranked by the SHA-256 of
// "SEED\x00FILE:LINE:COLUMN:CALLEE" and the n lowest ranks are taken (all
// sites when the stratum has fewer). It depends on nothing but the findings
// file and the seed, so anyone can redraw the same sample; the sample is
// returned in before.tsv's order.
func drawSample(sites []beforeSite, seed string, n map[string]int) []beforeSite {
	type ranked struct {
		s    beforeSite
		rank string
	}
	byMode := map[string][]ranked{}
	for _, s := range sites {
		h := sha256.Sum256([]byte(seed + "\x00" + s.file + ":" + strconv.Itoa(s.line) + ":" + strconv.Itoa(s.column) + ":" + s.callee))
		byMode[s.mode] = append(byMode[s.mode], ranked{s, hex.EncodeToString(h[:])})
	}
	var out []beforeSite
	for mode, rs := range byMode {
		slices.SortFunc(rs, func(a, b ranked) int { return strings.Compare(a.rank, b.rank) })
		for i := 0; i < len(rs) && i < n[mode]; i++ {
			out = append(out, rs[i].s)
		}
	}
	slices.SortFunc(out, func(a, b beforeSite) int {
		if (a.fromLine < 0) != (b.fromLine < 0) {
			return b.fromLine - a.fromLine // before.tsv's lines first
		}
		return max(a.fromLine, -a.fromLine) - max(b.fromLine, -b.fromLine)
	})
	return out
}

// parseDraw reads labels.tsv's "# draw: seed=13 default=60 interfaces=25".
func parseDraw(s string) (seed string, n map[string]int, err error) {
	n = map[string]int{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return "", nil, fmt.Errorf("draw: %q is not key=value", f)
		}
		if k == "seed" {
			seed = v
			continue
		}
		if n[k], err = strconv.Atoi(v); err != nil {
			return "", nil, fmt.Errorf("draw: %s: %w", k, err)
		}
	}
	if seed == "" {
		return "", nil, fmt.Errorf("draw: no seed in %q", s)
	}
	return seed, n, nil
}

// corpusFingerprint identifies a corpus tree (the corpora are plain copies of
// one commit, without .git): the SHA-256 over every .go file's relative
// path and content hash, in path order.
func corpusFingerprint(root string) (string, error) {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	all := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(all, "%s %x\n", filepath.ToSlash(rel), sha256.Sum256(data))
	}
	return hex.EncodeToString(all.Sum(nil)), nil
}

// calleeName is the last element of a fully qualified function or method
// name, as written at a call site: "(*example.com/p.T).M" → "M",
// "example.com/p.F[...]" → "F", "example.com/p.T.Field" → "Field".
func calleeName(callee string) string {
	if i := strings.IndexByte(callee, '['); i >= 0 {
		callee = callee[:i]
	}
	callee = callee[strings.LastIndexByte(callee, '/')+1:]
	return callee[strings.LastIndexByte(callee, '.')+1:]
}

// sourceCalls reports, for a corpus file, the names called on each line:
// the identifier or selector of every call expression, keyed by the line
// of the call's name (where archcheck positions the finding) and by the
// line of its opening parenthesis.
type sourceCalls struct {
	root  string
	fset  *token.FileSet
	files map[string]map[int][]string
}

func (sc *sourceCalls) calls(file string, line int) ([]string, error) {
	if sc.files == nil {
		sc.files, sc.fset = map[string]map[int][]string{}, token.NewFileSet()
	}
	byLine, ok := sc.files[file]
	if !ok {
		f, err := parser.ParseFile(sc.fset, filepath.Join(sc.root, filepath.FromSlash(file)), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		byLine = map[int][]string{}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fun := ast.Unparen(call.Fun)
			if ix, ok := fun.(*ast.IndexExpr); ok {
				fun = ix.X
			} else if ix, ok := fun.(*ast.IndexListExpr); ok {
				fun = ix.X
			}
			var name string
			var at token.Pos
			switch fn := fun.(type) {
			case *ast.Ident:
				name, at = fn.Name, fn.Pos()
			case *ast.SelectorExpr:
				name, at = fn.Sel.Name, fn.Sel.Pos()
			default:
				return true
			}
			for _, l := range []int{sc.fset.Position(at).Line, sc.fset.Position(call.Lparen).Line, sc.fset.Position(call.Pos()).Line} {
				if !slices.Contains(byLine[l], name) {
					byLine[l] = append(byLine[l], name)
				}
			}
			return true
		})
		sc.files[file] = byLine
	}
	return byLine[line], nil
}

// TestLabels: see the comment at the top of this file.
func TestLabels(t *testing.T) {
	needLong(t)
	dir := os.Getenv("ARCHCHECK_CORPORA")
	if dir == "" {
		t.Skip("ARCHCHECK_CORPORA is not set (a directory with kratos/ and cli/)")
	}
	for _, name := range labelledCorpora {
		t.Run(name, func(t *testing.T) {
			root := filepath.Join(dir, name)
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
				t.Skipf("corpus %s absent: %v", name, err)
			}
			checkLabels(t, root, filepath.Join(repoRoot(t), "testdata", "realcode", name))
		})
	}
}

// TestLabelSample checks, without the corpora, that labels.tsv labels
// exactly the sample drawSample draws from before.tsv, and that
// mustfind.tsv reads; with -draw it prints the sample.
func TestLabelSample(t *testing.T) {
	for _, name := range labelledCorpora {
		t.Run(name, func(t *testing.T) {
			data := filepath.Join(repoRoot(t), "testdata", "realcode", name)
			redraw(t, data)
			if _, err := readMustFind(filepath.Join(data, "mustfind.tsv")); err != nil {
				t.Error(err)
			}
		})
	}
}

// redraw draws the sample from before.tsv with labels.tsv's draw
// parameters and fails unless labels.tsv labels exactly those sites (and
// reads); with -draw it logs the sample.
func redraw(t *testing.T, data string) {
	before, err := readBefore(filepath.Join(data, "before.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	wp, err := readBefore(filepath.Join(data, "wholeprogram.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range wp {
		wp[i].fromLine = -wp[i].fromLine // negative: a line of wholeprogram.tsv
	}
	before = append(before, wp...)
	labels, meta, err := readLabels(filepath.Join(data, "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	seed, n, err := parseDraw(meta["draw"])
	if err != nil {
		t.Fatalf("labels.tsv: %v", err)
	}
	labelled := map[string]bool{}
	for _, l := range labels {
		k := l.file + ":" + strconv.Itoa(l.line) + ":" + l.callee
		if labelled[k] {
			t.Errorf("%v: labelled twice", l)
		}
		labelled[k] = true
	}
	sample := drawSample(before, seed, n)
	var b strings.Builder
	for _, s := range sample {
		fmt.Fprintf(&b, "%s\t%d\t%s\t%s\t%s\t%s\n", s.file, s.line, s.callee, s.mode, s.kind, strings.Join(s.chain, " → "))
		if !labelled[s.key()] {
			t.Errorf("%s: drawn but not labelled: %s:%d %s (%s)", s.origin(), s.file, s.line, s.callee, s.mode)
		}
		delete(labelled, s.key())
	}
	for k := range labelled {
		t.Errorf("labelled but not drawn from before.tsv or wholeprogram.tsv: %s", k)
	}
	if *drawFlag {
		t.Logf("draw %s: %d sites\n%s", meta["draw"], len(sample), b.String())
	}
}

// siteLabel is one line of labels.tsv.
type siteLabel struct {
	n         int // line in labels.tsv
	file      string
	line      int
	callee    string
	label     string   // correct, wrong-chain, not-blocking, not-cross-module
	kinds     []string // the kinds the site blocks on by equally short chains; "-" when it does not block
	ops       []string // for correct sites: the blocking operations the chain may end at
	want      string   // default, whole-program or none
	forbidden []string // hops that must not appear in the chain
	reason    string
}

func (l siteLabel) String() string {
	return fmt.Sprintf("labels.tsv:%d: %s:%d %s", l.n, l.file, l.line, l.callee)
}

// mustFind is one line of mustfind.tsv.
type mustFind struct {
	n      int
	file   string
	line   int
	callee string
	kinds  []string
	mode   string // default or whole-program
	via    string // static, interface-same-package, interface, function-value
	reason string
}

func (m mustFind) String() string {
	return fmt.Sprintf("mustfind.tsv:%d: %s:%d %s", m.n, m.file, m.line, m.callee)
}

var (
	labelValues = []string{"correct", "wrong-chain", "not-blocking", "not-cross-module"}
	labelKinds  = []string{"network", "database", "process", "sleep", "-"}
	labelModes  = []string{"default", "whole-program"}
)

func readLabels(path string) ([]siteLabel, map[string]string, error) {
	var labels []siteLabel
	var meta map[string]string
	err := readTSV(path, 9, func(n int, f []string, m map[string]string) error {
		meta = m
		line, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("line: %w", err)
		}
		l := siteLabel{n: n, file: f[0], line: line, callee: f[2], label: f[3], kinds: strings.Split(f[4], "|"), want: f[6], reason: strings.Join(f[8:], "\t")}
		if f[5] != "-" {
			l.ops = strings.Split(f[5], "|")
		}
		if f[7] != "-" {
			l.forbidden = strings.Split(f[7], "|")
		}
		switch {
		case !slices.Contains(labelValues, l.label):
			return fmt.Errorf("label %q, want one of %v", l.label, labelValues)
		case slices.ContainsFunc(l.kinds, func(k string) bool { return !slices.Contains(labelKinds, k) }) || (len(l.kinds) > 1 && slices.Contains(l.kinds, "-")):
			return fmt.Errorf("kind %q, want one of %v or several kinds joined by |", f[4], labelKinds)
		case !slices.Contains(append(labelModes, "none"), l.want):
			return fmt.Errorf("want %q, want one of default, whole-program, none", l.want)
		case l.label == "correct" && (len(l.ops) == 0 || l.want == "none" || l.kinds[0] == "-"):
			return fmt.Errorf("a correct site needs a kind, its blocking operations and a mode that reports it")
		case (l.label == "not-blocking" || l.label == "not-cross-module") && l.want != "none":
			return fmt.Errorf("a %s site is never reported: want none", l.label)
		case l.label == "wrong-chain" && len(l.forbidden) == 0:
			return fmt.Errorf("a wrong-chain site needs its forbidden hop")
		}
		labels = append(labels, l)
		return nil
	})
	return labels, meta, err
}

func readMustFind(path string) ([]mustFind, error) {
	var must []mustFind
	err := readTSV(path, 7, func(n int, f []string, _ map[string]string) error {
		line, err := strconv.Atoi(f[1])
		if err != nil {
			return fmt.Errorf("line: %w", err)
		}
		m := mustFind{n: n, file: f[0], line: line, callee: f[2], kinds: strings.Split(f[3], "|"), mode: f[4], via: f[5], reason: strings.Join(f[6:], "\t")}
		switch {
		case !slices.Contains(labelModes, m.mode):
			return fmt.Errorf("mode %q, want one of %v", m.mode, labelModes)
		case !slices.Contains([]string{"static", "interface-same-package", "interface", "function-value"}, m.via):
			return fmt.Errorf("via %q, want static, interface-same-package, interface or function-value", m.via)
		case m.mode == "whole-program" && (m.via == "static" || m.via == "interface-same-package"):
			return fmt.Errorf("a %s call must be found by the default mode", m.via)
		}
		for _, k := range m.kinds {
			if k == "-" || !slices.Contains(labelKinds, k) {
				return fmt.Errorf("kind %q, want one of %v", k, labelKinds[:4])
			}
		}
		must = append(must, m)
		return nil
	})
	return must, err
}

// syncFinding is a sync-call finding of check --format json.
type syncFinding struct {
	Rule, File, Kind, Message string
	Line, Column              int
	Chain                     []string
	ChainVia                  []string `json:"chain_via"`
}

func (f syncFinding) String() string {
	return fmt.Sprintf("kind %s, chain %s", f.Kind, strings.Join(f.Chain, " → "))
}

// syncFindings indexes one run's sync-call findings by file and line.
type syncFindings map[string][]syncFinding

func (fs syncFindings) at(file string, line int) []syncFinding {
	return fs[file+":"+strconv.Itoa(line)]
}

// site returns the findings of the labelled site: at its file and line, with
// its callee as the chain's second element, or a callee of the same name
// (an interface method resolved to its implementation).
func (fs syncFindings) site(file string, line int, callee string) []syncFinding {
	var exact, named []syncFinding
	for _, f := range fs.at(file, line) {
		if len(f.Chain) < 2 {
			continue
		}
		switch {
		case f.Chain[1] == callee:
			exact = append(exact, f)
		case calleeName(f.Chain[1]) == calleeName(callee):
			named = append(named, f)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return named
}

// syncCalls runs archcheck check on the corpus with the config and extra
// flags and returns its sync-call findings.
func syncCalls(t *testing.T, root, config string, flags ...string) (syncFindings, int) {
	t.Helper()
	args := append([]string{"check", "--config", config, "--rules", "sync-call", "--format", "json"}, flags...)
	r := run(t, root, nil, okOrBad, args...)
	var out struct{ Findings []syncFinding }
	if err := json.Unmarshal(r.stdout, &out); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	fs := syncFindings{}
	n := 0
	for _, f := range out.Findings {
		if f.Rule != "sync-call" {
			continue
		}
		k := f.File + ":" + strconv.Itoa(f.Line)
		fs[k] = append(fs[k], f)
		n++
	}
	return fs, n
}

// judge compares one site's findings in one mode with its label and
// returns what disagrees ("" when nothing does) and whether the site
// counts as a true positive when reported.
func judge(l siteLabel, mode string, got []syncFinding) (problem string, truePositive bool) {
	expected := l.want == "default" || (l.want == "whole-program" && mode == "whole-program")
	if len(got) == 0 {
		if expected {
			return fmt.Sprintf("not reported in %s mode; labelled %s, blocks on %s", mode, l.label, strings.Join(l.kinds, " or ")), false
		}
		return "", false
	}
	var problems []string
	for _, f := range got {
		switch {
		case l.want == "none" && l.label == "not-blocking":
			problems = append(problems, fmt.Sprintf("reported (%v), but labelled not-blocking: nothing on an executable path from there blocks", f))
		case l.want == "none" && l.label == "not-cross-module":
			problems = append(problems, fmt.Sprintf("reported (%v), but labelled not-cross-module", f))
		case l.want == "none":
			problems = append(problems, fmt.Sprintf("reported (%v), but the site blocks only on %s, which the default sync_call_kinds do not report", f, strings.Join(l.kinds, " or ")))
		case !slices.Contains(l.kinds, f.Kind):
			problems = append(problems, fmt.Sprintf("reported with kind %s, labelled %s (%v)", f.Kind, strings.Join(l.kinds, " or "), f))
		case forbiddenHop(l, f) != "":
			problems = append(problems, fmt.Sprintf("the chain still goes through %s, which is not executable there (%v)", forbiddenHop(l, f), f))
		case l.label == "correct" && !slices.Contains(l.ops, f.Chain[len(f.Chain)-1]):
			problems = append(problems, fmt.Sprintf("the chain ends at %s, labelled %s (%v)", f.Chain[len(f.Chain)-1], strings.Join(l.ops, " or "), f))
		}
	}
	if len(problems) > 0 {
		return fmt.Sprintf("%s mode: %s", mode, strings.Join(problems, "; ")), false
	}
	return "", l.want != "none"
}

// fieldBased reports whether a site's whole-program findings disagree with
// its label only as the README documents for whole-program mode: the site
// is labelled wrong-chain for a "field-based" flow, blocks, and every
// finding has a labelled kind but goes through the forbidden hop, which
// reached the field the call reads in another value of the same type (VTA's flow is per field, not
// per value: the GitHub CLI's Factory.BaseRepo). Any other disagreement of
// whole-program mode fails the test, and these count against its
// precision target.
func fieldBased(l siteLabel, got []syncFinding) bool {
	if l.label != "wrong-chain" || len(got) == 0 || !strings.Contains(l.reason, "field-based") {
		return false
	}
	for _, f := range got {
		if !slices.Contains(l.kinds, f.Kind) || forbiddenHop(l, f) == "" {
			return false
		}
	}
	return true
}

// literalRE matches the compiler-style name of a function literal
// (Outer.func1, Outer.func1.2), with or without the field it is stored in.
var literalRE = regexp.MustCompile(`\.func\d+(\.\d+)*( \(\w+\))?$`)

func isLiteral(hop string) bool { return literalRE.MatchString(hop) }

// forbiddenHop returns the first of the label's forbidden hops in the
// finding's chain, or "".
func forbiddenHop(l siteLabel, f syncFinding) string {
	for _, hop := range l.forbidden {
		if slices.Contains(f.Chain, hop) {
			return hop
		}
	}
	return ""
}

// wholeProgramFlag is check's whole-program flag, or "" while it does not
// exist yet.
func wholeProgramFlag(t *testing.T) string {
	r := run(t, ".", nil, ok, "check", "--help")
	if strings.Contains(string(r.stdout)+string(r.stderr), "--whole-program") {
		return "--whole-program"
	}
	return ""
}

// The targets.
const (
	minPrecisionDefault      = 0.95
	minPrecisionWholeProgram = 0.90
)

func checkLabels(t *testing.T, root, data string) {
	labels, meta, err := readLabels(filepath.Join(data, "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	must, err := readMustFind(filepath.Join(data, "mustfind.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	fp, err := corpusFingerprint(root)
	if err != nil {
		t.Fatal(err)
	}
	if fp != meta["fingerprint"] {
		t.Skipf("%s is not the tree the labels were made on (%s): its .go files' fingerprint is %s, labels.tsv's %s", root, meta["corpus"], fp, meta["fingerprint"])
	}

	// Every label and must-find still points at a call of its callee.
	src := &sourceCalls{root: root}
	stale := func(what fmt.Stringer, file string, line int, callee string) {
		names, err := src.calls(file, line)
		if err != nil {
			t.Errorf("%v: %v", what, err)
			return
		}
		if isLiteral(callee) && len(names) > 0 {
			return // a call through a function value: the literal that flows there is not named at the call
		}
		if !slices.Contains(names, calleeName(callee)) {
			t.Errorf("%v: no call of %s on that line of the corpus source (calls there: %v): the label no longer matches a site", what, calleeName(callee), names)
		}
	}
	for _, l := range labels {
		stale(l, l.file, l.line, l.callee)
	}
	for _, m := range must {
		stale(m, m.file, m.line, m.callee)
	}

	config := filepath.Join(data, "archcheck.yaml")
	modes := []string{"default"}
	flags := map[string][]string{"default": nil}
	if wp := wholeProgramFlag(t); wp != "" {
		modes = append(modes, "whole-program")
		flags["whole-program"] = []string{wp}
	} else {
		t.Log("check has no --whole-program flag yet: whole-program labels and recall are not checked")
	}
	for _, mode := range modes {
		fs, total := syncCalls(t, root, config, flags[mode]...)

		// Issue 13: a stored literal appears in a chain only as its first
		// element or, in whole-program mode, right after a function-value
		// hop (chain_via), in every finding, labelled or not.
		literalHops := 0
		for _, site := range fs {
			for _, f := range site {
				if f.ChainVia != nil && len(f.ChainVia) != len(f.Chain) {
					t.Errorf("%s:%d: %s mode: chain_via has %d elements for a chain of %d (%v)", f.File, f.Line, mode, len(f.ChainVia), len(f.Chain), f)
					continue
				}
				for i := 1; i < len(f.Chain); i++ {
					if !isLiteral(f.Chain[i]) {
						continue
					}
					literalHops++
					switch {
					case mode == "default" || f.ChainVia == nil:
						t.Errorf("%s:%d: %s mode: a function literal, %s, inside a static chain (%v): a literal runs only where it is called, and is named only as a chain's caller", f.File, f.Line, mode, f.Chain[i], f)
					case f.ChainVia[i] != "function value":
						t.Errorf("%s:%d: %s mode: a function literal, %s, reached by %q, not through a function value (%v)", f.File, f.Line, mode, f.Chain[i], f.ChainVia[i], f)
					}
				}
			}
		}
		t.Logf("%s mode: %d literals after a chain's first element, each reached through a function value", mode, literalHops)

		// Labels: every disagreement, and the precision over the labelled
		// sites that this run reports.
		tp, reported, wrongChains := 0, 0, 0
		for _, l := range labels {
			got := fs.site(l.file, l.line, l.callee)
			problem, good := judge(l, mode, got)
			switch {
			case problem == "":
			case mode == "whole-program" && fieldBased(l, got):
				// A documented limit of variable type analysis, counted
				// against the precision target below, not a regression.
				wrongChains++
				t.Logf("%v: %s (a wrong chain of whole-program's per-field flow, counted in its precision)", l, problem)
			default:
				t.Errorf("%v: %s\n\tlabel: %s, kind %s, want %s: %s", l, problem, l.label, strings.Join(l.kinds, "|"), l.want, l.reason)
			}
			if len(got) > 0 {
				reported++
				if good {
					tp++
				}
			}
		}
		precision := 1.0
		if reported > 0 {
			precision = float64(tp) / float64(reported)
		}
		t.Logf("%s mode: %d sync-call findings; %d of the %d labelled sites reported, %d of them correct: precision %.1f%% (%d wrong chains of per-field flow)", mode, total, reported, len(labels), tp, 100*precision, wrongChains)
		if min := map[string]float64{"default": minPrecisionDefault, "whole-program": minPrecisionWholeProgram}[mode]; precision < min {
			t.Errorf("%s mode: precision %.1f%% on the labelled sites, target %.0f%%", mode, 100*precision, 100*min)
		}

		// Recall of the must-find list.
		found := 0
		var missed []string
		for _, m := range must {
			hit := false
			for _, f := range fs.at(m.file, m.line) {
				if slices.Contains(m.kinds, f.Kind) {
					hit = true
				}
			}
			switch {
			case hit:
				found++
			case mode == "default" && m.mode == "whole-program":
				missed = append(missed, fmt.Sprintf("%s:%d (%s)", m.file, m.line, m.via))
			default:
				t.Errorf("%v: not found in %s mode (%s, via %s): %s; reported on that line: %v", m, mode, strings.Join(m.kinds, "|"), m.via, m.reason, fs.at(m.file, m.line))
			}
		}
		t.Logf("%s mode: recall %d/%d of the must-find calls (%.0f%%); missed as the SPEC allows (interface or function value, whole-program only): %v", mode, found, len(must), 100*float64(found)/float64(len(must)), missed)
	}
}

func TestIsLiteral(t *testing.T) {
	for hop, want := range map[string]bool{
		"github.com/cli/cli/v2/pkg/cmd/api.apiRun.func1":                  true,
		"github.com/ory/kratos/identity/test.TestPool.func1.39.1":         true,
		"example.com/m/app.NewCmdComment.func1 (RunE)":                    true,
		"(*github.com/ory/kratos/hydra.DefaultHydra).GetLoginRequest":     false,
		"github.com/cli/cli/v2/api.Client.Query":                          false,
		"example.com/m/app.function1":                                     false,
		"github.com/cli/go-gh/v2/pkg/api.newUnixDomainSocketRoundTripper": false,
	} {
		if got := isLiteral(hop); got != want {
			t.Errorf("isLiteral(%q) = %v, want %v", hop, got, want)
		}
	}
}
