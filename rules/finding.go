package rules

// Finding is one rule violation. Field names follow the JSON shape of the
// SPEC; report owns the JSON encoding.
type Finding struct {
	Rule       string
	Severity   Severity
	FromModule string
	ToModule   string   // empty when it does not apply (unassigned)
	Modules    []string // cycle: the members of the strongly connected component
	Package    string   // import path of the package where the finding is located
	File       string   // relative to the main module root, slash-separated
	Line       int
	Column     int
	Kind       Kind   // sync-call: the blocking kind
	Import     string // import rules: the imported path
	Table      string // data-ownership, unowned-table: the table
	Access     string // data-ownership: "reads" or "writes"
	Message    string
	Chain      []string // sync-call: fully qualified chain, caller first
	// ChainVia is, for a sync-call of check --whole-program, how each
	// element of Chain is reached from the one before: "" for a static
	// call, "interface" or "function value" where the call was resolved
	// (the first element's is ""). Nil in the default mode.
	ChainVia []string
	// Group is, for sync-call, the finding's group: one caller module and
	// one callee function ("checkout->example.com/shop/notifications.Send"),
	// a stable key that check --group, the summary and the report group by.
	Group string
	// Symbol identifies the finding for baselines independently of lines:
	// the imported path for import rules, caller->callee for sync-call, the
	// cycle for cycle, the package for unassigned.
	Symbol string
}
