package rules

// Pos is a 1-based line and column in the config file.
type Pos struct{ Line, Col int }

// Pattern is a package pattern as written in the config. `./x/...` names
// directories under the main module's root; anything else is a full import
// path. `...` is a whole path element matching zero or more elements; `*`
// matches exactly one element.
type Pattern struct {
	Raw string
	Pos Pos
	// elems is the import-path pattern after Bind resolved `./`.
	elems []string

	compiled bool      // made by CompilePattern
	rel      bool      // written as "./..." or "."; needs Bind
	relElems []string  // rel: the elements after "./"
	mode     matchMode // how Match works; matchNone until compiled (and bound)
	lit      int       // literal (non-wildcard) elements of elems
	rank     int       // rankExact, rankStar or rankDots
	str      string    // matchExact: the path; matchPrefix: the literal prefix
}

// Module is one declared module.
type Module struct {
	Name             string
	Pos              Pos
	Packages         []Pattern
	DependsOn        []string
	AllowSync        []string
	Public           []Pattern
	PublicSet        bool // the `public` key is present (`public: []` means none is public)
	Shared           bool
	ForbiddenImports []Pattern
	Tables           []TablePattern // tables it owns (tables.go)
	Reads            []TablePattern // other modules' tables it may read
}

// BlockingSpec is one user entry of `blocking`: `importpath.Func`,
// `(*importpath.Type).Method` or `importpath.Type.Method`, with `*` as a glob
// in the last element.
type BlockingSpec struct {
	Raw     string
	Pos     Pos
	Kind    Kind
	Pkg     string // import path
	Recv    string // type name, empty for a function
	Pointer bool   // written as (*T).M
	Name    string // function or method name; may contain `*` globs
}

// Config is a parsed and validated archcheck.yaml.
type Config struct {
	File             string // the path it was read from, as given
	Version          int
	Modules          []*Module // in declaration order
	Events           []Pattern
	Blocking         []BlockingSpec
	SyncCallKinds    []Kind
	ForbiddenImports []Pattern
	Exclude          []Pattern
	SharedTables     []TablePattern      // tables every module may read and write (tables.go)
	Severities       map[string]Severity // every rule ID, defaults filled in

	// ModulePath is the main module's path, set by Bind ("std" for the
	// standard library, whose packages carry no module prefix).
	ModulePath string

	hash     string    // hex sha256 of the bytes given to Parse
	warnings Errors    // problems found by Parse that are not errors
	cache    *modCache // ModuleOf results; reset by Bind
}
