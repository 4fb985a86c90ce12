package synccall

import (
	"go/token"
	"go/types"

	"github.com/archcheck/archcheck/rules"
)

// Result is the analyzer's result for one package: the structured form of
// its findings, and every cross-module call, for the standalone engine
// (graph call counts, impact, suggest). Both are sorted by position.
type Result struct {
	Findings []Finding
	Calls    []Call
	// Blocking holds the chains of every function and method declared in
	// the package that can block, keyed by fully qualified name (the Full
	// of [StepOf]): what the package's facts say, for the standalone
	// engine's whole-program view of interface calls (check --interfaces).
	// Filled for packages of the main module only.
	Blocking map[string][]Chain
}

// Finding is one sync-call finding. Its File, Line and Column are left for
// the engine to fill in from Pos; its Message has no "[sync-call] " prefix.
type Finding struct {
	Pos        token.Pos
	Suppressed bool // by an //archcheck:ignore comment; not reported to the pass
	rules.Finding
}

// Call is one static call site from a function of one module into a
// function or method of another module, or into an event seam.
type Call struct {
	Pos        token.Pos
	Caller     string // fully qualified; "path.init" for package initialisers
	Callee     string // fully qualified
	FromPkg    string // the caller's package path
	ToPkg      string // the callee's package path
	FromModule string
	ToModule   string // "" for an event seam outside every module (a built-in library)
	// Async is set for the callee of a go statement and for calls in its
	// body: they never block the caller (the graph's `calls` omits them).
	Async bool
	// Interface is set for a call of an interface method.
	Interface bool
	// Blocks lists the kinds the callee can block on, in canonical order,
	// whether or not sync_call_kinds selects them; empty if it cannot block.
	Blocks []Block
	// Publish is set for a call into an event seam: a package of the
	// config's events, or a built-in seam; Seam names it (the events
	// pattern without "./" and "/...", or the library's module path).
	Publish bool
	Seam    string
	// CallerStep names the caller and Func is the callee (its generic
	// origin), for the standalone engine's resolution of interface calls;
	// they live in memory only (a Result is never serialized).
	CallerStep Step
	Func       *types.Func
}

// Block is one kind a callee can block on, with its shortest chain of fully
// qualified names, callee first.
type Block struct {
	Kind  rules.Kind
	Chain []string
}
