// Package baseline reads, writes and matches archcheck's baseline file: the
// findings a legacy codebase already has, so that CI fails only on new ones.
//
// An entry is keyed by rule, modules, package and symbol — never by file or
// line — and carries a count, so that edits elsewhere in a file do not churn
// the baseline while a second identical violation is still caught. An entry
// that matches fewer findings than it counts is stale: the debt was paid, and
// the ratchet (Update) takes it out so that it cannot come back silently.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/archcheck/archcheck/rules"
)

// Schema is the version of the baseline file format this package reads and
// writes.
const Schema = 1

// DefaultFile is the file `archcheck baseline` writes when not told where.
const DefaultFile = "archcheck-baseline.json"

// Key identifies a finding independently of where it is in its file.
type Key struct {
	Rule       string `json:"rule"`
	FromModule string `json:"from_module,omitempty"`
	ToModule   string `json:"to_module,omitempty"`
	Package    string `json:"package"`
	Symbol     string `json:"symbol"`
}

// KeyOf is the baseline key of a finding. A finding without a Symbol falls
// back to its message, which is as stable as archcheck's wording.
func KeyOf(f rules.Finding) Key {
	sym := f.Symbol
	if sym == "" {
		sym = f.Message
	}
	return Key{Rule: f.Rule, FromModule: f.FromModule, ToModule: f.ToModule, Package: f.Package, Symbol: sym}
}

func (k Key) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] ", k.Rule)
	switch {
	case k.FromModule != "" && k.ToModule != "":
		fmt.Fprintf(&b, "%s → %s ", k.FromModule, k.ToModule)
	case k.FromModule != "":
		fmt.Fprintf(&b, "%s ", k.FromModule)
	}
	fmt.Fprintf(&b, "in %s", k.Package)
	if k.Symbol != k.Package {
		fmt.Fprintf(&b, ": %s", k.Symbol)
	}
	return b.String()
}

func (k Key) compare(o Key) int {
	return cmpAll(
		strings.Compare(k.Rule, o.Rule), strings.Compare(k.FromModule, o.FromModule),
		strings.Compare(k.ToModule, o.ToModule), strings.Compare(k.Package, o.Package),
		strings.Compare(k.Symbol, o.Symbol))
}

func cmpAll(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

// Entry is one key of the baseline with the number of findings it accepts.
type Entry struct {
	Key
	Count int `json:"count"`
}

// File is a baseline: its entries are sorted by key and unique.
type File struct {
	Version string `json:"version"` // archcheck's version that wrote it
	Schema  int    `json:"schema"`
	// Module is the path of the Go module the baseline was written for;
	// check refuses a baseline of another module. Empty in baselines
	// written before it was recorded (accepted for any module).
	Module  string  `json:"module,omitempty"`
	Entries []Entry `json:"entries"`
}

// ForeignModule reports, as an error, a baseline written for another module
// than module (nil when they agree, or the baseline does not say).
func (b *File) ForeignModule(module string) error {
	if b == nil || b.Module == "" || b.Module == module {
		return nil
	}
	return fmt.Errorf("written for module %s, not %s (write this module's with `archcheck baseline`)", b.Module, module)
}

// FromFindings is the baseline that accepts exactly fs.
func FromFindings(version string, fs []rules.Finding) *File {
	counts := map[Key]int{}
	for _, f := range fs {
		counts[KeyOf(f)]++
	}
	return fromCounts(version, counts)
}

func fromCounts(version string, counts map[Key]int) *File {
	b := &File{Version: version, Schema: Schema, Entries: make([]Entry, 0, len(counts))}
	for k, n := range counts {
		if n > 0 {
			b.Entries = append(b.Entries, Entry{Key: k, Count: n})
		}
	}
	slices.SortFunc(b.Entries, func(x, y Entry) int { return x.Key.compare(y.Key) })
	return b
}

// Total is the number of findings the baseline accepts.
func (b *File) Total() int {
	n := 0
	for _, e := range b.Entries {
		n += e.Count
	}
	return n
}

func (b *File) counts() map[Key]int {
	m := make(map[Key]int, len(b.Entries))
	for _, e := range b.Entries {
		m[e.Key] = e.Count
	}
	return m
}

// Write writes the baseline as indented JSON, entries sorted.
func (b *File) Write(w io.Writer) error {
	out := *b
	out.Schema = Schema
	if out.Entries == nil {
		out.Entries = []Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Read parses and validates a baseline. Unknown fields are ignored (a later
// archcheck may add some); a missing or different schema, malformed JSON,
// trailing data, and invalid or duplicate entries are errors.
func Read(r io.Reader) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Schema *int `json:"schema"`
	}
	if err := decodeOne(data, &probe); err != nil {
		return nil, err
	}
	switch {
	case probe.Schema == nil:
		return nil, errors.New(`not an archcheck baseline: no "schema" field`)
	case *probe.Schema != Schema:
		return nil, fmt.Errorf("baseline schema %d is not supported (this archcheck reads schema %d)", *probe.Schema, Schema)
	}
	var b File
	if err := decodeOne(data, &b); err != nil {
		return nil, err
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	slices.SortFunc(b.Entries, func(x, y Entry) int { return x.Key.compare(y.Key) })
	return &b, nil
}

// decodeOne decodes exactly one JSON value, with the byte offset of a syntax
// error turned into line:col.
func decodeOne(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("invalid JSON: data after the baseline object")
	}
	return nil
}

func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset-1) // Offset is just past the bad byte
		return fmt.Errorf("invalid JSON at %d:%d: %w", line, col, err)
	case errors.As(err, &typ):
		off := typ.Offset
		if typ.Value == "array" || typ.Value == "object" {
			off-- // Offset is just past the opening bracket
		}
		line, col := lineCol(data, off)
		return fmt.Errorf("invalid baseline at %d:%d: %s must be %s, not %s", line, col, fieldName(typ), jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: unexpected end of file")
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

// jsonKind names what a Go type decodes from, in JSON's words (never a Go
// type: a baseline that is an array is "must be an object, not array").
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.Kind().String()
}

func fieldName(e *json.UnmarshalTypeError) string {
	if e.Field == "" {
		return "the baseline"
	}
	return fmt.Sprintf("%q", e.Field)
}

func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func (b *File) validate() error {
	var errs []error
	seen := make(map[Key]int, len(b.Entries))
	for i, e := range b.Entries {
		at := fmt.Sprintf("entry %d", i+1)
		switch {
		case e.Rule == "":
			errs = append(errs, fmt.Errorf("%s: no rule", at))
		case !slices.Contains(rules.RuleIDs, e.Rule):
			errs = append(errs, fmt.Errorf("%s: unknown rule %q (valid: %s)", at, e.Rule, strings.Join(rules.RuleIDs, ", ")))
		}
		if e.Package == "" {
			errs = append(errs, fmt.Errorf("%s: no package", at))
		}
		if e.Count < 1 {
			errs = append(errs, fmt.Errorf("%s: count %d (must be at least 1)", at, e.Count))
		}
		if j, dup := seen[e.Key]; dup {
			errs = append(errs, fmt.Errorf("%s: duplicate of entry %d", at, j+1))
		} else {
			seen[e.Key] = i
		}
	}
	return errors.Join(errs...)
}
