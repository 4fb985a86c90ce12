package load

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/internal/gocmd"
)

// A listing is reused (Options.Reuse) when nothing go list read for it has
// changed since: the run that recorded it stamped, before it ran go list,
// every directory of the main module and of the other modules whose source
// is not in the read-only module cache (directory replacements, workspace
// modules), every .go file in them (and C, assembly and SWIG file, whose
// build constraints go list reads too), their go.mod, go.sum, go.work,
// go.work.sum and vendor/modules.txt, and the go env files; a later run
// stats them again, and reuses the listing when every stamp is the same.
// A directory's stamp changes when a file in it is added, removed or
// renamed; a file's when it is written. The listing is keyed by the go
// command's whole environment (go env: GOFLAGS, GOOS, GOARCH, CGO_ENABLED,
// GOROOT, GOVERSION, GOEXPERIMENT, GOWORK, …), the go list arguments, the
// directory and archcheck's build. The standard library and the module
// cache are keyed by that environment alone (GOROOT and the Go version; a
// module's path and version), but the listed modules' directories in the
// module cache are stamped too: one removed (go clean -modcache) must be
// listed again.
//
// An entry written within racyWindow of the start of the recording run (or
// after it) could be written again within its timestamp's granule without
// its stamp changing (git's "racily clean" entries): its stamp also holds
// a hash of its content (a directory's: of its names), which the later
// run compares too.
//
// No listing is recorded, and none reused, when go list reported an error
// or a warning, or with an -overlay or -modfile in GOFLAGS or the build
// flags (what they name is not stamped); a listing whose packages lie in
// directories the stamps do not cover (a symbolic link, a new directory
// replacement) is recorded incomplete, with the directories for the next
// run to stamp, and not reused.

// snapFormat changes whenever the record's layout or meaning does.
const snapFormat = "archcheck-list-2"

// racyWindow is how close to the start of the recording run an entry's
// time must be for its stamp to hold a hash of its content: larger than
// the coarsest timestamp granule expected (FAT's 2 s).
var racyWindow = 3 * time.Second

// stampGranule truncates the times stamped: 1 ns in use; tests set a
// coarse one to act out a file system whose times do not tell two writes
// apart.
var stampGranule time.Duration = 1

// A stamp is what a later run compares of one file or directory.
type stamp struct {
	Path  string
	Dir   bool
	Size  int64
	Mode  uint32
	Mtime int64
	Ctime int64
	Ino   uint64
	Racy  bool   // written too close to the recording run for its times to tell
	Sum   string // a directory's names hash; a racy file's content hash
}

// snapshot is the record of one listing.
type snapshot struct {
	Format   string
	Trees    []string // the directories walked
	Extra    []string // package directories outside them, stamped on their own
	Modules  []string // the module cache's directories of the modules listed: they must still be there
	Stamps   []stamp
	Complete bool // the stamps cover everything the listing read: it may be reused
	Out      []byte
	Patches  [][]byte // go list's output for packages listed again since Out (reuse)
	Main     *MainModule
}

// reuser finds and records listings for ListAll.
type reuser struct {
	store    *cache.Store
	key      string
	env      map[string]string
	prev     *snapshot // recorded under key, if any
	modCache string
	goroot   string
}

// envVars are the go env settings a listing's key holds: all of go env's
// but those it computes by running the C compiler (CgoEnvVars, and
// GOGCCFLAGS, which names a temporary directory). Asking for all of them
// made every run start the C compiler and create a go-build directory in
// $TMPDIR, which an interrupt at that moment left behind. Names this Go
// does not know print as "".
var envVars = []string{
	"AR", "CC", "CGO_ENABLED", "CXX", "GCCGO", "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM",
	"GOARM64", "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOEXE", "GOEXPERIMENT",
	"GOFIPS140", "GOFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMIPS", "GOMIPS64", "GOMOD",
	"GOMODCACHE", "GONOPROXY", "GONOSUMDB", "GOOS", "GOPATH", "GOPPC64", "GOPRIVATE", "GOPROXY",
	"GORISCV64", "GOROOT", "GOSUMDB", "GOTELEMETRY", "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN",
	"GOTOOLDIR", "GOVCS", "GOVERSION", "GOWASM", "GOWORK",
}

