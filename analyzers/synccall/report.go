package synccall

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/internal/ignore"
	"github.com/archcheck/archcheck/rules"
)

// reporter turns the call sites of a package of module from into calls
// and findings.
type reporter struct {
	pass    *analysis.Pass
	cfg     *rules.Config
	solver  *solver
	from    *rules.Module
	modules map[string]*rules.Module // ModuleOf, memoised
	ignore  *ignore.Index            // built on the first finding
	res     *Result
}

// report fills res from the sites of every node but interface methods.
func report(pass *analysis.Pass, cfg *rules.Config, s *solver, from *rules.Module, res *Result) {
	r := &reporter{pass: pass, cfg: cfg, solver: s, from: from, modules: map[string]*rules.Module{}, res: res}
	for _, n := range s.graph.nodes {
		for _, st := range n.sites {
			if st.at != nil {
				r.site(n, st)
			}
		}
	}
	slices.SortStableFunc(res.Calls, func(a, b Call) int { return cmp.Compare(a.Pos, b.Pos) })
	slices.SortStableFunc(res.Findings, func(a, b Finding) int { return cmp.Compare(a.Pos, b.Pos) })
}

func (r *reporter) moduleOf(pkgPath string) *rules.Module {
	m, ok := r.modules[pkgPath]
	if !ok {
		m = r.cfg.ModuleOf(pkgPath)
		r.modules[pkgPath] = m
	}
	return m
}

// site records a call into another module or an event seam, and reports
// it if it is a sync-call.
func (r *reporter) site(n *node, st site) {
	pkg := st.callee.Pkg()
	if pkg == nil || pkg == r.pass.Pkg {
		return
	}
	seam := r.solver.match.classify(st.callee).seam
	if seam == "" && r.cfg.IsEvent(pkg.Path()) {
		seam, _ = eventSeam(r.cfg, pkg.Path())
	}
	to := r.moduleOf(pkg.Path())
	if seam == "" && (to == nil || to == r.from) {
		return
	}
	var chains []Chain
	if seam == "" {
		chains = r.solver.chainsOf(st.callee)
	}
	r.res.Calls = append(r.res.Calls, r.call(n, st, to, seam, chains))
	if st.async || seam != "" || !crossDomain(r.cfg, r.from, to) {
		return
	}
	if c, ok := r.pick(chains); ok {
		r.finding(n, st, to, c)
	}
}

func (r *reporter) call(n *node, st site, to *rules.Module, seam string, chains []Chain) Call {
	c := Call{
		Pos:        st.at.Pos(),
		Caller:     n.step.Full,
		CallerKey:  n.key,
		Callee:     stepOf(st.callee).Full,
		FromPkg:    r.pass.Pkg.Path(),
		ToPkg:      st.callee.Pkg().Path(),
		FromModule: r.from.Name,
		Async:      st.async,
		Via:        st.via,
		Interface:  isInterfaceMethod(st.callee),
		Publish:    seam != "",
		Seam:       seam,
		CallerStep: n.step,
		Func:       st.callee,
	}
	if to != nil {
		c.ToModule = to.Name
	}
	for _, ch := range chains {
		c.Blocks = append(c.Blocks, Block{Kind: ch.Kind, Chain: ch.Names(), Steps: ch.Steps})
	}
	return c
}

// GroupKey is the group of a sync-call finding: the caller's module and
// the callee's fully qualified name.
func GroupKey(fromModule, callee string) string { return fromModule + "->" + callee }

// crossDomain reports whether a blocking call from module from into to
// is a sync-call.
func crossDomain(cfg *rules.Config, from, to *rules.Module) bool {
	return from != nil && to != nil && to != from && !to.Shared && !from.AllowsSyncTo(to.Name) &&
		cfg.Severity(rules.RuleSyncCall) != rules.Off
}

// pick returns the shortest chain of an enabled kind; ties go to the
// first kind in canonical order.
func (r *reporter) pick(chains []Chain) (Chain, bool) { return pick(r.cfg, chains) }

func pick(cfg *rules.Config, chains []Chain) (Chain, bool) {
	var best Chain
	for _, c := range chains {
		if cfg.SyncKindEnabled(c.Kind) && (best.Steps == nil || len(c.Steps) < len(best.Steps)) {
			best = c
		}
	}
	return best, best.Steps != nil
}

func (r *reporter) finding(n *node, st site, to *rules.Module, c Chain) {
	steps := prepend(n.step, c.Steps)
	via := ""
	if st.via == ResolvedWaited {
		via = WaitedSuffix
	}
	msg := messageVia(n.step, c.Steps[0], via, c.Kind, steps, r.eventsHint())
	pos := st.at.Pos()
	if r.ignore == nil {
		r.ignore = ignore.New(r.pass.Fset, r.pass.Files)
	}
	f := Finding{
		Pos:        pos,
		Suppressed: r.ignore.Suppressed(r.pass.Fset, rules.RuleSyncCall, pos),
		Finding: rules.Finding{
			Rule:       rules.RuleSyncCall,
			Severity:   r.cfg.Severity(rules.RuleSyncCall),
			FromModule: r.from.Name,
			ToModule:   to.Name,
			Package:    r.pass.Pkg.Path(),
			Kind:       c.Kind,
			Message:    msg,
			Chain:      Chain{Steps: steps}.Names(),
			Symbol:     n.key + "->" + c.Steps[0].Full,
			Group:      GroupKey(r.from.Name, c.Steps[0].Full),
		},
	}
	r.res.Findings = append(r.res.Findings, f)
	if !f.Suppressed {
		r.pass.Report(analysis.Diagnostic{
			Pos:      pos,
			End:      st.at.End(),
			Category: rules.RuleSyncCall,
			Message:  "[" + rules.RuleSyncCall + "] " + msg,
		})
	}
}

