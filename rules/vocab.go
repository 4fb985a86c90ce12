package rules

import "fmt"

// Rule IDs, as they appear in every output.
const (
	RuleDependency       = "dependency"
	RuleVisibility       = "visibility"
	RuleCycle            = "cycle"
	RuleSyncCall         = "sync-call"
	RuleForbiddenImport  = "forbidden-import"
	RuleUnassigned       = "unassigned"
	RuleIgnore           = "ignore"
	RuleLayer            = "layer"             // layers.go
	RuleUnusedDependency = "unused-dependency" // unused.go
)

// RuleInfo is what archcheck says about one rule. Registry declares every
// rule once; the rule lists and severities below, `archcheck rules`, the
// SARIF rule metadata, docs/rules.md and the README's rule table are all
// derived from it (tests fail when a generated file is stale).
type RuleInfo struct {
	ID      string
	Default Severity // when the config does not set it
	// Summary is one line, lowercase, no period: `archcheck rules`, the
	// rule tables, SARIF's shortDescription.
	Summary string
	// Detail says what the rule checks in a sentence or two more than
	// Summary: SARIF's fullDescription (GitHub shows it on the alert) and
	// docs/rules.md.
	Detail string
	// Analyzer names the go/analysis analyzer that implements the rule
	// under go vet and golangci-lint; "" for a rule of `check` only.
	Analyzer string
	// Import marks the rules that need only the import graph (no types).
	Import bool
}

// HelpURL is where the rule is documented: its row in the README's rule
// table.
func (r RuleInfo) HelpURL() string { return "https://github.com/archcheck/archcheck#rule-" + r.ID }

// Registry lists every rule, in documentation order.
var Registry = []RuleInfo{
	{ID: RuleDependency, Default: Error, Analyzer: "boundary", Import: true,
		Summary: "a package of module A imports a package of module B, B not in A's depends_on and not shared",
		Detail: "A package of module A imports a package of module B, and B is neither in A's depends_on list " +
			"nor a shared module. Imports of _test.go files count too."},
	{ID: RuleVisibility, Default: Error, Analyzer: "boundary", Import: true,
		Summary: "an import reaches a package of module B that is not in B's public list",
		Detail: "An import reaches a package of another module that is not in that module's public list " +
			"(public: [] makes no package public; an omitted list makes all of them public). It applies to shared modules too."},
	{ID: RuleCycle, Default: Error, Import: true,
		Summary: "the module-level import graph has a cycle (one finding per strongly connected component)",
		Detail: "The module-level import graph has a cycle. One finding per strongly connected component, naming its members " +
			"and one shortest cycle through them, located at the import that makes the cycle's first edge."},
	{ID: RuleSyncCall, Default: Warn, Analyzer: "synccall",
		Summary: "a function of module A calls into module B on a path that can block on I/O (network, process, sleep; database if enabled)",
		Detail: "A function of module A calls a function of module B that can reach a blocking operation (network, process, " +
			"sleep, and database when enabled) through static calls, B not shared, not an events seam and not in A's allow_sync. " +
			"Such calls make one slow domain block another; publishing an event decouples them."},
	{ID: RuleForbiddenImport, Default: Error, Analyzer: "boundary", Import: true,
		Summary: "an import matches a forbidden_imports pattern",
		Detail:  "An import matches a forbidden_imports pattern, either the module's own or the config's global list."},
	{ID: RuleUnassigned, Default: Warn, Analyzer: "boundary", Import: true,
		Summary: "a package of the main module belongs to no module and is not excluded",
		Detail:  "A package of the main module belongs to no module and is not excluded, so no boundary applies to it."},
	{ID: RuleDataOwnership, Default: Off, Analyzer: "dataownership", // error once a module declares tables (tables.go)
		Summary: "a module writes a table another module owns, or reads one not in its reads (once modules declare tables)",
		Detail: "A module writes (INSERT, UPDATE, DELETE, MERGE, TRUNCATE) a table another module owns, or reads one that is " +
			"neither its own, nor in its reads list, nor a shared table. The access belongs to the module where the SQL text " +
			"or the ORM call appears. DDL and _test.go files are not checked. It is an error by default once any module declares tables, and off otherwise."},
	{ID: RuleUnownedTable, Default: Warn,
		Summary: "a table owned by no module is used by several modules (once modules declare tables)",
		Detail:  "A table that no module's tables list owns, and that is not a shared table, is used by several modules."},
	{ID: RuleLayer, Default: Error, Analyzer: "boundary", Import: true, // fires only when layers are declared
		Summary: "an import into a module of a higher layer, or past a closed layer (once layers are declared)",
		Detail: "An import from a module into a module of a higher layer, past a closed layer, or into a closed layer from further above than the layer directly above it. " +
			"An import that breaks the layering is reported once, as layer, not also as dependency."},
	{ID: RuleUnusedDependency, Default: Warn,
		Summary: "a depends_on, allow_sync, public or reads entry that nothing in the code uses (check only)",
		Detail:  "An entry of a module's depends_on, allow_sync, public or reads list that nothing in the code uses, so it can be removed (archcheck sync does it)."},
	{ID: RuleIgnore, Default: Warn,
		Summary: "an //archcheck:ignore comment is malformed, suppresses nothing, or has expired",
		Detail: "An //archcheck:ignore comment is malformed (it needs rule IDs and a reason), suppresses nothing " +
			"(so it can be deleted), or has passed its until= date."},
}

// Rule returns the registry entry of id.
func Rule(id string) (RuleInfo, bool) {
	for _, r := range Registry {
		if r.ID == id {
			return r, true
		}
	}
	return RuleInfo{}, false
}

// Views of Registry for the code that needs one column.
var (
	// RuleIDs lists every rule in documentation order.
	RuleIDs = registryIDs(func(RuleInfo) bool { return true })
	// ImportRules are the rules that need only the import graph (no types).
	ImportRules = registryIDs(func(r RuleInfo) bool { return r.Import })
	// DefaultSeverity is each rule's severity when the config does not set it.
	DefaultSeverity = registryMap(func(r RuleInfo) Severity { return r.Default })
	// RuleDocs is a one-line description of each rule.
	RuleDocs = registryMap(func(r RuleInfo) string { return r.Summary })
)

func registryIDs(keep func(RuleInfo) bool) []string {
	var ids []string
	for _, r := range Registry {
		if keep(r) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func registryMap[V any](col func(RuleInfo) V) map[string]V {
	m := make(map[string]V, len(Registry))
	for _, r := range Registry {
		m[r.ID] = col(r)
	}
	return m
}

// Severity of a rule.
type Severity int

// Severities, in increasing order.
const (
	Off Severity = iota
	Warn
	Error
)

func (s Severity) String() string {
	switch s {
	case Off:
		return "off"
	case Warn:
		return "warn"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses "off", "warn" or "error".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "off":
		return Off, true
	case "warn":
		return Warn, true
	case "error":
		return Error, true
	}
	return Off, false
}

// Kind is a kind of blocking operation.
type Kind string

// Blocking kinds.
const (
	KindNetwork  Kind = "network"
	KindDatabase Kind = "database"
	KindProcess  Kind = "process"
	KindSleep    Kind = "sleep"
)

// Kinds lists every kind in canonical order.
var Kinds = []Kind{KindNetwork, KindDatabase, KindProcess, KindSleep}

// DefaultSyncCallKinds are the kinds sync-call reports when the config does
// not say: all but database.
var DefaultSyncCallKinds = []Kind{KindNetwork, KindProcess, KindSleep}
