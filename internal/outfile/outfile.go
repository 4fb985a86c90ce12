// Package outfile writes archcheck's output files (-o FILE) as the SPEC's
// "Output files" says: through a temporary file in the same directory,
// renamed over FILE only once the whole output is written, so a failing or
// interrupted command never leaves FILE half-written; and never over a file
// archcheck did not write, unless the user forces it.
package outfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Policy says which existing files a command may replace.
type Policy int

const (
	// ReplaceOwn replaces an existing file only if it carries archcheck's
	// marker (see HasMarker): report, graph, baseline.
	ReplaceOwn Policy = iota
	// NeverReplace never replaces an existing file: init, whose output the
	// user goes on to edit.
	NeverReplace
)

// Options are a command's rules for its output file.
type Options struct {
	Policy Policy
	// Force replaces any existing regular file (--force).
	Force bool
}

// RefusedError is an existing file the command may not replace.
type RefusedError struct {
	Path   string
	Policy Policy
}

func (e *RefusedError) Error() string {
	if e.Policy == NeverReplace {
		return fmt.Sprintf("%s already exists; pass --force to overwrite it", e.Path)
	}
	return fmt.Sprintf("%s exists and was not written by archcheck; refusing to replace it (pass --force to replace it, or choose another -o)", e.Path)
}

// Check reports whether path may be written under opts, before the
// command does its work: nil when it does not exist yet or may be
// replaced, a *RefusedError when it may not, and an error naming path when
// it cannot be written at all (a directory, a missing parent directory).
func Check(path string, opts Options) error {
	_, _, err := check(path, opts)
	return err
}

// check resolves symbolic links (the file they point to is replaced, not
// the link) and returns the path to write; direct is set for a device or a
// named pipe (-o /dev/stdout), which is written in place, never replaced.
func check(path string, opts Options) (target string, direct bool, err error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return path, true, nil
	}
	target, err = resolve(path)
	if err != nil {
		return "", false, fmt.Errorf("write %s: %w", path, err)
	}
	fi, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		dir := filepath.Dir(target)
		if di, err := os.Stat(dir); err != nil || !di.IsDir() {
			return "", false, fmt.Errorf("write %s: directory %s does not exist", path, filepath.Dir(path))
		}
		return target, false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return "", false, fmt.Errorf("write %s: is a directory", path)
		}
		return "", false, fmt.Errorf("write %s: not a regular file", path)
	}
	if opts.Force {
		return target, false, nil
	}
	if opts.Policy == NeverReplace {
		return "", false, &RefusedError{Path: path, Policy: NeverReplace}
	}
	data, err := os.ReadFile(target)
	if err != nil {
		return "", false, fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if !HasMarker(data) {
		return "", false, &RefusedError{Path: path, Policy: ReplaceOwn}
	}
	return target, false, nil
}

// resolve follows the symbolic links of path's last element, so that
// writing through a link replaces the file it points to.
func resolve(path string) (string, error) {
	for range 32 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", unwrapPath(err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

// Write writes data to path under opts (see Check): into a temporary file
// in path's directory, renamed over path once complete. A replaced file
// keeps its permissions; a new one gets 0644. Errors name path, never the
// temporary file.
func Write(path string, data []byte, opts Options) error {
	target, direct, err := check(path, opts)
	if err != nil {
		return err
	}
	if direct {
		return writeDirect(path, data)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(target); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".archcheck-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	pending.Store(tmp.Name(), struct{}{})
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		pending.Delete(tmp.Name())
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	committed = true
	return nil
}

// writeDirect writes data to a device or named pipe.
func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// pending holds the temporary files being written.
var pending sync.Map // name → struct{}

// RemovePending removes the temporary files of the writes in progress:
// archcheck calls it when interrupted, before it exits, so that an
// interrupt leaves neither a partial output file nor a temporary one.
func RemovePending() {
	pending.Range(func(k, _ any) bool {
		os.Remove(k.(string))
		return true
	})
}

// unwrapPath drops the *fs.PathError or *os.LinkError around err, whose
// path may be the temporary file's: the caller names the output file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Marker is the text of archcheck's generator comment, which every
// non-JSON output file carries near its start (DOT "// Generated by
// archcheck", Mermaid "%% Generated by archcheck", SVG "<!-- Generated by
// archcheck -->").
const Marker = "Generated by archcheck"

// htmlMarker starts the report's generator tag.
const htmlMarker = `<meta name="generator" content="archcheck`

// legacyMarkers start or head the files archcheck wrote before it marked
// them (the report's title, the DOT graph's name), so that an upgrade does
// not refuse to replace the report it wrote last week.
var legacyMarkers = [][]byte{[]byte("<title>archcheck report"), []byte("\ndigraph archcheck {\n")}

// markerWindow is how much of a file's start the text markers are looked
// for in.
const markerWindow = 4096

// HasMarker reports whether data carries archcheck's marker for its
// format: a generator comment or <meta name="generator"> near the start,
// or, for a JSON document, top-level "version" (a string) and "schema" (a
// number) fields, as every JSON output and the baseline carry.
func HasMarker(data []byte) bool {
	head := data[:min(len(data), markerWindow)]
	if bytes.Contains(head, []byte(Marker)) || bytes.Contains(head, []byte(htmlMarker)) {
		return true
	}
	for _, m := range legacyMarkers {
		if bytes.Contains(append([]byte("\n"), head...), m) {
			return true
		}
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return false
	}
	return jsonMarker(trimmed)
}

// jsonMarker reads the top-level keys of a JSON object until it has seen a
// string "version" and a numeric "schema".
func jsonMarker(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var version, schema bool
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return false
		}
		switch key {
		case "version":
			_, version = v.(string)
		case "schema":
			_, schema = v.(float64)
		}
		if version && schema {
			return true
		}
	}
	return false
}

// WriteTo is Write for output produced by a writer function: nothing is
// written when write fails.
func WriteTo(path string, opts Options, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return Write(path, buf.Bytes(), opts)
}
