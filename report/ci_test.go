package report

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/archcheck/archcheck/rules"
)

// ciFindings are findings as the engine returns them for a monolith like
// testdata/shop, sorted, plus what the import rules alone never produce: a
// sync-call with its chain, a finding without a file, and messages with the
// characters workflow commands must escape.
func ciFindings() []rules.Finding {
	const co = "example.com/shop/internal/checkout"
	return []rules.Finding{
		{Rule: rules.RuleDependency, Severity: rules.Error, FromModule: "checkout", ToModule: "analytics", Package: co,
			File: "internal/checkout/checkout.go", Line: 5, Column: 2, Import: "example.com/shop/internal/analytics",
			Symbol:  "example.com/shop/internal/analytics",
			Message: "checkout imports analytics (example.com/shop/internal/analytics), but analytics is not in checkout's depends_on"},
		{Rule: rules.RuleCycle, Severity: rules.Error, FromModule: "checkout", ToModule: "catalog", Modules: []string{"checkout", "catalog"},
			Package: co, File: "internal/checkout/checkout.go", Line: 8, Column: 2, Import: "example.com/shop/internal/catalog",
			Symbol: "checkout,catalog", Message: "modules checkout, catalog form an import cycle: checkout → catalog → checkout"},
		{Rule: rules.RuleSyncCall, Severity: rules.Warn, FromModule: "checkout", ToModule: "notifications", Package: co,
			File: "internal/checkout/order.go", Line: 42, Column: 9, Kind: rules.KindNetwork,
			Symbol:  co + ".PlaceOrder->(*example.com/shop/internal/notifications/mailer.Mailer).Send",
			Chain:   []string{co + ".PlaceOrder", "(*example.com/shop/internal/notifications/mailer.Mailer).Send", "net/smtp.SendMail"},
			Message: "checkout.PlaceOrder calls into notifications, which blocks on network: PlaceOrder → (*Mailer).Send → smtp.SendMail; publish an event instead"},
		{Rule: rules.RuleSyncCall, Severity: rules.Warn, FromModule: "checkout", ToModule: "notifications", Package: co,
			File: "internal/checkout/order.go", Line: 57, Column: 3, Kind: rules.KindNetwork,
			Symbol:  co + ".PlaceOrder->(*example.com/shop/internal/notifications/mailer.Mailer).Send",
			Chain:   []string{co + ".PlaceOrder", "(*example.com/shop/internal/notifications/mailer.Mailer).Send", "net/smtp.SendMail"},
			Message: "a second call site of the same pair: 100% blocking,\r\nacross two lines"},
		{Rule: rules.RuleUnassigned, Severity: rules.Warn, Package: "example.com/shop/internal/misc",
			Symbol: "example.com/shop/internal/misc", Message: "package example.com/shop/internal/misc belongs to no module; add it to a module's packages or to exclude"},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestWriteSARIFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "v1.2.3", ciFindings()); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.sarif", buf.Bytes())
	validateSARIF(t, buf.Bytes())

	var empty bytes.Buffer
	if err := WriteSARIF(&empty, "v1.2.3", nil); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, empty.Bytes())
	if !strings.Contains(empty.String(), `"results": []`) {
		t.Errorf("a clean run must still carry results: [] (code scanning then closes old alerts):\n%s", empty.String())
	}
}

// TestSARIFShape checks what code scanning relies on, beyond the schema.
func TestSARIFShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "v1.2.3", ciFindings()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID, Name, HelpURI string
						ShortDescription  struct{ Text string }
						FullDescription   struct{ Text string }
						Default           struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string            `json:"ruleId"`
				RuleIndex int               `json:"ruleIndex"`
				Level     string            `json:"level"`
				Partial   map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.RuleIDs) {
		t.Errorf("%d rules, want one per rule ID (%d)", len(run.Tool.Driver.Rules), len(rules.RuleIDs))
	}
	for i, r := range run.Tool.Driver.Rules {
		if r.ID != rules.RuleIDs[i] || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" ||
			r.HelpURI != "https://github.com/archcheck/archcheck#rule-"+r.ID || r.Default.Level == "" {
			t.Errorf("rule %d incomplete: %+v", i, r)
		}
	}
	seen := map[string]bool{}
	for _, r := range run.Results {
		if run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s has ruleIndex %d", r.RuleID, r.RuleIndex)
		}
		fp := r.Partial["archcheck/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %s: fingerprint %q missing or repeated", r.RuleID, fp)
		}
		seen[fp] = true
	}
}