// CgoEnvVars are the C compiler's settings go env computes by running it
// (in a go-build directory of its own): the listing's key, and the
// incremental cache's key of export data, hold their values in the
// environment instead (a go env file's are in the file).
var CgoEnvVars = []string{"CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS", "PKG_CONFIG"}

// newReuser returns nil when listings cannot be reused: no cache, not in
// module mode, or flags that name files the stamps do not cover.
func newReuser(ctx context.Context, opts Options, fields string, patterns []string) *reuser {
	for _, f := range opts.BuildFlags {
		if namesFiles(f) {
			return nil
		}
	}
	st, err := cache.Open("", "lists")
	if err != nil {
		return nil
	}
	var envList []string
	if opts.Env != nil {
		envList = append(os.Environ(), opts.Env...)
	}
	out, _, err := gocmd.Run(ctx, opts.Dir, envList, append([]string{"env", "-json"}, envVars...)...)
	if err != nil {
		return nil
	}
	var env map[string]string
	if json.Unmarshal(out.Bytes(), &env) != nil {
		return nil
	}
	for _, k := range CgoEnvVars { // as set, not as go env computes them
		env[k] = os.Getenv(k)
	}
	for _, f := range strings.Fields(env["GOFLAGS"]) {
		if namesFiles(f) {
			return nil
		}
	}
	if gomod := env["GOMOD"]; gomod == "" || gomod == os.DevNull {
		return nil // GOPATH mode, or outside a module
	}
	dir, err := filepath.Abs(dirOrDot(opts.Dir))
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	slices.Sort(names)
	parts := []string{snapFormat, cache.ToolID(), dir, fields, strconv.FormatBool(opts.Deps),
		strings.Join(opts.Tags, ","), strings.Join(opts.BuildFlags, "\x00"), strings.Join(patterns, "\x00"),
		strings.Join(opts.Env, "\x00")}
	for _, k := range names {
		parts = append(parts, k+"="+env[k])
	}
	r := &reuser{store: st, key: cache.Key(parts...), env: env, modCache: env["GOMODCACHE"], goroot: env["GOROOT"]}
	if data, ok := st.Get(r.key); ok {
		var s snapshot
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&s) == nil && s.Format == snapFormat {
			r.prev = &s
		}
	}
	return r
}

// namesFiles reports whether a go flag names a file whose content the
// listing depends on.
func namesFiles(flag string) bool {
	name := strings.TrimLeft(flag, "-")
	return strings.HasPrefix(name, "overlay") || strings.HasPrefix(name, "modfile")
}

func dirOrDot(d string) string {
	if d == "" {
		return "."
	}
	return d
}

// reuse returns the recorded listing when every stamp holds. When the
// only stamps that do not are .go files edited in place (no file added,
// removed or renamed: their directories' stamps hold) in the directories
// of listed packages of the main module, it lists those packages again,
// and returns the recorded listing with them replaced, provided that
// their name, imports and use of cgo are the same (what else go list
// -deps lists, the implicit dependencies included, follows from those)
// and that they list without errors.
func (r *reuser) reuse(ctx context.Context, opts Options, fields string) (*Listing, bool) {
	s := r.prev
	if s == nil || !s.Complete {
		return nil, false
	}
	var failed, restamp []int
	for i := range s.Stamps {
		switch ok, again := s.Stamps[i].holds(); {
		case !ok:
			failed = append(failed, i)
		case again:
			restamp = append(restamp, i)
		}
	}
	if len(failed) > 0 && (!opts.Deps || len(s.Patches) >= maxPatches) {
		return nil, false
	}
	l, err := s.listing(opts)
	if err != nil {
		return nil, false
	}
	l.Reused = true
	if len(failed)+len(restamp) == 0 {
		return l, true
	}
	return r.relist(ctx, opts, fields, l, failed, restamp)
}

// maxPatches bounds the relistings a record accumulates before a whole
// listing replaces it.
const maxPatches = 32

// listing decodes the record: the listing and the packages listed again
// since, in their turn.
func (s *snapshot) listing(opts Options) (*Listing, error) {
	l, err := listing(bytes.NewReader(s.Out), "", opts)
	if err != nil {
		return nil, err
	}
	l.Main = s.Main
	for _, patch := range s.Patches {
		pkgs, _, err := decodeList(bytes.NewReader(patch))
		if err != nil {
			return nil, err
		}
		if !replace(l, pkgs, nil) {
			return nil, errors.New("a patch of the listing does not apply")
		}
	}
	return l, nil
}

