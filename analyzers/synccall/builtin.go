package synccall

import (
	"github.com/archcheck/archcheck/catalog"
	"github.com/archcheck/archcheck/rules"
)

// A nameSpec matches functions and methods by name. Pkg and Name may use
// `*` as a glob within one path element (path.Match); Recv is the receiver
// type name without `*` ("" for package-level functions), matched whether
// the receiver is a pointer or not, and for interface methods the
// interface's name.
type nameSpec struct {
	Pkg, Recv, Name string
}

// opSpec is a built-in blocking operation.
type opSpec struct {
	nameSpec
	Kind rules.Kind
}

// seamSpec is a built-in event seam: calls into it publish asynchronously.
type seamSpec struct {
	nameSpec
	Seam string // the library, as shown in publish edges
}

// builtinOps returns the built-in blocking operations (SPEC "Built-in
// blocking operations"), from the catalog. It returns a fresh slice: there
// is no package state.
func builtinOps() []opSpec {
	var out []opSpec
	for _, op := range catalog.Ops() {
		out = append(out, opSpec{nameSpec(op.Func), op.Kind})
	}
	return out
}

// databaseLib returns the database library pkgPath belongs to, or "": a
// call into one from outside it that can block is a database operation
// whatever the library does inside, and its chain stops there.
func databaseLib(pkgPath string) string { return catalog.DatabaseLib(pkgPath) }

// builtinSeams returns the built-in event seams (SPEC "Built-in event
// seams"), from the catalog. They are checked before the blocking
// operations, so that EventBridge's PutEvents is a seam although every
// other AWS client operation blocks.
func builtinSeams() []seamSpec {
	var out []seamSpec
	for _, s := range catalog.Seams() {
		out = append(out, seamSpec{nameSpec(s.Func), s.Lib})
	}
	return out
}

// cbSpec is a built-in callback runner: a function or method that calls
// every function-typed parameter it has synchronously, before it returns.
type cbSpec struct{ nameSpec }

func (s cbSpec) spec() nameSpec { return s.nameSpec }

// builtinCallbacks returns the built-in callback runners (SPEC
// "Callbacks"), from the catalog. Everything else that takes a function
// stores it (http.HandleFunc, time.AfterFunc, context.AfterFunc, a
// router's GET) unless a CallsParams fact says so.
func builtinCallbacks() []cbSpec {
	var out []cbSpec
	for _, f := range catalog.Callbacks() {
		out = append(out, cbSpec{nameSpec(f)})
	}
	return out
}
