package rules

// Rewriting depends_on and allow_sync in archcheck.yaml (archcheck sync):
// targeted text edits at the positions yaml.v3 gives, so every comment, key
// order and formatting the edit does not touch stays byte for byte.

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// ListEdit changes one list of one entry of modules.
type ListEdit struct {
	Module string   // the entry's name (a module, or a key-adding entry of an expanded module)
	Field  string   // "depends_on" or "allow_sync"
	Add    []string // names to append (those already listed are skipped)
	Remove []string // entries to drop, as written
}

// textEdit replaces data[start:end] by text.
type textEdit struct {
	start, end int
	order      int // among edits at one offset: lower first
	text       string
}

// EditLists applies edits to the config text data and returns the new
// text. Lists it changes are rewritten in the style they had (a flow list
// `[a, b]` stays one, a block list keeps its untouched lines, comments
// included); a missing key is added as a flow list at the end of its entry;
// a missing entry (an expanded module with nothing of its own yet) is added
// at the end of modules. Everything else is kept byte for byte.
func EditLists(data []byte, edits []ListEdit) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(protectPlaceholders(data), &doc); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping")
	}
	t := &text{data: data, lines: lineStarts(data)}
	root := doc.Content[0]
	_, mods := mapValue(root, "modules")
	if mods == nil || mods.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("no modules mapping")
	}
	var out []textEdit
	var newEntries []string
	for i, e := range edits {
		k, entry := mapValue(mods, e.Module)
		if entry == nil {
			if len(e.Add) > 0 {
				newEntries = append(newEntries, e.Module+"\x00"+e.Field+"\x00"+strings.Join(e.Add, ", "))
			}
			continue
		}
		ed, ok, err := t.editEntry(k, entry, e)
		if err != nil {
			return nil, err
		}
		if ok {
			ed.order = i
			out = append(out, ed)
		}
	}
	if len(newEntries) > 0 {
		if len(mods.Content) == 0 || mods.Style&yaml.FlowStyle != 0 {
			return nil, fmt.Errorf("cannot add an entry to modules written as a flow mapping ({...}); write it as a block")
		}
		out = append(out, t.appendEntries(mods, newEntries))
	}
	slices.SortStableFunc(out, func(a, b textEdit) int {
		if a.start != b.start {
			return b.start - a.start
		}
		return b.order - a.order
	})
	crlf := bytes.Contains(data, []byte("\r\n")) // keep a Windows file's line endings
	res := slices.Clone(data)
	for _, ed := range out {
		if crlf {
			ed.text = strings.ReplaceAll(strings.ReplaceAll(ed.text, "\r\n", "\n"), "\n", "\r\n")
		}
		res = slices.Concat(res[:ed.start], []byte(ed.text), res[ed.end:])
	}
	return res, nil
}

// text locates yaml.v3 positions in the bytes.
type text struct {
	data  []byte
	lines []int // byte offset of each line's start
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a 1-based line and column (in characters) to a byte
// offset.
func (t *text) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(t.lines) {
		return len(t.data)
	}
	off := t.lines[line-1]
	for c := 1; c < col && off < len(t.data) && t.data[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(t.data[off:])
		off += n
	}
	return off
}

// lineEnd is the offset just after line's newline (or the end of data).
func (t *text) lineEnd(line int) int {
	if line >= len(t.lines) {
		return len(t.data)
	}
	return t.lines[line]
}

// closing returns the offset just after the bracket closing the flow
// collection that opens at off, skipping quoted strings and comments.
func (t *text) closing(off int) (int, error) {
	depth := 0
	for i := off; i < len(t.data); i++ {
		switch c := t.data[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"', '\'':
			for i++; i < len(t.data) && t.data[i] != c; i++ {
				if c == '"' && t.data[i] == '\\' {
					i++
				}
			}
		case '#':
			if i > 0 && (t.data[i-1] == ' ' || t.data[i-1] == '\t') {
				for i < len(t.data) && t.data[i] != '\n' {
					i++
				}
			}
		}
	}
	return 0, fmt.Errorf("unclosed flow collection at offset %d", off)
}

// endLine is the last line a node's text occupies.
func (t *text) endLine(n *yaml.Node) int {
	switch {
	case n.Kind == yaml.AliasNode:
		return n.Line
	case (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && n.Style&yaml.FlowStyle != 0:
		end, err := t.closing(t.offset(n.Line, n.Column))
		if err != nil {
			return n.Line
		}
		return bytes.Count(t.data[:end], []byte("\n")) + 1
	case n.Kind == yaml.ScalarNode && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || strings.Contains(n.Value, "\n")):
		return n.Line + strings.Count(n.Value, "\n")
	}
	last := n.Line
	for _, c := range n.Content {
		last = max(last, t.endLine(c))
	}
	return last
}