// replace puts pkgs in place of the listed packages of their paths; with
// same set, only when same says each is alike.
func replace(l *Listing, pkgs []*Package, same func(old, p *Package) bool) bool {
	index := make(map[string]int, len(l.Packages))
	for i, p := range l.Packages {
		index[p.ImportPath] = i
	}
	for _, p := range pkgs {
		i, ok := index[p.ImportPath]
		if !ok || same != nil && !same(l.Packages[i], p) {
			return false
		}
		l.Packages[i] = p
	}
	return true
}

// relist lists again the packages whose .go files failed their stamps,
// and stamps again those, and the directories whose times changed but not
// their names, before it does.
func (r *reuser) relist(ctx context.Context, opts Options, fields string, l *Listing, failed, restamp []int) (*Listing, bool) {
	s := *r.prev
	s.Stamps = slices.Clone(s.Stamps)
	start := time.Now()
	for _, i := range restamp {
		st, ok := s.Stamps[i].restamp(start)
		if !ok {
			return nil, false
		}
		s.Stamps[i] = st
	}
	paths, ok := s.stampEdited(l, failed, start)
	if !ok {
		return nil, false
	}
	if len(paths) == 0 { // only directories' times changed
		r.save(&s)
		return l, true
	}
	opts.Deps = false
	stdout, warnings, err := goList(ctx, opts, []string{"-json=" + fields}, paths)
	if err != nil || warnings != "" {
		return nil, false
	}
	out := slices.Clone(stdout.Bytes())
	pkgs, errs, err := decodeList(stdout)
	if err != nil || len(errs) > 0 || len(pkgs) != len(paths) {
		return nil, false
	}
	if !replace(l, pkgs, alike) {
		return nil, false
	}
	s.Patches = append(slices.Clip(s.Patches), out)
	r.save(&s)
	l.Relisted = paths
	return l, true
}

// stampEdited stamps again the failed stamps, which must be .go files of
// the main module's listed packages, and returns those packages' paths.
func (s *snapshot) stampEdited(l *Listing, failed []int, start time.Time) ([]string, bool) {
	dirs := map[string]string{}
	for _, p := range l.Packages {
		if p.Module != nil && p.Module.Main {
			dirs[p.Dir] = p.ImportPath
		}
	}
	var paths []string
	for _, i := range failed {
		st := s.Stamps[i]
		path, ok := dirs[filepath.Dir(st.Path)]
		if st.Dir || st.Size == -1 || !strings.HasSuffix(st.Path, ".go") || !ok {
			return nil, false
		}
		if s.Stamps[i], ok = stampOf(st.Path, false, start); !ok || s.Stamps[i].Size == -1 {
			return nil, false
		}
		if !slices.Contains(paths, path) {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	return paths, true
}

// alike reports whether a package listed again, p, lists with the same
// dependencies as it did, old: the same name (a command has implicit
// ones), imports and use of cgo (which has implicit ones), without errors.
func alike(old, p *Package) bool {
	return old.Name == p.Name && slices.Equal(old.Imports, p.Imports) && len(old.CgoFiles) > 0 == (len(p.CgoFiles) > 0) &&
		p.Error == "" && old.Dir == p.Dir
}

// save writes the record.
func (r *reuser) save(s *snapshot) {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(s) == nil {
		_ = r.store.Put(r.key, buf.Bytes())
	}
}

// stampAll stamps, before go list runs, what the last listing read, or
// for a first run the main module (and workspace) tree.
func (r *reuser) stampAll() *snapshot {
	start := time.Now()
	s := &snapshot{Format: snapFormat}
	trees := map[string]bool{filepath.Dir(r.env["GOMOD"]): true}
	var extra []string
	if r.prev != nil {
		for _, t := range r.prev.Trees {
			trees[t] = true
		}
		extra = r.prev.Extra
	}
	for t := range trees {
		s.Trees = append(s.Trees, t)
	}
	slices.Sort(s.Trees)
	add := func(path string, dir bool) {
		if st, ok := stampOf(path, dir, start); ok {
			s.Stamps = append(s.Stamps, st)
		}
	}
	// The files the go command reads besides the trees' (a missing one is
	// stamped too: it must stay missing).
	for _, f := range []string{r.env["GOMOD"], r.env["GOWORK"], r.env["GOENV"], filepath.Join(r.goroot, "go.env")} {
		if f == "" || f == "off" || f == os.DevNull {
			continue
		}
		add(f, false)
		if base, ok := strings.CutSuffix(f, ".mod"); ok {
			add(base+".sum", false)
		} else if strings.HasSuffix(f, ".work") {
			add(f+".sum", false)
		}
	}
	for _, t := range s.Trees {
		walk(t, add)
	}
	if r.prev != nil {
		for _, dir := range r.prev.Modules {
			s.Modules = append(s.Modules, dir)
			add(dir, true)
		}
	}
	for _, dir := range extra {
		s.Extra = append(s.Extra, dir)
		add(dir, true)
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if readByGo(e.Name()) {
				add(filepath.Join(dir, e.Name()), false)
			}
		}
	}
	return s
}

// walk stamps (add) the directories of tree and the files go reads in them.
func walk(tree string, add func(path string, dir bool)) {
	_ = filepath.WalkDir(tree, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			add(path, d != nil && d.IsDir()) // vanished or unreadable: stamped as it is
			return nil
		case d.IsDir():
			if path != tree && isVCSDir(d.Name()) {
				return filepath.SkipDir
			}
			add(path, true)
		case readByGo(d.Name()):
			add(path, false)
		}
		return nil
	})
}

