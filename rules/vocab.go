package rules

import "fmt"

// Rule IDs, as they appear in every output.
const (
	RuleDependency      = "dependency"
	RuleVisibility      = "visibility"
	RuleCycle           = "cycle"
	RuleSyncCall        = "sync-call"
	RuleForbiddenImport = "forbidden-import"
	RuleUnassigned      = "unassigned"
	RuleIgnore          = "ignore"
)

// RuleIDs lists every rule in documentation order.
var RuleIDs = []string{
	RuleDependency, RuleVisibility, RuleCycle, RuleSyncCall,
	RuleForbiddenImport, RuleUnassigned, RuleDataOwnership, RuleUnownedTable, RuleIgnore,
}

// ImportRules are the rules that need only the import graph (no types).
var ImportRules = []string{RuleDependency, RuleVisibility, RuleCycle, RuleForbiddenImport, RuleUnassigned}

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

// DefaultSeverity is each rule's severity when the config does not set it.
var DefaultSeverity = map[string]Severity{
	RuleDependency:      Error,
	RuleVisibility:      Error,
	RuleCycle:           Error,
	RuleSyncCall:        Warn,
	RuleForbiddenImport: Error,
	RuleUnassigned:      Warn,
	RuleDataOwnership:   Off, // error once a module declares tables (tables.go)
	RuleUnownedTable:    Warn,
	RuleIgnore:          Warn,
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

// RuleDocs is a one-line description of each rule.
var RuleDocs = map[string]string{
	RuleDependency:      "a package of module A imports a package of module B, B not in A's depends_on and not shared",
	RuleVisibility:      "an import reaches a package of module B that is not in B's public list",
	RuleCycle:           "the module-level import graph has a cycle (one finding per strongly connected component)",
	RuleSyncCall:        "a function of module A calls into module B on a path that can block on I/O (network, process, sleep; database if enabled)",
	RuleForbiddenImport: "an import matches a forbidden_imports pattern",
	RuleUnassigned:      "a package of the main module belongs to no module and is not excluded",
	RuleDataOwnership:   "a module writes a table another module owns, or reads one not in its reads (once modules declare tables)",
	RuleUnownedTable:    "a table owned by no module is used by several modules (once modules declare tables)",
	RuleIgnore:          "an //archcheck:ignore comment is malformed or suppresses nothing",
}
