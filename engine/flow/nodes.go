package flow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A node of the type propagation graph (as x/tools' VTA's).
type node interface {
	Type() types.Type
}

type (
	constant           struct{ typ types.Type }
	pointer            struct{ typ *types.Pointer }
	mapKey             struct{ typ types.Type }
	mapValue           struct{ typ types.Type }
	sliceElem          struct{ typ types.Type }
	channelElem        struct{ typ types.Type }
	nestedPtrInterface struct{ typ types.Type }
	nestedPtrFunction  struct{ typ types.Type }
	global             struct{ val *ssa.Global }
	local              struct{ val ssa.Value }
	function           struct{ f *ssa.Function }
	panicArg           struct{}
	recoverReturn      struct{}
	field              struct {
		StructType types.Type
		index      int
	}
	indexedLocal struct {
		val   ssa.Value
		index int
		typ   types.Type
	}
	resultVar struct {
		f     *ssa.Function
		index int
	}
)

func (n constant) Type() types.Type           { return n.typ }
func (n pointer) Type() types.Type            { return n.typ }
func (n mapKey) Type() types.Type             { return n.typ }
func (n mapValue) Type() types.Type           { return n.typ }
func (n sliceElem) Type() types.Type          { return n.typ }
func (n channelElem) Type() types.Type        { return n.typ }
func (n nestedPtrInterface) Type() types.Type { return n.typ }
func (n nestedPtrFunction) Type() types.Type  { return n.typ }
func (n global) Type() types.Type             { return n.val.Type() }
func (n local) Type() types.Type              { return n.val.Type() }
func (n function) Type() types.Type           { return n.f.Type() }
func (panicArg) Type() types.Type             { return nil }
func (recoverReturn) Type() types.Type        { return nil }
func (n indexedLocal) Type() types.Type       { return n.typ }

func (n field) Type() types.Type {
	return coreType(n.StructType).(*types.Struct).Field(n.index).Type()
}

func (n resultVar) Type() types.Type {
	return n.f.Signature.Results().At(n.index).Type()
}
