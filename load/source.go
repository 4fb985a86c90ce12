package load

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
)

// PkgEdge is an import of package To by package From (non-test files).
type PkgEdge struct{ From, To string }

// SourceStats are counts read from the non-test source files of the listed
// packages: what `graph --format json` reports as `lines` and `imports`.
// Reading them costs one read and one imports-only parse per file, so only
// the commands that draw the graph ask for them.
type SourceStats struct {
	Lines map[string]int  // import path -> non-blank lines of its non-test files
	Specs map[PkgEdge]int // import specs of non-test files, per edge of g.PkgEdges
	// At is where those import specs are (the report lists them behind a
	// matrix cell), in file order.
	At map[PkgEdge][]FileLine
}

// FileLine is a position: a file relative to the main module's root, as
// findings give it, and a line.
type FileLine struct {
	File string
	Line int
}

// ReadSource counts the non-blank lines of every package's non-test files
// and the import specs behind every edge between listed packages (a package
// importing another from three files makes three specs), reading through the
// overlay. A file that does not parse still counts its lines; its imports are
// the ones go list resolved. main may be nil: positions are then left out.
func ReadSource(pkgs []*Package, main *MainModule, ov Overlay) (*SourceStats, error) {
	index := make(map[string]bool, len(pkgs))
	for _, p := range pkgs {
		index[p.ImportPath] = true
	}
	st := &SourceStats{Lines: make(map[string]int, len(pkgs)), Specs: map[PkgEdge]int{}, At: map[PkgEdge][]FileLine{}}
	fset := token.NewFileSet()
	for _, p := range pkgs {
		for _, name := range p.GoFiles {
			src, err := ov.ReadFile(filepath.Join(p.Dir, name))
			if err != nil {
				return nil, fmt.Errorf("read source: %w", err)
			}
			st.Lines[p.ImportPath] += NonBlankLines(src)
			f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
			if err != nil || f == nil {
				continue
			}
			rel := ""
			for _, spec := range f.Imports {
				imp, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					continue
				}
				if to, ok := p.ImportMap[imp]; ok {
					imp = to
				}
				if index[imp] && imp != p.ImportPath {
					e := PkgEdge{p.ImportPath, imp}
					st.Specs[e]++
					if rel == "" && main != nil {
						rel = main.RelFile(p, name)
					}
					st.At[e] = append(st.At[e], FileLine{rel, fset.Position(spec.Path.Pos()).Line})
				}
			}
		}
	}
	// go list knows imports the parser could not see (a file with a syntax
	// error): every edge counts at least once.
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if e := (PkgEdge{p.ImportPath, imp}); index[imp] && st.Specs[e] == 0 {
				st.Specs[e] = 1
			}
		}
	}
	return st, nil
}

// NonBlankLines counts the lines of src holding anything but white space.
func NonBlankLines(src []byte) int {
	n, blank := 0, true
	for _, c := range src {
		switch c {
		case '\n':
			if !blank {
				n++
			}
			blank = true
		case ' ', '\t', '\r', '\f', '\v':
		default:
			blank = false
		}
	}
	if !blank {
		n++
	}
	return n
}