// isVCSDir reports whether a directory is a version control system's,
// which go neither lists nor embeds.
func isVCSDir(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", ".bzr":
		return true
	}
	return false
}

// readByGo reports whether go list reads the content of a file so named:
// the module files, and the source files whose build constraints it reads
// (C, assembly, SWIG… as well as Go).
func readByGo(name string) bool {
	switch name {
	case "go.mod", "go.sum", "go.work", "go.work.sum", "modules.txt":
		return true
	}
	switch filepath.Ext(name) {
	case ".go", ".c", ".cc", ".cpp", ".cxx", ".m", ".h", ".hh", ".hpp", ".hxx", ".s", ".S", ".sx",
		".f", ".F", ".for", ".f90", ".swig", ".swigcxx", ".syso":
		return true
	}
	return false
}

// record keeps the listing, complete when the stamps cover every
// directory it read.
func (r *reuser) record(s *snapshot, out []byte, l *Listing) {
	s.Out, s.Main = out, l.Main
	s.Complete = len(l.Errors) == 0
	walked := map[string]bool{}
	for _, st := range s.Stamps {
		if st.Dir {
			walked[st.Path] = true
		}
	}
	trees, extra, modules, covered := r.covered(s, l, walked)
	if !covered && len(trees) == len(s.Trees) && len(extra) == 0 {
		// Only module cache directories were not stamped before go list
		// ran (a first run does not know them yet): stamped now, since
		// the go command never changes a module's directory once it is
		// extracted (read-only), so the next run can reuse the listing
		// rather than stamp them and list again.
		covered = r.stampModules(s, modules)
	}
	s.Complete = s.Complete && covered
	if !s.Complete {
		// What the next run stamps before it lists.
		s.Trees = s.Trees[:0]
		for t := range trees {
			s.Trees = append(s.Trees, t)
		}
		slices.Sort(s.Trees)
		for dir := range extra {
			if !slices.Contains(s.Extra, dir) && !slices.ContainsFunc(s.Trees, func(t string) bool { return within(dir, t) }) {
				s.Extra = append(s.Extra, dir)
			}
		}
		slices.Sort(s.Extra)
		s.Modules = s.Modules[:0]
		for dir := range modules {
			s.Modules = append(s.Modules, dir)
		}
		slices.Sort(s.Modules)
		s.Out, s.Stamps, s.Patches = nil, nil, nil
	}
	r.save(s)
}

// stampModules stamps the module cache directories of modules that s does
// not have yet, after the listing, and reports whether all could be.
func (r *reuser) stampModules(s *snapshot, modules map[string]bool) bool {
	now := time.Now()
	for dir := range modules {
		if slices.Contains(s.Modules, dir) {
			continue
		}
		st, ok := stampOf(dir, true, now)
		if !ok {
			return false
		}
		s.Stamps = append(s.Stamps, st)
		s.Modules = append(s.Modules, dir)
	}
	slices.Sort(s.Modules)
	return true
}

