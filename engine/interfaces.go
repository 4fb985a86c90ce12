package engine

import (
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/engine/driver"
)

// interfaceCalls notes, in a run without --whole-program, where the calls
// that only the whole-program view decides are (synccall.Unresolved: a
// call through another module's interface that the analyzer left
// unreported): an ignore comment there may be meant for --whole-program
// runs, so it is not reported as suppressing nothing when this run could
// not decide. The whole-program view itself is wholeProgram.
func (c *collector) interfaceCalls(out *driver.Output, a *analysis.Analyzer) {
	for _, p := range out.Packages {
		res, _ := p.Results[a].(*synccall.Result)
		if res == nil {
			continue
		}
		for _, call := range res.Calls {
			if synccall.Unresolved(c.cfg, call) {
				c.undecided = append(c.undecided, p.Pkg.Fset.Position(call.Pos))
			}
		}
	}
}

// ViaInterface reports whether a finding's symbol (a baseline key's) is that
// of a sync-call through an interface or a function value, which only
// --whole-program reports.
func ViaInterface(symbol string) bool {
	return strings.HasSuffix(symbol, synccall.ViaInterfaceSuffix) || strings.HasSuffix(symbol, synccall.ViaFuncValueSuffix)
}
