package synccall_test

import (
	"path/filepath" //archcheck:ignore forbidden-import the test locates its fixture; the analyzer stays hermetic
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/rules"
)

// TestInterfaceView checks what the standalone engine's --interfaces view
// reads from the results: the callee object and caller step of each call,
// the chains of every blocking function by fully qualified name, which
// calls are left unresolved, and the findings ViaInterface builds.
func TestInterfaceView(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "main")
	cfg := loadConfig(t, dir)
	results := analysistest.Run(t, dir, synccall.New(cfg),
		shop+"/internal/checkout", shop+"/internal/notifications")
	byPkg := map[string]*synccall.Result{}
	for _, r := range results {
		if res, ok := r.Action.Result.(*synccall.Result); ok {
			byPkg[r.Action.Package.PkgPath] = res
		}
	}
	notif := shop + "/internal/notifications"
	calls := map[string]synccall.Call{}
	for _, c := range byPkg[shop+"/internal/checkout"].Calls {
		if c.Func == nil || c.CallerStep.Full != c.Caller || synccall.StepOf(c.Func).Full != c.Callee {
			t.Errorf("call without its callee object or caller step: %+v", c)
		}
		calls[c.Callee] = c
	}
	formatter, notifier := calls[notif+".Formatter.Format"], calls[notif+".Notifier.Notify"]
	if !synccall.Unresolved(cfg, formatter) {
		t.Error("Formatter.Format (no fact) should be left for the whole-program view")
	}
	if synccall.Unresolved(cfg, notifier) {
		t.Error("Notifier.Notify is reported by the analyzer: not unresolved")
	}
	blocking := byPkg[notif].Blocking
	flush, retry := blocking["(*"+notif+".Queue).Flush"], blocking[notif+".Retry"]
	if len(flush) != 1 || flush[0].Kind != rules.KindSleep || len(retry) != 1 || retry[0].Kind != rules.KindNetwork {
		t.Fatalf("Blocking: Flush %v, Retry %v (all %d)", flush, retry, len(blocking))
	}
	if _, ok := blocking[notif+".plain.Format"]; ok {
		t.Error("Blocking lists a function that does not block")
	}
	t.Run("shortest", func(t *testing.T) {
		f, ok := synccall.ViaInterface(cfg, formatter, [][]synccall.Chain{retry, flush})
		if !ok {
			t.Fatal("no finding")
		}
		wantMsg := "checkout.Interfaces calls notifications.Formatter.Format synchronously (via interface); " +
			"it blocks on time.Sleep (sleep: Interfaces → notifications.Formatter.Format → (*Queue).Flush → time.Sleep); " +
			"publish an event on internal/bus instead"
		wantChain := []string{shop + "/internal/checkout.Interfaces", notif + ".Formatter.Format", "(*" + notif + ".Queue).Flush", "time.Sleep"}
		if f.Message != wantMsg || !slices.Equal(f.Chain, wantChain) || f.Kind != rules.KindSleep ||
			f.ToModule != "notifications" || f.Symbol != shop+"/internal/checkout.Interfaces->"+notif+".Formatter.Format (via interface)" {
			t.Errorf("finding:\ngot  %#v\nwant message %q, chain %q", f, wantMsg, wantChain)
		}
	})
	t.Run("lexical", func(t *testing.T) {
		a := chain(rules.KindNetwork, "b.B.M", "net.Dial")
		b := chain(rules.KindNetwork, "a.A.M", "net.Dial")
		f, _ := synccall.ViaInterface(cfg, formatter, [][]synccall.Chain{{a}, {b}})
		if f.Chain[2] != "a.A.M" {
			t.Errorf("tie not broken lexically: %q", f.Chain)
		}
	})
	t.Run("disabled kind", func(t *testing.T) {
		db := chain(rules.KindDatabase, "a.A.M", "database/sql.DB.Query")
		if f, ok := synccall.ViaInterface(cfg, formatter, [][]synccall.Chain{{db}}); ok {
			t.Errorf("database is not enabled, got %q", f.Message)
		}
	})
}

func chain(kind rules.Kind, names ...string) synccall.Chain {
	c := synccall.Chain{Kind: kind}
	for _, n := range names {
		c.Steps = append(c.Steps, synccall.Step{Full: n, Name: n})
	}
	return c
}
