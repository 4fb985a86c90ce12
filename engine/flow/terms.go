package flow

import "go/types"

// coreType is the core type of t (go/types' spec before Go 1.25): its
// underlying type, or for a type parameter the one underlying type (or
// channel type) of every type in its constraint's type set; nil for none.
func coreType(t types.Type) types.Type {
	u := t.Underlying()
	iface, ok := u.(*types.Interface)
	if !ok {
		return u
	}
	terms := ifaceTerms(iface)
	if len(terms) == 0 {
		return nil
	}
	u = terms[0].Type().Underlying()
	same := 1
	for ; same < len(terms); same++ {
		if !types.Identical(u, terms[same].Type().Underlying()) {
			break
		}
	}
	if same == len(terms) {
		return u
	}
	ch, ok := u.(*types.Chan)
	if !ok {
		return nil
	}
	for _, t := range terms[same:] {
		c, ok := t.Type().Underlying().(*types.Chan)
		if !ok || !types.Identical(ch.Elem(), c.Elem()) {
			return nil
		}
		if ch.Dir() == types.SendRecv {
			ch = c
		} else if c.Dir() != types.SendRecv && c.Dir() != ch.Dir() {
			return nil
		}
	}
	return ch
}

// ifaceTerms returns the terms of an interface's type set: none when it is
// not restricted (methods only). An interface that intersects two
// restrictions, or a union holding an interface, is not handled: a panic
// of errUnsupported.
func ifaceTerms(iface *types.Interface) []*types.Term {
	var terms []*types.Term
	restricted := false
	for i := range iface.NumEmbeddeds() {
		var ts []*types.Term
		switch e := types.Unalias(iface.EmbeddedType(i)).(type) {
		case *types.Union:
			for j := range e.Len() {
				if types.IsInterface(e.Term(j).Type()) {
					panic(errUnsupported{e})
				}
				ts = append(ts, e.Term(j))
			}
		default:
			if ei, ok := e.Underlying().(*types.Interface); ok {
				if ts = ifaceTerms(ei); len(ts) == 0 {
					continue
				}
			} else {
				ts = []*types.Term{types.NewTerm(false, e)}
			}
		}
		if restricted {
			panic(errUnsupported{iface})
		}
		restricted, terms = true, ts
	}
	return terms
}

// termSet is the terms of a type (MultiConvert's operands): a type
// parameter's constraint's, a union's, an interface's, or the type itself.
func termSet(t types.Type) []*types.Term {
	switch t := types.Unalias(t).(type) {
	case *types.TypeParam:
		if iface, ok := t.Constraint().Underlying().(*types.Interface); ok {
			return ifaceTerms(iface)
		}
		panic(errUnsupported{t})
	case *types.Union:
		terms := make([]*types.Term, t.Len())
		for i := range t.Len() {
			terms[i] = t.Term(i)
		}
		return terms
	case *types.Interface:
		return ifaceTerms(t)
	}
	return []*types.Term{types.NewTerm(false, t)}
}

// sliceArrayElem is the element type of a (pointer to) array, slice or
// string, as ssa.Index and ssa.IndexAddr read it.
func sliceArrayElem(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		switch e := u.Elem().Underlying().(type) {
		case *types.Array:
			return e.Elem()
		case *types.Interface:
			return sliceArrayElem(e) // a type parameter's, whose element types match
		}
	case *types.Array:
		return u.Elem()
	case *types.Slice:
		return u.Elem()
	case *types.Basic:
		return types.Typ[types.Byte]
	case *types.Interface: // a type parameter's
		if terms := ifaceTerms(u); len(terms) > 0 {
			return sliceArrayElem(terms[0].Type())
		}
	}
	panic(errUnsupported{t})
}
