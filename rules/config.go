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

	// Layer is the module's layer ("" for none); LayerPos where it is set.
	Layer    string
	LayerPos Pos
	// Template is the name of the template this module was expanded from
	// ("" for a module declared by name); Dir is then the expanded
	// directory, relative to the main module's root ("internal/billing").
	Template string
	Dir      string
	// DependsOnSet says the depends_on key is written (for a module with a
	// layer, no depends_on means every module of the layers below it).
	DependsOnSet bool
	// DependsOnRefs and AllowSyncRefs are the entries as written, with their
	// positions and the modules each stands for (a template's name stands
	// for all its modules); DependsOn and AllowSync are the resolved names.
	DependsOnRefs []Ref
	AllowSyncRefs []Ref

	layerIdx int             // index in Config.Layers, -1 for none (set by Bind)
	set      map[string]bool // the keys written in its entry
	extra    bool            // an entry with no packages: adds keys to an expanded module
}

// Ref is one entry of a module's depends_on or allow_sync.
type Ref struct {
	Name    string
	Pos     Pos
	Modules []string // the modules it stands for, once expanded (Bind)
}

// Layer is one entry of the top-level layers list (top first).
type Layer struct {
	Name   string
	Pos    Pos
	Closed bool
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
	Layers           []Layer             // top first (layers.go)
	Closed           []Ref               // the closed: entries as written (layers.go)
	Templates        []*Template         // module templates, in declaration order (templates.go)
	Severities       map[string]Severity // every rule ID, defaults filled in

	// ModulePath is the main module's path, set by Bind ("std" for the
	// standard library, whose packages carry no module prefix).
	ModulePath string

	decl        []*declEntry // the modules mapping in order: modules, templates, key-adding entries
	root        string       // the main module's root directory (SetRoot)
	dir         string       // the config file's directory (Load)
	expandErrs  Errors       // template expansion and reference problems (Bind)
	expandWarns Errors

	hash     string    // hex sha256 of the bytes given to Parse
	warnings Errors    // problems found by Parse that are not errors
	cache    *modCache // ModuleOf results; reset by Bind
}
