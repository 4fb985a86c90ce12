package vettool

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/mod/modfile"

	"github.com/archcheck/archcheck/internal/cache"
	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/rules"
)

// WriteVersion answers `-V=full`, which go runs once per go vet, in its own
// working directory wd, before any package: it finds and validates the
// config (env is ARCHCHECK_CONFIG) and writes
//
//	archcheck version devel VERSION buildID=BINARY-CONFIG
//
// where BINARY is the executable's identity (cache.ToolID: the SHA-256 of
// its content, as every cache of archcheck keys on) and CONFIG the hash of
// the config file. go keys its vet cache on the content ID after "buildID=" (the
// word devel tells it to), so a new binary or an edited archcheck.yaml
// invalidates cached results. A missing or bad config is the error.
//
// In a go.work workspace, go vet runs -V=full once, in one directory, for
// the packages of every module it vets, each checked against its own
// module's config: the ID then also hashes every workspace module's config
// (issue 16 item 8), so editing the other module's archcheck.yaml
// invalidates go vet's cache too.
//
// go vet run at a workspace's root (a go.work and no go.mod) has no config
// of its own there: the ID is then the workspace's configs alone, and each
// package is checked against its module's config when it runs.
func WriteVersion(w io.Writer, env, wd string) error {
	bin := cache.ToolID() // the executable's content hash, as the facts and incremental caches key on
	ws := workspaceHash(env, wd)
	var id string
	if ws != "" && env == "" && rules.ModuleRoot(wd) == "" {
		id = bin + "-" + ws
	} else {
		cfg, err := loadConfig(env, wd)
		if err != nil {
			return err
		}
		id = bin + "-" + cfg.Hash()
		if ws != "" {
			id += "-" + ws
		}
	}
	_, err := fmt.Fprintf(w, "archcheck version devel %s buildID=%s\n", version.Version(), id)
	return err
}

// workspaceHash hashes the configs of every module of the go.work
// workspace wd is in ("" outside a workspace): the directory of each `use`
// and the content of the config a package there would read (none is fine:
// that module's packages fail on it when vetted).
func workspaceHash(env, wd string) string {
	file := goWork(wd)
	if file == "" {
		return ""
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	wf, err := modfile.ParseWork(file, data, nil)
	if err != nil {
		return "" // go vet reports a broken go.work itself
	}
	dirs := make([]string, 0, len(wf.Use))
	for _, u := range wf.Use {
		d := filepath.FromSlash(u.Path)
		if !filepath.IsAbs(d) {
			d = filepath.Join(filepath.Dir(file), d)
		}
		dirs = append(dirs, filepath.Clean(d))
	}
	slices.Sort(dirs)
	h := sha256.New()
	for _, d := range dirs {
		fmt.Fprintf(h, "%s\x00", d)
		if p, err := configPath(env, d); err == nil {
			if b, err := os.ReadFile(p); err == nil {
				fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
				h.Write(b)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goWork is the go.work file in effect for wd, as the go command finds it:
// $GOWORK ("off": none), else the nearest go.work at or above wd.
func goWork(wd string) string {
	switch gw := os.Getenv("GOWORK"); {
	case gw == "off":
		return ""
	case gw != "":
		return gw
	}
	for d := filepath.Clean(wd); ; {
		if fi, err := os.Stat(filepath.Join(d, "go.work")); err == nil && !fi.IsDir() {
			return filepath.Join(d, "go.work")
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// loadConfig finds, reads and parses the config for a package in dir (or,
// for -V=full, go's working directory). Messages name the file relative to
// dir when it lies below it.
func loadConfig(env, dir string) (*rules.Config, error) {
	path, err := configPath(env, dir)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return rules.Parse(rules.DisplayPath(path, dir), data)
}

// configPath is ARCHCHECK_CONFIG when set (a relative path is resolved
// against the module root: the nearest directory above dir holding a
// go.mod), else the module root's archcheck.yaml (rules.Find, which stops
// at the module root; outside a module it walks up from dir). Starting at
// the module root rather than at dir gives every package of a module, and
// go vet's -V=full call, the same file.
func configPath(env, dir string) (string, error) {
	root := rules.ModuleRoot(dir)
	if env != "" {
		switch {
		case filepath.IsAbs(env):
			return env, nil
		case root == "":
			return "", fmt.Errorf("%s=%s is relative, and there is no go.mod above %s to resolve it against; use an absolute path", EnvConfig, env, dir)
		}
		p := filepath.Join(root, env)
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s (relative paths are resolved against the module root, %s): %w", EnvConfig, env, root, err)
		}
		return p, nil
	}
	start := root
	if start == "" {
		start = dir
	}
	p, err := rules.Find(start)
	if errors.Is(err, rules.ErrNotFound) {
		if root != "" {
			return "", fmt.Errorf("no %s in the module root %s (run `archcheck init` to write one, or set %s)", rules.FileName, root, EnvConfig)
		}
		return "", fmt.Errorf("%w (run `archcheck init` to write one, or set %s)", err, EnvConfig)
	}
	return p, err
}
