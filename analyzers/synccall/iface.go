package synccall

import (
	"go/types"

	"github.com/archcheck/archcheck/rules"
)

// This file serves the standalone engine's opt-in whole-program view of
// interface calls (check --interfaces). The analyzer itself, as go vet runs
// it, sees one package at a time and never uses it.

// ViaInterfaceSuffix marks a sync-call through an interface resolved by
// the whole-program view: it follows "synchronously" in the message and
// ends the finding's symbol.
const ViaInterfaceSuffix = " (via interface)"

// StepOf names a function or method (its generic origin) the way chains
// and [Result.Blocking] do, so that the engine and the analyzer agree.
func StepOf(fn *types.Func) Step { return stepOf(fn) }

// ViaInterface returns the sync-call finding for call, a call of an
// interface method declared in another module, given the chains of the
// method's implementations found in the whole program (impls, one entry per
// implementing method, each chain starting at that method). The interface
// method blocks as a node of the analyzer's call graph would, with an edge
// to each implementation: per kind the shortest chain, ties lexical; the
// finding takes the shortest of an enabled kind, ties to the first kind, as
// a direct call's does. The chain runs caller → interface method →
// implementation → … → operation, the message is the analyzer's marked
// "(via interface)", and the symbol differs from a direct call's so that a
// baseline tells the two apart. ok is false when no enabled kind blocks.
// The position is left to the caller.
func ViaInterface(cfg *rules.Config, call Call, impls [][]Chain) (f rules.Finding, ok bool) {
	method := stepOf(call.Func)
	var best [numKinds][]Step
	for _, chains := range impls {
		for _, c := range chains {
			if k := kindIndex(c.Kind); k >= 0 && extends(c.Steps, best[k]) {
				best[k] = prepend(method, c.Steps)
			}
		}
	}
	n := node{best: best}
	c, ok := pick(cfg, n.chains())
	if !ok {
		return rules.Finding{}, false
	}
	steps := prepend(call.CallerStep, c.Steps)
	return rules.Finding{
		Rule:       rules.RuleSyncCall,
		Severity:   cfg.Severity(rules.RuleSyncCall),
		FromModule: call.FromModule,
		ToModule:   call.ToModule,
		Package:    call.FromPkg,
		Kind:       c.Kind,
		Message:    messageVia(call.CallerStep, method, ViaInterfaceSuffix, c.Kind, steps, eventsHint(cfg)),
		Chain:      Chain{Steps: steps}.Names(),
		Symbol:     call.CallerKey + "->" + method.Full + ViaInterfaceSuffix,
		Group:      GroupKey(call.FromModule, method.Full),
	}, true
}

// Unresolved reports whether call is one that only a whole-program view of
// interfaces can report: a synchronous call of a (non-generic) interface
// method declared in module B ≠ the caller's module A, where B is not
// shared, not an event seam and not in A's allow_sync, and the analyzer did
// not report it because the method's own package gave it no chain of an
// enabled kind. A call through an interface of A's own module never is: the
// analyzer records no call inside a module (the seam rule).
func Unresolved(cfg *rules.Config, call Call) bool {
	if !call.Interface || call.Async || call.Publish || call.Func == nil ||
		!crossDomain(cfg, cfg.Module(call.FromModule), cfg.Module(call.ToModule)) {
		return false
	}
	if recv, ok := types.Unalias(call.Func.Signature().Recv().Type()).(*types.Named); ok && recv.TypeParams().Len() > 0 {
		return false
	}
	for _, b := range call.Blocks {
		if cfg.SyncKindEnabled(b.Kind) {
			return false // reported (or suppressed) by the analyzer already
		}
	}
	return true
}

// ViaFuncValueSuffix marks a sync-call through a function value resolved by
// the whole-program view, as ViaInterfaceSuffix does for interfaces.
const ViaFuncValueSuffix = " (via function value)"

// CrossDomain reports whether a blocking call from module from into to is
// a sync-call.
func CrossDomain(cfg *rules.Config, from, to *rules.Module) bool { return crossDomain(cfg, from, to) }

// WholeProgramFinding is the finding of the whole-program view (check
// --whole-program) for a chain, caller first, resolved through an
// interface or a function value (via: ResolvedInterface or
// ResolvedFuncValue, the first such hop): the message is marked "(via
// interface)" or "(via function value)" and so is the symbol, so that a
// baseline tells it from a direct call's. callerKey is the caller's part of
// the symbol (Call.CallerKey).
func WholeProgramFinding(cfg *rules.Config, from, to, pkg, callerKey string, steps []Step, kind rules.Kind, via string) rules.Finding {
	suffix := ViaInterfaceSuffix
	if via == ResolvedFuncValue {
		suffix = ViaFuncValueSuffix
	}
	callee := steps[1]
	return rules.Finding{
		Rule:       rules.RuleSyncCall,
		Severity:   cfg.Severity(rules.RuleSyncCall),
		FromModule: from,
		ToModule:   to,
		Package:    pkg,
		Kind:       kind,
		Message:    messageVia(steps[0], callee, suffix, kind, steps, eventsHint(cfg)),
		Chain:      Chain{Steps: steps}.Names(),
		Symbol:     callerKey + "->" + callee.Full + suffix,
		Group:      GroupKey(from, callee.Full),
	}
}