// covered returns the trees, package directories and module cache
// directories the listing read, and whether the stamps cover them all.
func (r *reuser) covered(s *snapshot, l *Listing, walked map[string]bool) (trees, extra, modules map[string]bool, all bool) {
	trees, extra, modules, all = map[string]bool{}, map[string]bool{}, map[string]bool{}, true
	for _, t := range s.Trees {
		trees[t] = true
	}
	for _, dir := range s.Modules {
		modules[dir] = true
	}
	local := func(dir string) bool {
		return dir != "" && !within(dir, r.modCache) && !within(dir, r.goroot)
	}
	for _, p := range slices.Concat(l.Packages, mapValues(l.Deps)) {
		for m := p.Module; m != nil; m = m.Replace {
			switch {
			case local(m.Dir) && !trees[m.Dir]:
				trees[m.Dir], all = true, false
			case m.Dir != "" && within(m.Dir, r.modCache) && !modules[m.Dir]:
				modules[m.Dir], all = true, false
			}
		}
		if local(p.Dir) && !walked[p.Dir] {
			extra[p.Dir], all = true, false
		}
	}
	return trees, extra, modules, all
}

func mapValues(m map[string]*Package) []*Package {
	out := make([]*Package, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	return out
}

// within reports whether path is root or under it.
func within(path, root string) bool {
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && filepath.IsLocal(rel)
}

// stampOf stamps path; start is when the recording run began. A missing
// path is stamped as missing (Mode 0, Size -1).
func stampOf(path string, dir bool, start time.Time) (stamp, bool) {
	st := stamp{Path: path, Dir: dir, Size: -1}
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return st, true
		}
		return st, false
	}
	st.fill(fi)
	edge := start.Add(-racyWindow).Truncate(stampGranule).UnixNano()
	st.Racy = st.Mtime >= edge || st.Ctime >= edge
	if st.Racy || fi.IsDir() {
		sum, ok := contentSum(path, fi.IsDir())
		if !ok {
			return st, false
		}
		st.Sum = sum
	}
	return st, true
}

func (st *stamp) fill(fi fs.FileInfo) {
	st.Size, st.Mode = fi.Size(), uint32(fi.Mode())
	st.Mtime = fi.ModTime().Truncate(stampGranule).UnixNano()
	ctime, ino := sysStat(fi)
	st.Ctime, st.Ino = ctime.Truncate(stampGranule).UnixNano(), ino
	if fi.IsDir() {
		st.Size = 0 // a directory's size says nothing more than its time
	}
}

// holds reports whether path is as stamped; again, that it is stamped
// again: a directory whose times changed, or are racy, but not its names
// (a file saved by renaming a new one over it changes them; its own stamp
// tells whether it changed), or a racy file (it may be old enough now).
func (st *stamp) holds() (ok, again bool) {
	fi, err := os.Stat(st.Path)
	if err != nil {
		return st.Size == -1 && errors.Is(err, fs.ErrNotExist), false
	}
	if st.Size == -1 || fi.IsDir() != st.Dir {
		return false, false
	}
	now := stamp{Path: st.Path, Dir: st.Dir, Racy: st.Racy, Sum: st.Sum}
	now.fill(fi)
	if now == *st && !st.Racy {
		return true, false
	}
	if now != *st && !st.Dir {
		return false, false
	}
	sum, ok := contentSum(st.Path, st.Dir)
	return ok && sum == st.Sum, st.Dir || st.Racy
}

// restamp stamps a directory or racy file that holds again, provided its
// names or content are still those it held with: what the listing was
// made from, whatever changed after the check.
func (st *stamp) restamp(start time.Time) (stamp, bool) {
	now, ok := stampOf(st.Path, st.Dir, start)
	if !ok || now.Size == -1 {
		return now, false
	}
	if now.Sum == "" { // a file no longer racy: its content is not hashed
		sum, ok := contentSum(st.Path, false)
		return now, ok && sum == st.Sum
	}
	return now, now.Sum == st.Sum
}

// contentSum hashes a file's content or a directory's names.
func contentSum(path string, dir bool) (string, bool) {
	var data []byte
	if dir {
		ents, err := os.ReadDir(path)
		if err != nil {
			return "", false
		}
		var b strings.Builder
		for _, e := range ents {
			b.WriteString(e.Name())
			b.WriteByte(0)
			b.WriteString(e.Type().String())
			b.WriteByte(0)
		}
		data = []byte(b.String())
	} else {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return "", false
		}
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), true
}
