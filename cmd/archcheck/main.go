// Command archcheck keeps a Go monolith modular: it checks module
// boundaries and synchronous cross-domain calls, draws the dependency graph
// and ranks extraction candidates. See the README.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/archcheck/archcheck/internal/gitbase"
	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/internal/outfile"
)

func main() {
	if isVetTool(os.Args[1:]) { // go vet -vettool=$(command -v archcheck)
		os.Exit(runVet(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(runInterruptible(os.Args[1:], os.Stdout, os.Stderr))
}

// interruptGrace is how long an interrupted run gets to unwind (its go
// commands are already ended) before archcheck exits anyway.
const interruptGrace = 2 * time.Second

// runInterruptible is run, ended by SIGINT or SIGTERM: the context is
// cancelled, the go commands are ended with their process groups, the
// temporary output files removed (an -o FILE is never left half-written),
// and archcheck exits 128+signal (130, 143), as a shell reports a process
// the signal killed.
func runInterruptible(args []string, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := &gate{w: stdout}, &gate{w: stderr}
	done := make(chan int, 1)
	go func() { done <- runContext(ctx, args, out, errOut) }()
	select {
	case code := <-done:
		return code
	case sig := <-sigs:
		// What the cancelled run prints as it unwinds (go list: context
		// canceled …) is not news: only "interrupted" is.
		out.close()
		errOut.close()
		cancel()
		gocmd.EndAll()
		select {
		case <-done:
		case <-sigs: // a second interrupt: do not wait
		case <-time.After(interruptGrace):
		}
		outfile.RemovePending()
		gitbase.RemovePending() // diff's base tree
		io.WriteString(stderr, "archcheck: interrupted\n")
		return exitSignal(sig)
	}
}

// gate passes writes through until it is closed, then drops them.
type gate struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// exitSignal is the exit status for a run ended by sig: 128 + its number.
func exitSignal(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + int(syscall.SIGINT)
}
