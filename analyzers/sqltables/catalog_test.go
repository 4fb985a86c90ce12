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
