package engine

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/internal/gocmd"
	"github.com/archcheck/archcheck/load"
)

// The incremental cache also keeps the export data of the dependencies
// (third-party and standard-library packages) that the packages it
// type-checks import, so that a run which type-checks a few edited
// packages does not run go list -export, which hashes the source of every
// dependency to find its export data up to date in the build cache (on
// the GitHub CLI, about as long as listing the whole module). A
// dependency's export data is keyed like its facts: by its module's path,
// version and go.sum hash, or for a directory replacement or vendored copy
// by its files' content, and by the keys of what it imports, transitively
// (driver.Session.DepKeys); a standard-library package by its path. Every
// key also holds the toolchain, GOOS, GOARCH, CGO_ENABLED, GOFLAGS,
// GOEXPERIMENT, the build flags and tags, archcheck's build (EnvID) and
// the C toolchain's settings (cgo's output is part of a cgo package's
// export data). When one import of the packages to type-check has no such
// entry, go list -export runs as before, and the export data it gives is
// kept for the next run.

// exportVars are the go env settings a cgo package's export data depends
// on besides EnvID's, and GOENV, the go env file. The C flags
// (load.CgoEnvVars) go env computes by running the C compiler in a
// temporary go-build directory (an interrupt at that moment left it in
// $TMPDIR): they are keyed as the environment sets them, and as the go env
// file does by its content.
var exportVars = []string{"CC", "CXX", "GOENV"}

// exportKey is the key of the export data of the listed dependency path;
// false when it has none (not keyable, or the settings are unknown).
func (in *incremental) exportKey(path string, d *load.Package) (string, bool) {
	if in.exportEnv == "" || in.exportEnv == "-" || d.Error != "" {
		return "", false
	}
	switch {
	case d.Standard && d.Module == nil:
		return cache.Key(incFormat, "export", in.env, in.exportEnv, "std", path), true
	case in.depKeys[path] != "":
		return cache.Key(incFormat, "export", in.env, in.exportEnv, "dep", path, in.depKeys[path]), true
	}
	return "", false
}

// useExports gives each listed dependency whose export data the cache
// keeps the file of it (typecheck.Config.Deps), when some package is to be
// type-checked.
func (in *incremental) useExports(ctx context.Context) {
	if in.exports == nil {
		return
	}
	out, _, err := gocmd.Run(ctx, in.dir, nil, append([]string{"env", "-json"}, exportVars...)...)
	if err != nil {
		in.exportEnv = "-" // unknown: nothing keyed
		return
	}
	var env map[string]string
	if json.Unmarshal(out.Bytes(), &env) != nil {
		in.exportEnv = "-"
		return
	}
	parts := []string{out.String()}
	for _, k := range load.CgoEnvVars {
		parts = append(parts, k+"="+os.Getenv(k))
	}
	if f := env["GOENV"]; f != "" && f != "off" {
		data, _ := os.ReadFile(f) // absent: the defaults
		parts = append(parts, string(data))
	}
	in.exportEnv = strings.Join(parts, "\x00")
	for path, d := range in.listedDeps {
		if d.Export != "" {
			continue
		}
		if k, ok := in.exportKey(path, d); ok {
			if file, ok := in.exports.Path(k); ok {
				d.Export = file
			}
		}
	}
}

// saveExports keeps the export data go list -export built this run for
// the dependencies (useExports ran: some package was type-checked).
func (in *incremental) saveExports() {
	if in.exports == nil {
		return
	}
	dir := in.exports.Dir()
	for path, d := range in.listedDeps {
		if d.Export == "" || strings.HasPrefix(d.Export, dir+string(filepath.Separator)) {
			continue // none, or the cache's own
		}
		k, ok := in.exportKey(path, d)
		if !ok {
			continue
		}
		if _, ok := in.exports.Path(k); ok {
			continue
		}
		if data, err := load.ExportData(d.Export); err == nil {
			_ = in.exports.Put(k, data)
		}
	}
}
