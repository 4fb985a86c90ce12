// Package synth writes a deterministic synthetic Go monolith for
// benchmarks: N packages spread over M modules (internal/<module>/pN), each
// package importing a few packages of its own module and of lower modules,
// with cross-module calls, some of which reach blocking I/O (net/http,
// time.Sleep, os/exec) and some of which publish on an event seam.
//
// It also writes an archcheck.yaml that declares the modules, allows the
// imports the generator makes, and leaves a few violations to find.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

const modPath = "example.com/mono"

type pkg struct {
	mod, idx int
}

func (p pkg) dir() string   { return fmt.Sprintf("internal/m%02d/p%04d", p.mod, p.idx) }
func (p pkg) path() string  { return modPath + "/" + p.dir() }
func (p pkg) name() string  { return fmt.Sprintf("p%04d", p.idx) }
func (p pkg) alias() string { return fmt.Sprintf("m%02dp%04d", p.mod, p.idx) }

// Generate writes a monolith of npkg packages in nmod modules under out.
func Generate(out string, npkg, nmod int) error {
	if npkg < nmod || nmod < 2 {
		return fmt.Errorf("need packages >= modules >= 2, got %d packages, %d modules", npkg, nmod)
	}
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same tree every time
	byMod := make([][]pkg, nmod)
	for i := range npkg {
		m := i % nmod
		byMod[m] = append(byMod[m], pkg{m, len(byMod[m])})
	}
	if err := write(out, "go.mod", "module "+modPath+"\n\ngo 1.26\n"); err != nil {
		return err
	}
	if err := write(out, "internal/events/events.go", "// Package events is the broker seam.\npackage events\n\n// Publish publishes asynchronously.\nfunc Publish(topic string, v any) {}\n"); err != nil {
		return err
	}
	deps := make([]map[int]bool, nmod)
	for m := range nmod {
		deps[m] = map[int]bool{}
		for _, p := range byMod[m] {
			src, used := source(rng, p, byMod)
			for d := range used {
				deps[m][d] = true
			}
			if err := write(out, filepath.Join(p.dir(), p.name()+".go"), src); err != nil {
				return err
			}
		}
	}
	return write(out, "archcheck.yaml", config(nmod, deps))
}

// source writes one package: it imports up to two packages of its own
// module with a lower index and up to two of lower-numbered modules, and
// calls them; every fifth package blocks on I/O, every seventh publishes.
func source(rng *rand.Rand, p pkg, byMod [][]pkg) (string, map[int]bool) {
	var imports []pkg
	if p.idx > 0 {
		for range 2 {
			imports = append(imports, byMod[p.mod][rng.IntN(p.idx)])
		}
	}
	if p.mod > 0 {
		for range 2 {
			m := rng.IntN(p.mod)
			imports = append(imports, byMod[m][rng.IntN(len(byMod[m]))])
		}
	}
	imports = dedup(imports)
	used := map[int]bool{}
	var b strings.Builder
	fmt.Fprintf(&b, "// Package %s is generated.\npackage %s\n\nimport (\n", p.name(), p.name())
	io := []string{`"net/http"`, `"time"`, `"os/exec"`}[p.idx%3]
	if p.idx%5 == 0 {
		fmt.Fprintf(&b, "\t%s\n", io)
	}
	if p.idx%7 == 0 {
		fmt.Fprintf(&b, "\t%q\n", modPath+"/internal/events")
	}
	for _, q := range imports {
		fmt.Fprintf(&b, "\t%s %q\n", q.alias(), q.path())
		if q.mod != p.mod {
			used[q.mod] = true
		}
	}
	b.WriteString(")\n\n// Do does the package's work.\nfunc Do(n int) int {\n")
	for _, q := range imports {
		fmt.Fprintf(&b, "\tn += %s.Do(n)\n", q.alias())
	}
	if p.idx%5 == 0 {
		b.WriteString([]string{"\t_, _ = http.Get(\"http://localhost/\")\n", "\ttime.Sleep(time.Millisecond)\n", "\t_ = exec.Command(\"true\").Run()\n"}[p.idx%3])
	}
	if p.idx%7 == 0 {
		b.WriteString("\tevents.Publish(\"done\", n)\n")
	}
	b.WriteString("\treturn n + 1\n}\n\n// Value is an exported type other modules may use.\ntype Value struct{ N int }\n")
	return b.String(), used
}

func dedup(ps []pkg) []pkg {
	seen := map[pkg]bool{}
	var out []pkg
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// config declares the modules; each may depend on what it uses, except
// that the last module loses one dependency so check has findings.
func config(nmod int, deps []map[int]bool) string {
	var b strings.Builder
	b.WriteString("version: 1\n\nmodules:\n  platform:\n    packages: [./internal/events/...]\n    shared: true\n")
	for m := range nmod {
		fmt.Fprintf(&b, "  m%02d:\n    packages: [./internal/m%02d/...]\n", m, m)
		var ds []string
		for d := range nmod {
			if deps[m][d] && !(m == nmod-1 && len(ds) == 0) {
				ds = append(ds, fmt.Sprintf("m%02d", d))
			} else if deps[m][d] {
				ds = append(ds, "") // dropped on purpose: a dependency violation
			}
		}
		var kept []string
		for _, d := range ds {
			if d != "" {
				kept = append(kept, d)
			}
		}
		if len(kept) > 0 {
			fmt.Fprintf(&b, "    depends_on: [%s]\n", strings.Join(kept, ", "))
		}
	}
	b.WriteString("\nevents: [./internal/events/...]\n")
	return b.String()
}

func write(root, name, content string) error {
	p := filepath.Join(root, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}
