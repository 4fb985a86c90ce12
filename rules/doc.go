// Package rules holds archcheck's configuration: parsing and validating
// archcheck.yaml, matching package patterns, assigning packages to modules,
// and the vocabulary (rule IDs, severities, blocking kinds, findings) that
// every other package shares.
//
// It is the bottom layer: it imports only the standard library and YAML.
//
// # Parsing
//
// Parse decodes the file into yaml.v3 nodes and walks them itself, so every
// value keeps its line and column. It is strict: unknown and duplicate keys,
// wrong types, unknown module names, malformed patterns and blocking
// entries, unknown rule IDs, kinds and severities, and an unsupported
// version are all reported at once as an *Errors, one
// "FILE:LINE:COL: message" line each, sorted by position. Where the set of
// valid values is small the message lists it, and a close spelling is
// suggested ("did you mean").
//
// A null value (`depends_on:` with nothing after it) is an empty list,
// except where omitting a key and an empty list mean different things:
// `public` and `sync_call_kinds`, where null is an error. YAML aliases are
// followed; merge keys (`<<`) are rejected.
//
// # Patterns
//
// `./x/...` names directories under the main module's root; anything else
// is a full import path. Config.Bind resolves `./` against the main
// module's path ("std" for the standard library, whose packages carry no
// prefix); until then those patterns match nothing. `...` matches zero or
// more whole elements, `*` exactly one.
//
// # Assignment
//
// A package belongs to the module with the most specific matching pattern
// (see Config.ModuleOf); excluded packages belong to none. Config.CheckPackages
// reports ties between modules, which are config errors, and patterns that
// match no package, which are warnings.
package rules
