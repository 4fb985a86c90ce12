package engine

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// The typed loaders Options.Loader chooses between.
const (
	// LoaderTypecheck is archcheck's own loader (engine/typecheck): the
	// listed roots from source, what they import from export data. It is
	// the default, and falls back to LoaderPackages where it declines.
	LoaderTypecheck = "typecheck"
	// LoaderPackages is golang.org/x/tools/go/packages.
	LoaderPackages = "packages"
)

// Loaders are the valid values of Options.Loader ("" is LoaderTypecheck).
var Loaders = []string{LoaderTypecheck, LoaderPackages}

// Phase names, in the order a run goes through them.
const (
	PhaseList          = "list"               // go list of the roots, the config bound, the graph built
	PhaseTypecheck     = "type-check/analyse" // the typed load and sync-call (with sqltables), cache read and write
	PhaseWholeProgram  = "whole-program"      // --whole-program's resolution over the loaded program
	PhaseCollect       = "collect"            // import rules, cycles, ignore comments, sorting
	PhaseRender        = "render"             // the command's output (timed by the command)
	loaderNone         = "none (the selected rules need no types)"
	loaderFallbackNote = " (typecheck declined: "
)

// Stats say which typed loader ran and how long each phase took (wall
// time; the typed load overlaps the import rules). check --debug-stats
// prints them.
type Stats struct {
	Loader string
	Phases []Phase

	mu sync.Mutex
}

// Phase is one phase's wall time.
type Phase struct {
	Name string
	Took time.Duration
}

// Add records a phase; a phase recorded twice adds up.
func (s *Stats) Add(name string, took time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.Phases {
		if s.Phases[i].Name == name {
			s.Phases[i].Took += took
			return
		}
	}
	s.Phases = append(s.Phases, Phase{name, took})
}

// since records the time from start to now as the phase name.
func (s *Stats) since(name string, start time.Time) { s.Add(name, time.Since(start)) }

func (s *Stats) setLoader(l string) {
	s.mu.Lock()
	s.Loader = l
	s.mu.Unlock()
}

// Write prints the stats, one line each, in a fixed order: the loader,
// then every phase (a phase that did not run says so).
func (s *Stats) Write(w io.Writer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := fmt.Fprintf(w, "debug-stats: loader %s\n", s.Loader); err != nil {
		return err
	}
	for _, name := range []string{PhaseList, PhaseTypecheck, PhaseWholeProgram, PhaseCollect, PhaseRender} {
		took := "did not run"
		for _, p := range s.Phases {
			if p.Name == name {
				took = fmt.Sprintf("%.3fs", p.Took.Seconds())
			}
		}
		if _, err := fmt.Fprintf(w, "debug-stats: %-18s %s\n", name, took); err != nil {
			return err
		}
	}
	return nil
}