// Fingerprints survive line moves and tell identical findings apart.
func TestFingerprints(t *testing.T) {
	fs := ciFindings()
	before := Fingerprints(fs)
	moved := ciFindings()
	for i := range moved {
		moved[i].Line += 10
		moved[i].Column++
	}
	after := Fingerprints(moved)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("finding %d: fingerprint changed when its lines moved", i)
		}
	}
	if before[2] == before[3] {
		t.Errorf("two call sites of the same pair share a fingerprint")
	}
}

func TestWriteGitHubGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, ciFindings()); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.github", buf.Bytes())
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "::error ") && !strings.HasPrefix(line, "::warning ") {
			t.Errorf("not a workflow command: %q", line)
		}
	}
}

func TestEscapeProperty(t *testing.T) {
	if got, want := escapeProperty("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae"; got != want {
		t.Errorf("escapeProperty = %q, want %q", got, want)
	}
	if got, want := escapeData("50%: a,b\r\n"), "50%25: a,b%0D%0A"; got != want {
		t.Errorf("escapeData = %q, want %q", got, want)
	}
}

func TestRuleName(t *testing.T) {
	if got := ruleName("forbidden-import"); got != "ForbiddenImport" {
		t.Errorf("ruleName = %q", got)
	}
}

// validateSARIF validates a SARIF log against the OASIS SARIF 2.1.0 schema
// shipped in testdata/sarif (no network).
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	sch := sarifSchema(t)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("SARIF output does not validate against the SARIF 2.1.0 schema: %v", err)
	}
}

func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// The schema test must be able to fail: a log that breaks the schema.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	for _, bad := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,                                                                      // driver without name
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "warn"}]}]}`, // level
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 0}}}]}]}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

func TestWriteGitLabGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitLab(&buf, ciFindings()); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.gitlab.json", buf.Bytes())
	var issues []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil || len(issues) != len(ciFindings()) {
		t.Fatalf("GitLab report: %d issues, %v", len(issues), err)
	}
	var empty bytes.Buffer
	if err := WriteGitLab(&empty, nil); err != nil || empty.String() != "[]\n" {
		t.Errorf("no findings: %q, %v; want an empty array", empty.String(), err)
	}
}

// TestSARIFURI is issue 16 item 12: SARIF's artifactLocation.uri is a URI
// reference, so file names are percent-encoded there (and only there:
// GitLab's location.path is a plain path).
func TestSARIFURI(t *testing.T) {
	for _, tc := range []struct{ file, uri, base string }{
		{"internal/checkout/order.go", "internal/checkout/order.go", sarifSrcRoot},
		{"a/x#frag%20?q.go", "a/x%23frag%2520%3Fq.go", sarifSrcRoot},
		{"a b/ü.go", "a%20b/%C3%BC.go", sarifSrcRoot},
		{"c:x.go", "c%3Ax.go", sarifSrcRoot},
		{"/tmp/outside dir/x.go", "file:///tmp/outside%20dir/x.go", ""},
	} {
		loc := sarifArtifact(tc.file)
		base := ""
		if loc.URIBaseId != nil {
			base = *loc.URIBaseId
		}
		if *loc.URI != tc.uri || base != tc.base {
			t.Errorf("sarifArtifact(%q) = %q (base %q), want %q (base %q)", tc.file, *loc.URI, base, tc.uri, tc.base)
		}
		if u, err := url.Parse(*loc.URI); err != nil || u.Fragment != "" || u.RawQuery != "" {
			t.Errorf("%q does not parse back as one path: %v, %+v", *loc.URI, err, u)
		} else if tc.base != "" && u.Path != tc.file {
			t.Errorf("%q decodes to %q, want %q", *loc.URI, u.Path, tc.file)
		}
	}
	f := rules.Finding{Rule: rules.RuleDependency, Severity: rules.Error, File: "a/x#frag%20?q.go", Line: 1, Message: "m"}
	var gl bytes.Buffer
	if err := WriteGitLab(&gl, []rules.Finding{f}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(gl.Bytes(), []byte(`"path": "a/x#frag%20?q.go"`)) {
		t.Errorf("GitLab's path is not the plain path:\n%s", gl.Bytes())
	}
}
