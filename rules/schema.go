package rules

import _ "embed"

// Schema is a JSON Schema (draft 2020-12) of archcheck.yaml, for editor
// completion and validation. A test keeps its property names and enums
// equal to what Parse accepts.
//
//go:embed archcheck.schema.json
var Schema []byte
