package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestGoldenCI pins the CI outputs on the shop fixture: SARIF, GitHub
// annotations, the baseline file, and check --baseline against it.
func TestGoldenCI(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "shop")
	base, err := filepath.Abs(filepath.Join("testdata", "golden", "shop.baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	runGolden(t, []goldenCase{
		{"shop.check.sarif", []string{"-C", shop, "check", "--format", "sarif"}, 1},
		{"shop.check.github", []string{"-C", shop, "check", "--format", "github"}, 1},
		{"shop.check.gitlab.json", []string{"-C", shop, "check", "--format", "gitlab"}, 1},
		{"shop.baseline.json", []string{"-C", shop, "baseline", "-o", "-"}, 0},
		{"shop.check-baselined.json", []string{"-C", shop, "check", "--format", "json", "--baseline", base}, 0},
	})
}

// TestShopSARIFValidates validates check --format sarif on the shop fixture
// against the OASIS SARIF 2.1.0 schema that report's tests ship (offline).
func TestShopSARIFValidates(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", filepath.Join("..", "..", "testdata", "shop"), "check", "--format", "sarif"}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
	f, err := os.Open(filepath.Join("..", "..", "report", "testdata", "sarif", "sarif-schema-2.1.0.json"))
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
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("shop SARIF does not validate: %v", err)
	}
}
