package report

import (
	"io"

	"github.com/archcheck/archcheck/rules"
)

// gitlabIssue is one entry of a GitLab Code Quality report (the subset of
// the Code Climate issue format that GitLab reads).
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// WriteGitLab writes findings as a GitLab Code Quality report (a JSON array;
// `artifacts: reports: codequality:` in .gitlab-ci.yml). Errors are
// "major", warnings "minor"; fingerprints are the SARIF ones, so they
// survive line moves. A finding without a file is placed on go.mod.
func WriteGitLab(w io.Writer, fs []rules.Finding) error {
	fps := Fingerprints(fs)
	out := make([]gitlabIssue, len(fs))
	for i, f := range fs {
		sev := "minor"
		if f.Severity == rules.Error {
			sev = "major"
		}
		loc := gitlabLocation{Path: f.File, Lines: gitlabLines{Begin: max(f.Line, 1)}}
		if f.File == "" {
			loc.Path = "go.mod"
		}
		out[i] = gitlabIssue{Description: "[" + f.Rule + "] " + f.Message, CheckName: f.Rule,
			Fingerprint: fps[i], Severity: sev, Location: loc}
	}
	return EncodeJSON(w, out)
}
