package synccall

import (
	"go/types"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Blocks is the fact exported for each function or method that can block:
// for each kind it can block on, one shortest chain of calls down to a
// blocking operation. Chains are in the canonical order of [rules.Kinds].
type Blocks struct {
	Chains []Chain
}

// AFact marks Blocks as an analysis fact.
func (*Blocks) AFact() {}

// String lists each kind with its chain in package-qualified short names,
// e.g. "network: mailer.Send → smtp.SendMail".
func (f *Blocks) String() string {
	parts := make([]string, len(f.Chains))
	for i, c := range f.Chains {
		parts[i] = string(c.Kind) + ": " + c.qualified()
	}
	return strings.Join(parts, "; ")
}

// Chain is a shortest chain of static calls, first the function it belongs
// to, last a blocking operation of Kind.
type Chain struct {
	Kind  rules.Kind
	Steps []Step
}

// Op returns the blocking operation the chain ends in.
func (c Chain) Op() Step { return c.Steps[len(c.Steps)-1] }

// Names returns the fully qualified names of the chain's steps.
func (c Chain) Names() []string {
	names := make([]string, len(c.Steps))
	for i, s := range c.Steps {
		names[i] = s.Full
	}
	return names
}

func (c Chain) qualified() string {
	names := make([]string, len(c.Steps))
	for i, s := range c.Steps {
		names[i] = s.Qualified()
	}
	return strings.Join(names, " → ")
}

// Step is one function or method of a chain.
type Step struct {
	// Full is the fully qualified name: "example.com/shop/internal/checkout.PlaceOrder",
	// "(*example.com/shop/mailer.Mailer).Send", "net.Conn.Read".
	Full string
	// Name is the name within its package: "PlaceOrder", "(*Mailer).Send", "Conn.Read".
	Name string
	// PkgName is the name of the declaring package.
	PkgName string
	// Field is, for a function literal, the field it is stored in (a
	// composite literal's key, an assigned field): "RunE"; shown after its
	// name in messages, never part of Full.
	Field string `json:",omitempty"`
}

// Qualified returns the name qualified by the package name: "checkout.PlaceOrder",
// "(*mailer.Mailer).Send".
func (s Step) Qualified() string {
	if rest, ok := strings.CutPrefix(s.Name, "(*"); ok {
		return "(*" + s.PkgName + "." + rest + s.fieldSuffix()
	}
	return s.PkgName + "." + s.Name + s.fieldSuffix()
}

// pkgPath is the import path of the step's package ("" for methods of
// universe types).
func (s Step) pkgPath() string {
	if rest, ok := strings.CutPrefix(s.Name, "(*"); ok {
		return s.Full[2 : len(s.Full)-len(rest)-1]
	}
	if len(s.Full) <= len(s.Name) {
		return ""
	}
	return s.Full[:len(s.Full)-len(s.Name)-1]
}

// fieldSuffix is " (Field)" for a literal stored in a field, or "".
func (s Step) fieldSuffix() string {
	if s.Field == "" {
		return ""
	}
	return " (" + s.Field + ")"
}

// stepOf names a function or method (its generic origin for instantiations).
func stepOf(fn *types.Func) Step {
	fn = fn.Origin()
	pkg := fn.Pkg()
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		name = recvName(recv.Type()) + "." + name
	}
	if pkg == nil { // methods of universe types such as error.Error
		return Step{Full: name, Name: name}
	}
	return newStep(pkg, name)
}

// newStep builds the step for name (possibly "(*T).M") declared in pkg.
func newStep(pkg *types.Package, name string) Step {
	full := pkg.Path() + "." + name
	if rest, ok := strings.CutPrefix(name, "(*"); ok {
		full = "(*" + pkg.Path() + "." + rest
	}
	return Step{Full: full, Name: name, PkgName: pkg.Name()}
}

// recvName spells a receiver type the way Go does in method expressions:
// "T" or "(*T)", type arguments and parameters omitted.
func recvName(t types.Type) string {
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	name := "?"
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		name = t.Obj().Name()
	case *types.TypeParam:
		name = t.Obj().Name()
	}
	if ptr {
		return "(*" + name + ")"
	}
	return name
}

// less orders chains: shorter first, then lexically by fully qualified names.
func less(a, b []Step) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	for i := range a {
		if a[i].Full != b[i].Full {
			return a[i].Full < b[i].Full
		}
	}
	return false
}

// extends reports whether prepending one step to tail gives a chain that
// is better than cur (nil cur means none yet), without building it.
func extends(tail, cur []Step) bool {
	if cur == nil {
		return true
	}
	if len(tail)+1 != len(cur) {
		return len(tail)+1 < len(cur)
	}
	return less(tail, cur[1:])
}

// prepend returns head followed by tail, in a new slice.
func prepend(head Step, tail []Step) []Step {
	out := make([]Step, 0, len(tail)+1)
	return append(append(out, head), tail...)
}
