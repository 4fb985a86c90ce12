// Package vettool runs archcheck's per-package analyzers as a go vet tool,
// over the unitchecker protocol: `-V=full` describes the executable for go's
// action cache, `-flags` describes the flags, and `unit.cfg` analyses one
// package. It is the only place that finds archcheck.yaml under go vet; the
// analyzers get the parsed config through their constructors.
//
// The traps of the protocol (Go 1.26) and how they are handled:
//
//   - go vet runs the tool in each package's directory, so the config is
//     looked up from the package's module root, and a relative
//     ARCHCHECK_CONFIG is resolved against the module root (the directory of
//     the nearest go.mod), never against the directory the tool runs in.
//   - go's action cache keys on the `-V=full` line and the flags, not on
//     the config's contents: the line ends in buildID=<binary>-<config>,
//     hashes of the executable and of archcheck.yaml, so editing the config
//     invalidates cached results.
//   - `-V=full` runs once, before any package, and go prints its stderr when
//     it fails, so that is where a bad or missing config becomes one clear
//     error. (go discards the stderr of `-flags`, and exits 2 when it fails,
//     so `-flags` never fails on the config.) An analyzer error would be
//     printed once and then hidden by the cache, so a config problem found
//     in a package run exits the tool non-zero instead, which is never
//     cached.
//   - The tool is called for every dependency, including the standard
//     library. Dependencies (the standard library, and packages of a module
//     with a version) never load a config: they run the analyzers built from
//     an empty config, which compute blocking facts from the built-in lists
//     and return at once for the standard library.
package vettool

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/archcheck/archcheck/analyzers"
	"github.com/archcheck/archcheck/rules"
)

// EnvConfig names the environment variable that points go vet at a config.
const EnvConfig = "ARCHCHECK_CONFIG"

// IsProtocol reports whether args (without the program name) are a call of
// the unitchecker protocol: `-V=full`, `-flags`, or flags followed by a
// file ending in .cfg.
func IsProtocol(args []string) bool {
	switch {
	case len(args) == 0:
		return false
	case len(args) == 1 && (args[0] == "-V=full" || args[0] == "-flags"):
		return true
	}
	last := len(args) - 1
	if len(args[last]) <= len(".cfg") || args[last][len(args[last])-len(".cfg"):] != ".cfg" {
		return false
	}
	for _, a := range args[:last] {
		if len(a) < 2 || a[0] != '-' {
			return false
		}
	}
	return true
}

// Main runs one call of the protocol; args are os.Args[1:]. For `-V=full`
// and for a config error it returns the exit code. Otherwise it hands over
// to unitchecker, which reads os.Args itself and exits the process.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == "-V=full" {
		wd, err := os.Getwd()
		if err == nil {
			err = WriteVersion(stdout, os.Getenv(EnvConfig), wd)
		}
		if err != nil {
			printError(stderr, err)
			return 1
		}
		return 0
	}
	var list []*analysis.Analyzer
	if len(args) == 1 && args[0] == "-flags" {
		list = analyzers.All(emptyConfig()) // the same names, so the same flags
	} else {
		var err error
		if list, err = unitAnalyzers(args[len(args)-1], os.Getenv(EnvConfig)); err != nil {
			printError(stderr, err)
			return 1
		}
	}
	unitchecker.Main(list...)
	return 0 // not reached: unitchecker.Main exits
}

// printError prints err once: config problems as the CLI prints them
// ("archcheck.yaml:LINE:COL: message", one per line), others prefixed.
func printError(w io.Writer, err error) {
	var cfgErrs *rules.Errors
	if errors.As(err, &cfgErrs) {
		fmt.Fprintln(w, err)
		return
	}
	fmt.Fprintf(w, "archcheck: %v\n", err)
}

// unitAnalyzers reads the unit's .cfg and builds the analyzers for it: from
// the user's config for a package of the main module, from an empty config
// for a dependency.
func unitAnalyzers(cfgFile, env string) ([]*analysis.Analyzer, error) {
	u, err := readUnit(cfgFile)
	if err != nil {
		return nil, err
	}
	modulePath, ok := u.mainModule()
	if !ok {
		return analyzers.All(emptyConfig()), nil
	}
	cfg, err := loadConfig(env, u.Dir)
	if err != nil {
		return nil, err
	}
	cfg.Bind(modulePath)
	if err := checkPackage(cfg, u); err != nil {
		return nil, err
	}
	return analyzers.All(cfg), nil
}

// emptyConfig is the config of dependencies: no modules, default rules.
// Bound to no module, it makes the analyzers report nothing and compute
// facts from the built-in lists only.
func emptyConfig() *rules.Config {
	cfg, err := rules.Parse("(no config)", []byte("version: 1\n"))
	if err != nil {
		// The literal above is a valid config; this is unreachable unless
		// the rules package changes, and then every test fails loudly.
		return &rules.Config{Version: rules.SupportedVersion}
	}
	return cfg
}
