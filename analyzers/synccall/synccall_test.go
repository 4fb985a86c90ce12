package synccall_test

import (
	"cmp"
	"os"            //archcheck:ignore forbidden-import the test reads fixture configs; the analyzer stays hermetic
	"path/filepath" //archcheck:ignore forbidden-import the test reads fixture configs; the analyzer stays hermetic
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/archcheck/archcheck/analyzers/synccall"
	"github.com/archcheck/archcheck/rules"
)

// loadConfig parses a fixture's archcheck.yaml with the real loader and
// binds it to the fixture module.
func loadConfig(t *testing.T, dir string) *rules.Config {
	t.Helper()
	name := filepath.Join(dir, "archcheck.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := rules.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bind("example.com/shop")
	return cfg
}

func TestValidate(t *testing.T) {
	a := synccall.New(loadConfig(t, filepath.Join("testdata", "main")))
	if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
		t.Fatal(err)
	}
	if a.Doc == "" || a.Doc[0] < 'a' || a.Doc[0] > 'z' {
		t.Errorf("Doc must start with a lowercase summary: %q", a.Doc)
	}
}

func TestMain(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "main")
	a := synccall.New(loadConfig(t, dir))
	results := analysistest.Run(t, dir, a,
		"example.com/shop/internal/checkout",
		"example.com/shop/internal/notifications/...",
		"example.com/shop/internal/ops",
		"example.com/shop/internal/billing",
		"example.com/shop/internal/gateway",
		"example.com/shop/internal/catalog",
	)
	byPkg := map[string]*synccall.Result{}
	for _, r := range results {
		if res, ok := r.Action.Result.(*synccall.Result); ok {
			byPkg[r.Action.Package.PkgPath] = res
		}
	}
	t.Run("findings", func(t *testing.T) { checkFindings(t, byPkg[shop+"/internal/checkout"]) })
	t.Run("calls", func(t *testing.T) { checkCalls(t, byPkg[shop+"/internal/checkout"]) })
	t.Run("publish", func(t *testing.T) { checkPublish(t, byPkg[shop+"/internal/notifications/publish"]) })
	t.Run("sites", func(t *testing.T) { checkSites(t, byPkg) })
}

// checkSites checks Result.Sites, the typed call graph behind the facts:
// intra-package blocking calls are there with both ends' packages and
// modules; calls into blocking operations are there; non-blocking calls and
// calls in goroutines are not.
func checkSites(t *testing.T, byPkg map[string]*synccall.Result) {
	mailer := shop + "/internal/notifications/mailer"
	var got []string
	for _, c := range byPkg[mailer].Sites {
		got = append(got, c.Caller+" -> "+c.Callee+" "+c.FromModule+"/"+c.ToModule+" "+string(c.Blocks[0].Kind)+" "+strings.Join(c.Blocks[0].Chain, " → "))
	}
	want := []string{
		"(*" + mailer + ".Mailer).Send -> (*" + mailer + ".Mailer).deliver notifications/notifications network (*" + mailer + ".Mailer).deliver → net/smtp.SendMail",
		"(*" + mailer + ".Mailer).deliver -> net/smtp.SendMail notifications/ network net/smtp.SendMail",
	}
	if !slices.Equal(got, want) {
		t.Errorf("mailer sites:\ngot  %q\nwant %q", got, want)
	}
	for _, c := range byPkg[shop+"/internal/checkout"].Sites {
		if c.Async || len(c.Blocks) == 0 || c.FromPkg != shop+"/internal/checkout" || c.FromModule != "checkout" {
			t.Errorf("checkout site: %+v", c)
		}
		if c.Callee == shop+"/internal/notifications.Format" {
			t.Errorf("a call that does not block is a site: %+v", c)
		}
	}
	if !slices.ContainsFunc(byPkg[shop+"/internal/checkout"].Sites, func(c synccall.Call) bool {
		return c.Caller == shop+"/internal/checkout.Negatives" && c.Callee == shop+"/internal/inventory/store.Load" &&
			c.ToModule == "inventory" && c.Blocks[0].Kind == rules.KindDatabase
	}) {
		t.Error("the database call Negatives -> store.Load is not a site (every kind counts)")
	}
}

