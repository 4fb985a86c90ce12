package load

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Overlay is the file replacement map of go's -overlay flag, as it reaches
// archcheck through GOFLAGS (the go command reads it there for go list; the
// parts of archcheck that read source must see the same files). Keys are
// absolute paths of the replaced files; a nil value is a deleted file.
type Overlay map[string][]byte

// ReadOverlay reads the -overlay=FILE entry of GOFLAGS (from env, which
// takes precedence, then the process environment). No such entry is an
// empty overlay. Relative paths in the file are resolved against dir, as
// the go command resolves them against its working directory.
func ReadOverlay(dir string, env []string) (Overlay, error) {
	file := overlayFlag(goflags(env))
	if file == "" {
		return nil, nil
	}
	base, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("read GOFLAGS -overlay: %w", err)
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(base, file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read GOFLAGS -overlay: %w", err)
	}
	var ov struct{ Replace map[string]string }
	if err := json.Unmarshal(data, &ov); err != nil {
		return nil, fmt.Errorf("parse GOFLAGS -overlay %s: %w", file, err)
	}
	out := make(Overlay, len(ov.Replace))
	for from, to := range ov.Replace {
		if !filepath.IsAbs(from) {
			from = filepath.Join(base, from)
		}
		if to == "" {
			out[filepath.Clean(from)] = nil
			continue
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(base, to)
		}
		content, err := os.ReadFile(to)
		if err != nil {
			return nil, fmt.Errorf("read GOFLAGS -overlay %s: %w", file, err)
		}
		out[filepath.Clean(from)] = content
	}
	return out, nil
}

// Source returns the overlay's content for file (nil when the overlay does
// not replace it), for parser.ParseFile's src argument.
func (ov Overlay) Source(file string) any {
	if content, ok := ov[filepath.Clean(file)]; ok && content != nil {
		return content
	}
	return nil
}

// ReadFile reads a source file through the overlay: its replacement when
// the overlay replaces it, the file on disk otherwise.
func (ov Overlay) ReadFile(name string) ([]byte, error) {
	if content, ok := ov[filepath.Clean(name)]; ok && content != nil {
		return content, nil
	}
	return os.ReadFile(name)
}

// goflags returns the GOFLAGS value: the last one in env, else the process's.
func goflags(env []string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], "GOFLAGS="); ok {
			return v
		}
	}
	return os.Getenv("GOFLAGS")
}

// overlayFlag returns FILE of the last -overlay=FILE (or --overlay=FILE) in
// a GOFLAGS value, whose entries are space-separated -flag=value words.
func overlayFlag(goflags string) string {
	file := ""
	for _, f := range strings.Fields(goflags) {
		f = strings.TrimPrefix(f, "-")
		if v, ok := strings.CutPrefix(f, "-overlay="); ok {
			file = v
		} else if v, ok := strings.CutPrefix(f, "overlay="); ok {
			file = v
		}
	}
	return file
}
