package load

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReadSource counts non-blank lines and import specs (two files
// importing b make two specs), resolves vendored imports through
// ImportMap, and ignores imports of packages that are not listed.
func TestReadSource(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a1.go", "package a\n\nimport (\n\t\"m/b\"\n\t\"fmt\"\n)\n\n   \nvar _ = b.X\nvar _ = fmt.Sprint")
	write("a2.go", "package a\n\nimport v \"vendored/c\"\n\nimport \"m/b\"\n\nvar _ = v.Y\n")
	write("bad.go", "package a\n\nimport \"m/b\"\n\nfunc {\n")
	pkgs := []*Package{
		{ImportPath: "m/a", Dir: dir, GoFiles: []string{"a1.go", "a2.go", "bad.go"},
			Imports: []string{"fmt", "m/b", "m/vendor/vendored/c"}, ImportMap: map[string]string{"vendored/c": "m/vendor/vendored/c"}},
		{ImportPath: "m/b"},
		{ImportPath: "m/vendor/vendored/c"},
	}
	st, err := ReadSource(pkgs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Lines["m/a"]; got != 7+4+3 {
		t.Errorf("lines = %d, want 14", got)
	}
	if got := st.Specs[PkgEdge{"m/a", "m/b"}]; got != 3 {
		t.Errorf("specs a->b = %d, want 3", got)
	}
	if got := st.Specs[PkgEdge{"m/a", "m/vendor/vendored/c"}]; got != 1 {
		t.Errorf("specs a->c = %d, want 1", got)
	}
	if len(st.Specs) != 2 {
		t.Errorf("specs = %v", st.Specs)
	}
}