const shop = "example.com/shop"

// checkFindings checks the structured findings: the full chain, the
// symbol, and the suppressed ones kept with Suppressed set.
func checkFindings(t *testing.T, res *synccall.Result) {
	var got *synccall.Finding
	suppressed := 0
	for i, f := range res.Findings {
		if f.Symbol == shop+"/internal/checkout.PlaceOrder->"+shop+"/internal/notifications.SendReceipt" {
			got = &res.Findings[i]
		}
		if f.Suppressed {
			suppressed++
		}
	}
	if suppressed != 2 {
		t.Errorf("got %d suppressed findings, want 2", suppressed)
	}
	if got == nil {
		t.Fatal("no finding for PlaceOrder")
	}
	want := rules.Finding{
		Rule: rules.RuleSyncCall, Severity: rules.Warn,
		FromModule: "checkout", ToModule: "notifications",
		Package: shop + "/internal/checkout", Kind: rules.KindNetwork,
		Message: "checkout.PlaceOrder calls notifications.SendReceipt synchronously; it blocks on net/smtp.SendMail " +
			"(network: PlaceOrder → notifications.SendReceipt → mailer.(*Mailer).Send → (*Mailer).deliver → smtp.SendMail); " +
			"publish an event on internal/bus instead",
		Chain: []string{
			shop + "/internal/checkout.PlaceOrder",
			shop + "/internal/notifications.SendReceipt",
			"(*" + shop + "/internal/notifications/mailer.Mailer).Send",
			"(*" + shop + "/internal/notifications/mailer.Mailer).deliver",
			"net/smtp.SendMail",
		},
		Symbol: shop + "/internal/checkout.PlaceOrder->" + shop + "/internal/notifications.SendReceipt",
		Group:  "checkout->" + shop + "/internal/notifications.SendReceipt",
	}
	if !reflect.DeepEqual(want, got.Finding) {
		t.Errorf("PlaceOrder finding:\ngot  %#v\nwant %#v", got.Finding, want)
	}
	if !slices.IsSortedFunc(res.Findings, func(a, b synccall.Finding) int { return cmp.Compare(a.Pos, b.Pos) }) {
		t.Error("findings are not sorted by position")
	}
}

// checkCalls checks the call list: cross-module calls only, async calls
// marked, event packages as publishes, interface calls marked.
func checkCalls(t *testing.T, res *synccall.Result) {
	count := map[string]int{}
	for _, c := range res.Calls {
		if c.FromModule != "checkout" || c.ToModule == "checkout" {
			t.Errorf("call inside a module or from another: %+v", c)
		}
		key := c.ToModule
		switch {
		case c.Async:
			key += " async"
		case c.Publish:
			key += " publish " + c.Seam
		case c.Interface:
			key += " interface"
		case len(c.Blocks) > 0:
			key += " " + string(c.Blocks[0].Kind)
		}
		count[key]++
	}
	want := map[string]int{
		"bus publish internal/bus": 1,
		"platform sleep":           1,
		"catalog sleep":            1,
		"notifications async":      4,
		"notifications interface":  2,
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("calls %q: got %d, want %d (all: %v)", k, count[k], n, count)
		}
	}
	if count["checkout"] != 0 || count[""] != 0 {
		t.Errorf("unexpected calls: %v", count)
	}
}

// checkPublish checks that each built-in seam is a publish call.
func checkPublish(t *testing.T, res *synccall.Result) {
	var seams []string
	for _, c := range res.Calls {
		if c.Publish {
			seams = append(seams, c.Seam)
			if len(c.Blocks) > 0 || c.ToModule != "" {
				t.Errorf("publish call with blocks or a module: %+v", c)
			}
		}
	}
	want := []string{
		"github.com/segmentio/kafka-go",
		"github.com/IBM/sarama", "github.com/IBM/sarama",
		"github.com/confluentinc/confluent-kafka-go",
		"github.com/twmb/franz-go/pkg/kgo",
		"github.com/aws/aws-sdk-go-v2/service/eventbridge",
		"github.com/nats-io/nats.go",
		"github.com/rabbitmq/amqp091-go",
		"cloud.google.com/go/pubsub",
		"github.com/ThreeDotsLabs/watermill",
	}
	if !slices.Equal(want, seams) {
		t.Errorf("seams:\ngot  %q\nwant %q", seams, want)
	}
}

