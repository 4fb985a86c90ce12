package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress shows, on a terminal, what a long run is doing on one line of
// stderr once it has taken more than a moment, and clears it at the end;
// elsewhere (CI logs, pipes, machine-readable formats) it is silent.
type progress struct {
	mu          sync.Mutex
	f           *os.File
	stage       string
	done, shown bool
}

// progressFunc returns the engine's Progress callback, or nil when quiet.
func progressFunc(stderr io.Writer, quiet bool) func(string) {
	if g, ok := stderr.(*gate); ok {
		stderr = g.w
	}
	f, ok := stderr.(*os.File)
	if quiet || !ok || !isTerminal(f) {
		return nil
	}
	p := &progress{f: f}
	go func() {
		time.Sleep(300 * time.Millisecond) // fast runs stay quiet
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.done && p.stage != "" {
			p.shown = true
			p.print()
		}
	}()
	return p.set
}

func (p *progress) set(stage string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if stage == "" {
		p.done = true
		if p.shown {
			fmt.Fprint(p.f, "\r\033[K")
		}
		return
	}
	p.stage = stage
	if p.shown {
		p.print()
	}
}

func (p *progress) print() { fmt.Fprintf(p.f, "\r\033[Karchcheck: %s…", p.stage) }

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
