package schema // want package:`schema.LoadURL = schema.init.func1 \(calls schema.Loaders\); schema.Loaders = schema.loadFile; schema.Stored = schema.Later`

// Package schema is a dependency (outside the main module) that loads
// documents through package-level function variables, as
// github.com/ory/jsonschema does: LoadURL's initialiser calls through the
// Loaders map, which other packages fill.

import (
	"os"
	"strings"
)

var LoadURL = func(s string) error {
	loader, ok := Loaders[scheme(s)]
	if !ok {
		return nil
	}
	return loader(s)
}

var Loaders = map[string]func(string) error{
	"": loadFile,
}

// Stored is a variable no call reads.
var Stored func()

func Later() {}

func init() { Stored = Later }

func loadFile(s string) error {
	_, err := os.ReadFile(s)
	return err
}

func scheme(s string) string {
	i := strings.Index(s, ":")
	if i < 0 {
		return ""
	}
	return s[:i]
}
