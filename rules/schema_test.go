package rules

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"testing"
)

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal(Schema, &s); err != nil {
		t.Fatalf("schema is not valid JSON: %v", err)
	}
	return s
}

// at follows a path of object keys.
func at(t *testing.T, v any, path ...string) any {
	t.Helper()
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("schema: %v is not an object at %q", path, k)
		}
		v = m[k]
	}
	return v
}

func keys(t *testing.T, v any, path ...string) []string {
	t.Helper()
	m, ok := at(t, v, path...).(map[string]any)
	if !ok {
		t.Fatalf("schema: %v is not an object", path)
	}
	return slices.Sorted(maps.Keys(m))
}

func strs(t *testing.T, v any, path ...string) []string {
	t.Helper()
	list, ok := at(t, v, path...).([]any)
	if !ok {
		t.Fatalf("schema: %v is not a list", path)
	}
	var out []string
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

func TestSchemaMatchesParser(t *testing.T) {
	s := loadSchema(t)
	if got := at(t, s, "$schema"); got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", got)
	}
	kinds := kindNames()
	checks := []struct {
		what      string
		got, want []string
	}{
		{"top-level properties", keys(t, s, "properties"), sorted(topKeys)},
		{"module properties", keys(t, s, "$defs", "module", "properties"), sorted(moduleKeys)},
		{"rules properties", keys(t, s, "properties", "rules", "properties"), sorted(RuleIDs)},
		{"blocking properties", keys(t, s, "properties", "blocking", "properties"), sorted(kinds)},
		{"kind enum", strs(t, s, "$defs", "kind", "enum"), kinds},
		{"severity enum", strs(t, s, "$defs", "severity", "enum"), []string{Off.String(), Warn.String(), Error.String()}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: schema has %v, parser accepts %v", c.what, c.got, c.want)
		}
	}
	var def []string
	for _, k := range DefaultSyncCallKinds {
		def = append(def, string(k))
	}
	if got := strs(t, s, "properties", "sync_call_kinds", "default"); !slices.Equal(got, def) {
		t.Errorf("sync_call_kinds default %v, want %v", got, def)
	}
	for _, id := range RuleIDs {
		if got := at(t, s, "properties", "rules", "properties", id, "default"); got != DefaultSeverity[id].String() {
			t.Errorf("default severity of %s: schema %v, want %v", id, got, DefaultSeverity[id])
		}
	}
	if got := at(t, s, "properties", "version", "const"); got != float64(SupportedVersion) {
		t.Errorf("version const %v", got)
	}
}

// TestSchemaClosed checks that every object schema says what it accepts
// beyond its properties (false, or a schema for map values).
func TestSchemaClosed(t *testing.T) {
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "object" {
				if _, ok := v["additionalProperties"]; !ok {
					t.Errorf("%s: object schema without additionalProperties", path)
				}
				if _, hasProps := v["properties"]; hasProps && v["additionalProperties"] != false {
					t.Errorf("%s: object with properties must have additionalProperties: false", path)
				}
			}
			for k, x := range v {
				walk(path+"/"+k, x)
			}
		case []any:
			for _, x := range v {
				walk(path+"/[]", x)
			}
		}
	}
	walk("#", loadSchema(t))
}

// TestSchemaPatterns checks the schema's string patterns against the
// parser on typical inputs (they are RE2-compatible, so Go can run them).
func TestSchemaPatterns(t *testing.T) {
	s := loadSchema(t)
	pat := regexp.MustCompile(at(t, s, "$defs", "pattern", "pattern").(string))
	for _, p := range []string{".", "./...", "./internal/x/...", "net/http", "gopkg.in/yaml.v3", "*/x", "...", "a/*/b", "",
		"a//b", "a*b", "x...", "/x", "x/", "a b", "a/./b", "./../x", "./"} {
		_, err := CompilePattern(p)
		if got, want := pat.MatchString(p), err == nil; got != want {
			t.Errorf("pattern %q: schema accepts %v, parser %v", p, got, want)
		}
	}
	spec := regexp.MustCompile(at(t, s, "$defs", "blockingSpec", "pattern").(string))
	for _, b := range []string{"time.Sleep", "net.Conn.Read", "os/exec.(*Cmd).Run", "(*github.com/a/b.C).D", "example.com/x/db.*",
		"github.com/a/b.(C).Get*", "", "a", "x/*.F", "(a.T.M", "a.F-G"} {
		_, err := ParseBlockingSpec(b)
		if got, want := spec.MatchString(b), err == nil; got != want {
			t.Errorf("blocking %q: schema accepts %v, parser %v", b, got, want)
		}
	}
	name := regexp.MustCompile(at(t, s, "$defs", "moduleName", "pattern").(string))
	for _, n := range []string{"checkout", "a_b-C9", "", "a b", "é"} {
		if got, want := name.MatchString(n), validModuleName(n); got != want {
			t.Errorf("module name %q: schema accepts %v, parser %v", n, got, want)
		}
	}
}