// TestStrict enables the database kind, lets the config's blocking list
// override a built-in seam, and has no events package (no hint).
func TestStrict(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "strict")
	a := synccall.New(loadConfig(t, dir))
	analysistest.Run(t, dir, a, "example.com/shop/a", "example.com/shop/b")
}

// TestClosures covers what runs where (SPEC "Calls, closures and
// goroutines"): literals stored, returned, sent, deferred, called in place
// or through a local, passed to callbacks that run them or store them,
// method values, errgroup and WaitGroup with and without Wait, a factory
// field; the facts say what a caller in another module sees.
func TestClosures(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "closures")
	cfg := loadConfig(t, dir)
	cfg.Bind("example.com/m")
	a := synccall.New(cfg)
	results := analysistest.Run(t, dir, a, "example.com/m/svc", "example.com/m/app", "example.com/m/top")
	symbols := map[string]bool{}
	for _, r := range results {
		if res, ok := r.Action.Result.(*synccall.Result); ok {
			for _, f := range res.Findings {
				symbols[f.Symbol] = true
			}
		}
	}
	// Baseline keys name a literal by its enclosing function and field, or
	// "lit", never by its ordinal.
	const app, svc = "example.com/m/app.", "example.com/m/svc."
	for _, want := range []string{
		app + "NewCmd.RunE->" + svc + "Fetch",
		app + "InMap.lit->" + svc + "Fetch",
		app + "Returned.lit->" + svc + "Fetch",
		app + "Deferred->" + svc + "Fetch",
	} {
		if !symbols[want] {
			t.Errorf("no finding with symbol %q; have %v", want, symbols)
		}
	}
}

// TestClients covers where a chain stops: at the API of a known client
// (resty, retryablehttp, AWS SDK v1, NATS requests, kafka readers), and at
// a database library's API whatever it does inside (pop's retry loop that
// sleeps, gorm's stored callbacks), with kind database.
func TestClients(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "clients")
	cfg := loadConfig(t, dir)
	cfg.Bind("example.com/c")
	analysistest.Run(t, dir, synccall.New(cfg), "example.com/c/b", "example.com/c/a")
}

// TestFuncVars covers calls through a dependency's package-level function
// variables: each package's FuncVars fact says what it stores where (its
// own variables' initialisers, another package's map), and a package of the
// main module resolves its calls through them (Result.VarCalls, for the
// whole-program view; the default mode reports nothing).
func TestFuncVars(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "funcvars")
	cfg := loadConfig(t, dir)
	cfg.Bind("example.com/m")
	results := analysistest.Run(t, dir, synccall.New(cfg), "example.com/lib/schema", "example.com/lib/schema/httploader", "example.com/m/a", "example.com/m/b")
	var got []string
	for _, r := range results {
		res, ok := r.Action.Result.(*synccall.Result)
		if !ok || r.Action.Package.PkgPath != "example.com/m/a" {
			continue
		}
		for _, c := range res.VarCalls {
			for _, b := range c.Blocks {
				got = append(got, c.Caller+" → "+c.Callee+": "+string(b.Kind)+": "+strings.Join(b.Chain, " → "))
			}
		}
	}
	want := []string{
		"example.com/m/a.Fetch → example.com/lib/schema.LoadURL: network: example.com/lib/schema.init.func1 → example.com/lib/schema/httploader.Load → net/http.Get",
		"example.com/m/a.Direct → example.com/lib/schema.Loaders: network: example.com/lib/schema/httploader.Load → net/http.Get",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("VarCalls:\n got %q\nwant %q", got, want)
	}
}
