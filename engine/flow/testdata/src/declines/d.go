// Package d converts between type parameters whose constraint intersects
// two unions: a term set engine/flow does not compute (it declines, and
// the caller runs x/tools' VTA).
package d

type Num interface {
	~int | ~int64
	~int | ~string
}

func Conv[X Num, Y ~int | ~int64](x X) Y { return Y(x) }

var N = Conv[int, int64](1)