// mapValue returns the key and value nodes of key in mapping m.
func mapValue(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// newList is the list after an edit: old entries minus Remove, plus Add's
// names not already there.
func newList(old []string, e ListEdit) []string {
	out := []string{}
	for _, s := range old {
		if !slices.Contains(e.Remove, s) {
			out = append(out, s)
		}
	}
	for _, s := range e.Add {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func flowList(names []string) string { return "[" + strings.Join(names, ", ") + "]" }

// editEntry makes the edit of one field of one entry: the field is added
// when absent, filled when null, and its list rewritten otherwise.
func (t *text) editEntry(k, entry *yaml.Node, e ListEdit) (textEdit, bool, error) {
	if entry.Kind != yaml.MappingNode {
		return textEdit{}, false, fmt.Errorf("module %q is not a mapping", e.Module)
	}
	fk, fv := mapValue(entry, e.Field)
	switch {
	case fv == nil:
		if len(e.Add) == 0 {
			return textEdit{}, false, nil
		}
		return t.addField(entry, e)
	case fv.Kind == yaml.ScalarNode && fv.Tag == "!!null":
		if len(e.Add) == 0 {
			return textEdit{}, false, nil
		}
		// "depends_on:" with nothing after it: write the list after the colon.
		off := t.afterColon(fk)
		return textEdit{start: off, end: off, text: " " + flowList(newList(nil, e))}, true, nil
	case fv.Kind != yaml.SequenceNode:
		return textEdit{}, false, fmt.Errorf("%s of module %q is not a list", e.Field, e.Module)
	}
	var old []string
	for _, it := range fv.Content {
		old = append(old, restorePlaceholders(it.Value))
	}
	list := newList(old, e)
	if slices.Equal(list, old) {
		return textEdit{}, false, nil
	}
	if fv.Style&yaml.FlowStyle != 0 || len(fv.Content) == 0 {
		start := t.offset(fv.Line, fv.Column)
		end, err := t.closing(start)
		if err != nil {
			return textEdit{}, false, err
		}
		return textEdit{start: start, end: end, text: flowList(list)}, true, nil
	}
	return t.editBlockList(fk, fv, e, list), true, nil
}

// afterColon is the offset just after the colon that follows key node fk.
func (t *text) afterColon(fk *yaml.Node) int {
	off := t.offset(fk.Line, fk.Column) + len(fk.Value)
	for off < len(t.data) && t.data[off] != ':' {
		off++
	}
	return off + 1
}

// addField adds the field e.Field, with e.Add as a flow list, to the
// mapping entry that lacks it: before the closing brace of a flow mapping,
// on a new line after the entry's last one, indented like its first key,
// in a block mapping.
func (t *text) addField(entry *yaml.Node, e ListEdit) (textEdit, bool, error) {
	list := flowList(newList(nil, e))
	if entry.Style&yaml.FlowStyle != 0 {
		end, err := t.closing(t.offset(entry.Line, entry.Column))
		if err != nil {
			return textEdit{}, false, err
		}
		sep := ", "
		if len(entry.Content) == 0 {
			sep = ""
		}
		return textEdit{start: end - 1, end: end - 1, text: sep + e.Field + ": " + list}, true, nil
	}
	first := entry.Content[0]
	at := t.lineEnd(t.endLine(entry))
	prefix := ""
	if at == len(t.data) && len(t.data) > 0 && t.data[len(t.data)-1] != '\n' {
		prefix = "\n"
	}
	return textEdit{start: at, end: at, text: prefix + strings.Repeat(" ", first.Column-1) + e.Field + ": " + list + "\n"}, true, nil
}

// editBlockList rewrites the block list fv (of key fk) to list: the lines
// of kept items stay (with the comment lines above them), removed ones are
// dropped, new ones are added after the last item with the first item's
// prefix; an emptied list becomes "field: []" on the key's line.
func (t *text) editBlockList(fk, fv *yaml.Node, e ListEdit, list []string) textEdit {
	firstLine := fv.Content[0].Line
	prefix := string(t.data[t.lines[firstLine-1]:t.offset(firstLine, fv.Content[0].Column)])
	var b strings.Builder
	kept := 0
	for i, it := range fv.Content {
		// An item's lines: the comment lines above it (after the previous
		// item) and its own.
		start := it.Line
		if i > 0 {
			start = t.endLine(fv.Content[i-1]) + 1
		}
		if slices.Contains(e.Remove, restorePlaceholders(it.Value)) {
			continue
		}
		b.Write(t.data[t.lines[start-1]:t.lineEnd(t.endLine(it))])
		kept++
	}
	for _, s := range list[kept:] {
		b.WriteString(prefix + s + "\n")
	}
	start, end := t.lines[firstLine-1], t.lineEnd(t.endLine(fv))
	if len(list) == 0 {
		return textEdit{start: t.afterColon(fk), end: end, text: " []\n"}
	}
	return textEdit{start: start, end: end, text: b.String()}
}

// appendEntries adds new entries ("name\x00field\x00a, b") at the end of
// the modules mapping, indented like its entries.
func (t *text) appendEntries(mods *yaml.Node, entries []string) textEdit {
	keyCol := mods.Content[0].Column
	inner := keyCol + 2
	for i := 1; i < len(mods.Content); i += 2 {
		if v := mods.Content[i]; v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 {
			inner = v.Content[0].Column
			break
		}
	}
	at := t.lineEnd(t.endLine(mods))
	var b strings.Builder
	if at == len(t.data) && len(t.data) > 0 && t.data[len(t.data)-1] != '\n' {
		b.WriteString("\n")
	}
	byName := map[string][]string{}
	var names []string
	for _, e := range entries {
		parts := strings.SplitN(e, "\x00", 3)
		if _, ok := byName[parts[0]]; !ok {
			names = append(names, parts[0])
		}
		byName[parts[0]] = append(byName[parts[0]], parts[1]+": ["+parts[2]+"]")
	}
	for _, n := range names {
		fmt.Fprintf(&b, "%s%s:\n", strings.Repeat(" ", keyCol-1), n)
		for _, kv := range byName[n] {
			fmt.Fprintf(&b, "%s%s\n", strings.Repeat(" ", inner-1), kv)
		}
	}
	return textEdit{start: at, end: at, order: 1 << 30, text: b.String()}
}