// eventsHint suggests the first events package, if the config has one.
func (r *reporter) eventsHint() string { return eventsHint(r.cfg) }

func eventsHint(cfg *rules.Config) string {
	if len(cfg.Events) == 0 {
		return ""
	}
	return "; publish an event on " + patternText(cfg.Events[0]) + " instead"
}

// messageVia is the text of a finding, e.g.
// "checkout.PlaceOrder calls notifications.SendReceipt synchronously; it
// blocks on net/smtp.SendMail (network: PlaceOrder → SendReceipt → smtp.SendMail)",
// with via (such as " (via interface)") after "synchronously".
func messageVia(caller, callee Step, via string, kind rules.Kind, steps []Step, hint string) string {
	op := steps[len(steps)-1]
	return caller.Qualified() + " calls " + callee.Qualified() + " synchronously" + via + "; it blocks on " +
		op.Full + " (" + string(kind) + ": " + chainText(steps) + ")" + hint
}

// chainText is a chain in short names joined with →, each hop named with
// its package when that differs from the previous hop's (and the blocking
// operation always): "Refund → billing.Refunder.Refund → Bank.Refund →
// time.Sleep", "REST → ghapi.(*RESTClient).Do → http.(*Client).Do".
//
// Two packages of one name (the GitHub CLI's api calling go-gh's
// pkg/api) would read as one hop repeated, "api.NewHTTPClient →
// api.NewHTTPClient": there the hop is named by the shortest end of its
// package path that the previous hop's path does not end in,
// "api.NewHTTPClient → pkg/api.NewHTTPClient".
func chainText(steps []Step) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = s.Name + s.fieldSuffix()
		if i == 0 || s.PkgName == "" {
			continue
		}
		prev, path := steps[i-1], s.pkgPath()
		switch {
		case path != prev.pkgPath() && s.PkgName == prev.PkgName:
			names[i] = distinctSuffix(path, prev.pkgPath()) + "." + names[i]
		case i == len(steps)-1 || path != prev.pkgPath():
			names[i] = s.PkgName + "." + names[i]
		}
	}
	return strings.Join(names, " → ")
}

// distinctSuffix returns the shortest run of path's last elements that
// other does not end in ("pkg/api" for github.com/cli/go-gh/v2/pkg/api
// after github.com/cli/cli/v2/api), or path itself.
func distinctSuffix(path, other string) string {
	elems := strings.Split(path, "/")
	for k := 1; k < len(elems); k++ {
		suffix := strings.Join(elems[len(elems)-k:], "/")
		if other != suffix && !strings.HasSuffix(other, "/"+suffix) {
			return suffix
		}
	}
	return path
}

// isStd reports whether the pass's package is in the standard library (and
// not the module being checked, as when archcheck checks std itself). A
// package of a module never is, whatever its path's shape (a replaced
// dependency "mylib", issue 16 item 4); only a driver that does not say
// which module a package belongs to leaves the path's shape to tell.
func isStd(cfg *rules.Config, pass *analysis.Pass) bool {
	if pass.Module != nil && pass.Module.Path != "" && pass.Module.Path != "std" {
		return false
	}
	path := pass.Pkg.Path()
	return rules.LooksStd(path) && !cfg.InMainModule(path)
}

// sites returns every synchronous call site of the package whose callee can
// block on any kind, intra-package ones included (Result.Sites), sorted by
// position.
func sites(pass *analysis.Pass, cfg *rules.Config, s *solver) []Call {
	modules := map[string]string{}
	moduleOf := func(pkgPath string) string {
		name, ok := modules[pkgPath]
		if !ok {
			if m := cfg.ModuleOf(pkgPath); m != nil {
				name = m.Name
			}
			modules[pkgPath] = name
		}
		return name
	}
	var out []Call
	for _, n := range s.graph.nodes {
		for _, st := range n.sites {
			if st.at == nil || st.async || st.callee.Pkg() == nil {
				continue
			}
			chains := s.chainsOf(st.callee)
			if len(chains) == 0 {
				continue
			}
			c := Call{
				Pos:        st.at.Pos(),
				Caller:     n.step.Full,
				CallerKey:  n.key,
				Callee:     stepOf(st.callee).Full,
				FromPkg:    pass.Pkg.Path(),
				ToPkg:      st.callee.Pkg().Path(),
				FromModule: moduleOf(pass.Pkg.Path()),
				ToModule:   moduleOf(st.callee.Pkg().Path()),
				Via:        st.via,
				Interface:  isInterfaceMethod(st.callee),
				CallerStep: n.step,
				Func:       st.callee,
			}
			for _, ch := range chains {
				c.Blocks = append(c.Blocks, Block{Kind: ch.Kind, Chain: ch.Names(), Steps: ch.Steps})
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Call) int { return cmp.Compare(a.Pos, b.Pos) })
	return out
}
