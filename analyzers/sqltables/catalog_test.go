package sqltables

import (
	"go/types"
	"strings"
	"testing"

	"github.com/archcheck/archcheck/catalog"
)

// TestCatalogMatched: every SQL library of the catalog, and each of its
// query function prefixes, is read by the analyzer; a function of the
// library outside those prefixes and one of another package are not.
func TestCatalogMatched(t *testing.T) {
	for _, lib := range catalog.SQLLibs() {
		path := lib.Path
		if strings.HasSuffix(path, "/") {
			path += "v5"
		}
		pkg := types.NewPackage(path, "lib")
		if !isLibrary(path) {
			t.Errorf("%s: not a library", path)
		}
		for _, name := range lib.Funcs {
			fn := types.NewFunc(0, pkg, name+"Context", types.NewSignatureType(nil, nil, nil, nil, nil, false))
			if !isQueryFunc(fn) {
				t.Errorf("%s.%sContext: not a query function", path, name)
			}
		}
		if fn := types.NewFunc(0, pkg, "Close", types.NewSignatureType(nil, nil, nil, nil, nil, false)); isQueryFunc(fn) {
			t.Errorf("%s.Close: a query function", path)
		}
	}
	other := types.NewPackage("example.com/db", "db")
	if fn := types.NewFunc(0, other, "Query", types.NewSignatureType(nil, nil, nil, nil, nil, false)); isQueryFunc(fn) || isLibrary(other.Path()) {
		t.Error("example.com/db.Query: read as a SQL library")
	}
}

// TestCatalogORMs: every ORM and query builder of the catalog is read by
// the analyzer under its name, at each of its paths (a major version and
// a package below the path where the catalog says so); a path that only
// shares a prefix is not.
func TestCatalogORMs(t *testing.T) {
	for _, lib := range catalog.ORMLibs() {
		for _, path := range lib.Paths {
			if strings.HasSuffix(path, "/") {
				if got := ormOf(path + "v9/exp"); got != lib.Name {
					t.Errorf("ormOf(%q) = %q, want %q", path+"v9/exp", got, lib.Name)
				}
				continue
			}
			if got := ormOf(path); got != lib.Name {
				t.Errorf("ormOf(%q) = %q, want %q", path, got, lib.Name)
			}
			if lib.Versions {
				if got := ormOf(path + "/v6"); got != lib.Name {
					t.Errorf("ormOf(%q) = %q, want %q", path+"/v6", got, lib.Name)
				}
				if got := ormOf(path + "/v6/logging"); got != "" {
					t.Errorf("ormOf(%q) = %q, want none", path+"/v6/logging", got)
				}
			}
			if got := ormOf(path + "x"); got != "" {
				t.Errorf("ormOf(%q) = %q, want none", path+"x", got)
			}
		}
	}
}
