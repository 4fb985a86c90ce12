package engine

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
	"github.com/archcheck/archcheck/rules"
)

// interfaceCalls reports the interface calls that only a whole-program view
// resolves (Options.Interfaces, `check --interfaces`): a call through an
// interface method of another module that the analyzer left unreported,
// because no implementation in the interface's own package blocks, is a
// sync-call when an implementation elsewhere in the loaded root packages
// blocks on an enabled kind. Implementations are found by class hierarchy
// analysis: every named type of the roots whose method set (of T or *T)
// implements the interface. Their chains are the analyzer's own
// (synccall.Result.Blocking), so both views agree on what blocks.
//
// Without the option, it only notes where those calls are: an ignore
// comment there may be meant for --interfaces runs, so it is not reported as
// suppressing nothing when this run could not decide.
func (c *collector) interfaceCalls(out *driver.Output, a *analysis.Analyzer) {
	var blocking map[string][]synccall.Chain // every root's, on the first call that needs them
	var h *cha
	for _, p := range out.Packages {
		res, _ := p.Results[a].(*synccall.Result)
		if res == nil {
			continue
		}
		for _, call := range res.Calls {
			if !synccall.Unresolved(c.cfg, call) {
				continue
			}
			pos := p.Pkg.Fset.Position(call.Pos)
			if !c.interfaces {
				c.undecided = append(c.undecided, pos)
				continue
			}
			if h == nil {
				blocking, h = allBlocking(out, a), newCHA(c.cfg, out.Packages)
			}
			var impls [][]synccall.Chain
			for _, m := range h.implementations(call.Func) {
				if chains := blocking[synccall.StepOf(m).Full]; len(chains) > 0 {
					impls = append(impls, chains)
				}
			}
			if f, ok := synccall.ViaInterface(c.cfg, call, impls); ok {
				c.add(f, pos)
			}
		}
	}
}

// allBlocking merges the roots' blocking functions (names are unique).
func allBlocking(out *driver.Output, a *analysis.Analyzer) map[string][]synccall.Chain {
	blocking := map[string][]synccall.Chain{}
	for _, p := range out.Packages {
		if res, _ := p.Results[a].(*synccall.Result); res != nil {
			for name, chains := range res.Blocking {
				blocking[name] = chains
			}
		}
	}
	return blocking
}

// cha resolves interface methods to the methods that implement them among
// the named types declared at package level in the root packages.
type cha struct {
	types []*types.Pointer // *T for each candidate T
	memo  map[*types.Func][]*types.Func
}

// newCHA collects the candidate types: non-generic, non-interface named
// types of the roots, leaving out excluded packages and events packages
// (calls into the broker seam publish, they do not block).
func newCHA(cfg *rules.Config, pkgs []*driver.Package) *cha {
	h := &cha{memo: map[*types.Func][]*types.Func{}}
	for _, p := range pkgs {
		tp := p.Pkg.Types
		if tp == nil || cfg.Excluded(tp.Path()) || cfg.IsEvent(tp.Path()) {
			continue
		}
		_, concrete := synccall.NamedTypes(tp)
		for _, named := range concrete {
			h.types = append(h.types, types.NewPointer(named))
		}
	}
	return h
}

// implementations returns the concrete methods implementing the interface
// method m: for each candidate T with T or *T implementing m's interface,
// the method m names in the method set of *T (which includes T's).
func (h *cha) implementations(m *types.Func) []*types.Func {
	if impls, ok := h.memo[m]; ok {
		return impls
	}
	var impls []*types.Func
	if iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface); ok {
		for _, t := range h.types {
			if !types.Implements(t, iface) {
				continue
			}
			if fn := synccall.MethodOf(t, m); fn != nil {
				impls = append(impls, fn)
			}
		}
	}
	h.memo[m] = impls
	return impls
}

// ViaInterface reports whether a finding's symbol (a baseline key's) is that
// of a sync-call through an interface, which only --interfaces reports.
func ViaInterface(symbol string) bool {
	return strings.HasSuffix(symbol, synccall.ViaInterfaceSuffix)
}
