package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/archcheck/archcheck/rules"
)

// SARIF constants. Rule help points into the README's rule reference
// (rules.RuleInfo.HelpURL).
const (
	toolURI       = "https://github.com/archcheck/archcheck"
	sarifSrcRoot  = "%SRCROOT%"
	fingerprintID = "archcheck/v1"
)

// WriteSARIF writes findings as a SARIF 2.1.0 log that GitHub code scanning
// accepts: one rules[] entry per rule ID and one result per finding, located
// relative to %SRCROOT% (the main module's root, or the repository root with
// a path prefix), with a partial fingerprint that survives line moves.
func WriteSARIF(w io.Writer, version string, fs []rules.Finding) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("sarif: %w", err)
	}
	run := sarif.NewRunWithInformationURI("archcheck", toolURI)
	run.Tool.Driver.WithVersion(version)
	index := map[string]int{}
	for i, r := range rules.Registry {
		index[r.ID] = i
		run.AddRule(r.ID).
			WithName(ruleName(r.ID)).
			WithDescription(r.Summary).
			WithFullDescription(sarif.NewMultiformatMessageString(r.Detail)).
			WithHelpURI(r.HelpURL()).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(r.Default)))
	}
	fps := Fingerprints(fs)
	for i, f := range fs {
		r := sarif.NewRuleResult(f.Rule).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(f.Message)).
			WithLocations([]*sarif.Location{sarifLocation(f)}).
			WithPartialFingerPrints(map[string]any{fingerprintID: fps[i]})
		if idx, ok := index[f.Rule]; ok {
			r.WithRuleIndex(idx)
		}
		r.PropertyBag = sarifProperties(f)
		run.Results = append(run.Results, r)
	}
	log.AddRun(run)
	return EncodeJSON(w, log)
}

func sarifLocation(f rules.Finding) *sarif.Location {
	loc := sarif.NewLocation().WithLogicalLocations([]*sarif.LogicalLocation{
		sarif.NewLogicalLocation().WithFullyQualifiedName(f.Package).WithKind("namespace"),
	})
	if f.File == "" {
		return loc
	}
	region := sarif.NewRegion().WithStartLine(max(f.Line, 1))
	if f.Column > 0 {
		region.WithStartColumn(f.Column)
	}
	return loc.WithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarifArtifact(f.File)).
		WithRegion(region))
}

// sarifArtifact locates file, slash-separated, as a SARIF artifactLocation:
// a URI reference, so every path element is percent-encoded ("a/x#1.go" is
// not file "a/x" with a fragment); relative paths are relative to
// %SRCROOT%, absolute ones (a file outside the module root) are file: URIs.
// GitLab's location.path is a plain path and is not encoded.
func sarifArtifact(file string) *sarif.ArtifactLocation {
	if path.IsAbs(file) || filepath.IsAbs(file) {
		p := filepath.ToSlash(file)
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/...
		}
		return sarif.NewSimpleArtifactLocation((&url.URL{Scheme: "file", Path: p}).String())
	}
	elems := strings.Split(file, "/")
	for i, e := range elems {
		// PathEscape leaves ':' alone, which would make "c:x.go" a scheme.
		elems[i] = strings.ReplaceAll(url.PathEscape(e), ":", "%3A")
	}
	return sarif.NewSimpleArtifactLocation(strings.Join(elems, "/")).WithUriBaseId(sarifSrcRoot)
}

// sarifProperties carries the JSON finding's structured fields, so SARIF
// consumers need not parse messages.
func sarifProperties(f rules.Finding) sarif.PropertyBag {
	pb := sarif.NewPropertyBag()
	j := ToJSON(f)
	for k, v := range map[string]string{
		"from_module": j.FromModule, "to_module": j.ToModule, "package": j.Package, "kind": j.Kind, "import": j.Import,
	} {
		if v != "" {
			pb.Add(k, v)
		}
	}
	if len(j.Modules) > 0 {
		pb.Add("modules", j.Modules)
	}
	if len(j.Chain) > 0 {
		pb.Add("chain", j.Chain)
	}
	return *pb
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warn:
		return "warning"
	}
	return "none"
}

// ruleName turns a rule ID into the identifier-like name SARIF wants:
// "sync-call" → "SyncCall".
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// Fingerprints identify each finding of fs independently of its line: a
// hash of its baseline key (rule, modules, package, symbol — as
// baseline.KeyOf) and its occurrence among the findings with the same key.
// fs must be sorted (as the engine returns findings), so that occurrence
// indexes are stable.
func Fingerprints(fs []rules.Finding) []string {
	out := make([]string, len(fs))
	seen := map[string]int{}
	for i, f := range fs {
		key := identity(f)
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, seen[key])))
		seen[key]++
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}

func identity(f rules.Finding) string {
	sym := f.Symbol
	if sym == "" {
		sym = f.Message
	}
	return strings.Join([]string{f.Rule, f.FromModule, f.ToModule, f.Package, sym}, "\x00")
}
