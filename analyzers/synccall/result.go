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
	// Sites holds every synchronous call site of the package whose callee
	// can block on any kind (whether or not sync_call_kinds selects it),
	// intra-package and intra-module calls included: the typed call graph
	// behind the facts, for impact and the graph. Calls inside a function
	// literal are the literal's own (its Caller is the literal's name, as
	// the compiler's: "pkg.Outer.func1") unless the literal surely runs in
	// its enclosing function (called in place, deferred, called through a
	// local holding only it, passed to a callee that calls that parameter
	// synchronously, or run by a goroutine the function waits for), when
	// they are the enclosing function's. Calls inside an unwaited goroutine
	// are never Sites. Via says how each was resolved. Filled for packages
	// of the main module only (assigned to a module or not); sorted by
	// position.
	Sites []Call
	// Ran holds the function literals of the package (full names, as a
	// Caller's: "pkg.Outer.func1") whose calls count for their enclosing
	// function by the rules above (Sites), for the whole-program view,
	// whose SSA functions include every literal. Filled for packages of
	// the main module only.
	Ran map[string]bool
	// VarCalls holds the calls of the package through a dependency's
	// package-level function variable (jsonschema.LoadURL(…)) that can
	// block, resolved by the FuncVars facts of the packages it imports:
	// Via is ResolvedFuncValue, Callee the variable, each Block's chain
	// starts at the function stored there. For the whole-program view
	// only (the default mode never follows a function value). Filled for
	// packages of the main module only.
	VarCalls []Call
}

// How a call site was resolved (Call.Via).
const (
	ResolvedDirect    = ""                 // a static call
	ResolvedWaited    = "waited goroutine" // in a goroutine the caller waits for
	ResolvedInterface = "interface"        // whole-program: through an interface method
	ResolvedFuncValue = "function value"   // whole-program: through a function-typed value
)

// Finding is one sync-call finding. Its File, Line and Column are left for
// the engine to fill in from Pos; its Message has no "[sync-call] " prefix.
type Finding struct {
	Pos        token.Pos
	Suppressed bool // by an //archcheck:ignore comment; not reported to the pass
	rules.Finding
}

// Call is one static call site from a function of one module into a
// function or method of another module, or into an event seam (Result.Calls),
// or one blocking call site of the main module (Result.Sites).
type Call struct {
	Pos    token.Pos
	Caller string // fully qualified; "path.init" for package initialisers, "path.Outer.func1" for a literal
	// CallerKey is the caller's part of a baseline symbol: Caller, or for a
	// function literal its enclosing named function's plus the field it is
	// stored in or "lit" (never the literal's ordinal).
	CallerKey  string
	Callee     string // fully qualified
	FromPkg    string // the caller's package path
	ToPkg      string // the callee's package path
	FromModule string
	ToModule   string // "" for an event seam or a callee outside every module (a built-in library, a dependency)
	// Async is set for the callee of a go statement and for calls in its
	// body: they never block the caller (the graph's `calls` omits them).
	Async bool
	// Via says how the call was resolved: ResolvedDirect, ResolvedWaited,
	// ResolvedInterface or ResolvedFuncValue.
	Via string
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
	Steps []Step // the same chain's steps, in memory only
	// Vias says, for a chain of Result.VarCalls, how each step is
	// reached from the one before (the caller for the first): "" for a
	// static call, ResolvedFuncValue through a function variable. In
	// memory only; nil for the other calls (every step static).
	Vias []string
}
