// Package m exercises every kind of type flow VTA models, for
// TestSameAsVTA: interfaces, closures, method values, function fields and
// maps, channels, select, panics, pointers to interfaces, aliases, named
// function types with methods, and generic bodies (core types, term sets,
// conversions between type parameters).
package m

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

type Sayer interface{ Say() string }

type A struct{ name string }

func (a A) Say() string { return a.name }

type B struct{}

func (*B) Say() string { return "b" }

type Handler func(string) error

func (h Handler) Serve(s string) error { return h(s) }

type Server struct {
	OnReq  func(string) string
	Sayers []Sayer
	ByName map[string]Sayer
	Next   *Sayer
}

type SayerAlias = Sayer
type PtrAlias = *A

func pick(n int) Sayer {
	if n > 0 {
		return A{"a"}
	}
	return &B{}
}

func Run(n int) string {
	s := pick(n)
	srv := &Server{OnReq: strings.ToUpper, ByName: map[string]Sayer{}}
	srv.Sayers = append(srv.Sayers, s)
	srv.ByName["x"] = &B{}
	var sa SayerAlias = A{"alias"}
	var p PtrAlias = &A{"p"}
	srv.Next = &sa
	out := s.Say() + srv.OnReq("x") + (*srv.Next).Say() + p.Say()
	for k, v := range srv.ByName {
		out += k + v.Say()
	}
	for _, v := range srv.Sayers {
		out += v.Say()
	}
	f := s.Say // method value
	g := A.Say // method expression
	out += f() + g(A{"g"})
	h := Handler(func(s string) error { return errors.New(s) })
	if err := h.Serve(out); err != nil {
		out += err.Error()
	}
	ch := make(chan Sayer, 2)
	done := make(chan func() string, 1)
	ch <- &B{}
	done <- func() string { return "done" }
	select {
	case v := <-ch:
		out += v.Say()
	case fn := <-done:
		out += fn()
	}
	v, ok := <-ch
	if ok {
		out += v.Say()
	}
	if x, ok := s.(A); ok {
		out += x.Say()
	}
	defer func() {
		if r := recover(); r != nil {
			out += fmt.Sprint(r)
		}
	}()
	var w io.Writer = &strings.Builder{}
	fmt.Fprint(w, out)
	pp := &srv.Next
	**pp = A{"pp"}
	if n < 0 {
		panic(A{"panic"})
	}
	return out + Map([]Sayer{A{"m"}}, Sayer.Say)[0] + First[Sayer](ch).Say() + Sum([]int{1, 2}) + Conv[[]byte, string]([]byte("c"))
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func First[T any, C ~chan T](c C) T {
	select {
	case v := <-c:
		return v
	default:
		var zero T
		return zero
	}
}

func Sum[S ~[]E, E ~int | ~int64](s S) string {
	var t E
	for i := range s {
		t += s[i]
	}
	p := &s[0]
	_ = p
	return fmt.Sprint(t)
}

func Conv[From ~[]byte | ~string, To ~[]byte | ~string](x From) To { return To(x) }

type Chain[T Sayer] struct{ items []T }

func (c *Chain[T]) Add(t T) *Chain[T] { c.items = append(c.items, t); return c }

func (c *Chain[T]) Say() string {
	s := ""
	for _, it := range c.items {
		s += it.Say()
	}
	return s
}

var Default Sayer = new(Chain[A]).Add(A{"chain"})
