package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// WriteGitHub writes one GitHub Actions workflow command per finding, which
// the runner turns into an annotation on the file and line:
//
//	::error file=internal/checkout/checkout.go,line=5,col=2,title=archcheck [dependency]::checkout imports …
//
// Error findings become ::error, warnings ::warning. A finding without a
// file is annotated on the run, not on a line.
func WriteGitHub(w io.Writer, fs []rules.Finding) error {
	for _, f := range fs {
		cmd := "warning"
		if f.Severity == rules.Error {
			cmd = "error"
		}
		var props []string
		if f.File != "" {
			props = append(props, "file="+escapeProperty(f.File))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
			}
			if f.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
		}
		props = append(props, "title="+escapeProperty("archcheck ["+f.Rule+"]"))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message as the runner expects
// (actions/toolkit's escapeData).
var dataEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")

// propertyEscaper also escapes the property separators (escapeProperty).
var propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
