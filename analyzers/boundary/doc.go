// Package boundary defines an Analyzer that checks a package's imports
// against the module boundaries declared in archcheck.yaml.
//
// # Analyzer boundary
//
// boundary: check imports against the module boundaries of archcheck.yaml
//
// The analyzer implements the per-package import rules of archcheck:
//
//   - dependency: a package of module A imports a package of module B, and B
//     is neither in A's depends_on nor shared;
//   - visibility: the imported package of B is not in B's public list;
//   - forbidden-import: the import matches a forbidden_imports pattern of A
//     or of the whole config;
//   - layer: with layers declared, B is in a higher layer than A, or the
//     import passes a closed layer (a closed layer is entered only from the
//     layer directly above it); such an import is reported as layer only,
//     not also as dependency. A module with a layer and no depends_on may
//     import every module of the layers below it;
//   - unassigned: a package of the main module belongs to no module and is
//     not excluded (reported at the package clause of its first file).
//
// Imports in _test.go files count, and an external test package belongs to
// its package's module. Each message starts with its rule ID in brackets, so
// findings read the same under go vet, golangci-lint and archcheck check.
// A finding is suppressed by `//archcheck:ignore RULE reason` on its line or
// the line above.
//
// The module-level cycle rule needs the whole graph and is not part of this
// analyzer: it runs in `archcheck check` only.
package boundary
