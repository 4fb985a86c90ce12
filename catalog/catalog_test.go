package catalog

import (
	"path"
	"slices"
	"testing"

	"github.com/archcheck/archcheck/rules"
)

// TestWellFormed: every name is a valid pattern, every kind is a kind, and
// no entry is declared twice.
func TestWellFormed(t *testing.T) {
	var funcs []Func
	for _, op := range Ops() {
		if !slices.Contains(rules.Kinds, op.Kind) {
			t.Errorf("op %+v: kind %q", op, op.Kind)
		}
		funcs = append(funcs, op.Func)
	}
	for _, s := range Seams() {
		if s.Lib == "" {
			t.Errorf("seam %+v: no library", s)
		}
		funcs = append(funcs, s.Func)
	}
	// A callback runner may also block (gorm's Transaction): the lists
	// are distinct each, not from each other.
	for _, list := range [][]Func{funcs, Callbacks()} {
		seen := map[Func]bool{}
		for _, f := range list {
			for _, p := range []string{f.Pkg, f.Name} {
				if _, err := path.Match(p, ""); err != nil || p == "" {
					t.Errorf("%+v: bad pattern %q", f, p)
				}
			}
			if seen[f] {
				t.Errorf("%+v declared twice", f)
			}
			seen[f] = true
		}
	}
	for pkg, f := range IOFuncs() {
		if pkg != f.Pkg || len(f.Names) == 0 || !slices.Contains(rules.Kinds, f.Kind) {
			t.Errorf("I/O functions %+v", f)
		}
	}
}

func TestDatabaseLib(t *testing.T) {
	for in, want := range map[string]string{
		"github.com/ory/pop/v6":                 "github.com/ory/pop",
		"github.com/ory/pop":                    "github.com/ory/pop",
		"github.com/ory/popular":                "",
		"github.com/jackc/pgx/v5/pgxpool":       "github.com/jackc/pgx/v5",
		"github.com/jackc/pgx/v55":              "",
		"go.mongodb.org/mongo-driver/v2/mongo":  "go.mongodb.org/mongo-driver",
		"gorm.io/driver/postgres":               "gorm.io/driver",
		"example.com/app/internal/jmoiron/sqlx": "",
	} {
		if got := DatabaseLib(in); got != want {
			t.Errorf("DatabaseLib(%q) = %q, want %q", in, got, want)
		}
	}
}
