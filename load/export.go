package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ExportData returns the export data in file, as `go list -export` names
// it, for gcexportdata.Read: the whole file when it is export data already
// (what cmd/export writes), or the __.PKGDEF member of a compiler archive
// without its headers and end marker. It replaces gcexportdata.NewReader,
// which stops reading archives in a coming Go release.
func ExportData(file string) ([]byte, error) {
	data, err := readPKGDEF(file)
	if err != nil {
		return nil, err
	}
	data, err = exportData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return data, nil
}

const (
	arMagic     = "!<arch>\n"
	arHeaderLen = 60 // name 16, date 12, uid 6, gid 6, mode 8, size 10, magic 2
)

// readPKGDEF reads file up to the end of an archive's first member (the
// __.PKGDEF export data), not the object code after it, which is most of
// a compiler archive: reading it all cost time and kept every archive in
// memory through the slice returned. A file that is not an archive is
// read whole.
func readPKGDEF(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, len(arMagic)+arHeaderLen)
	n, err := io.ReadFull(f, head)
	if err != nil || !bytes.HasPrefix(head, []byte(arMagic)) {
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return nil, err
		}
		rest, err := io.ReadAll(f)
		return append(head[:n], rest...), err
	}
	size, err := strconv.Atoi(strings.TrimSpace(string(head[len(arMagic)+48 : len(arMagic)+58])))
	if err != nil || size < 0 {
		return nil, fmt.Errorf("%s: bad __.PKGDEF size", file)
	}
	data := make([]byte, len(head)+size)
	copy(data, head)
	if _, err := io.ReadFull(f, data[len(head):]); err != nil {
		return nil, fmt.Errorf("%s: truncated __.PKGDEF: %w", file, err)
	}
	return data, nil
}

func exportData(data []byte) ([]byte, error) {
	const magic, headerLen = arMagic, arHeaderLen
	if !bytes.HasPrefix(data, []byte(magic)) {
		if len(data) == 0 {
			return nil, errors.New("empty export data")
		}
		return data, nil // export data as it is
	}
	data = data[len(magic):]
	if len(data) < headerLen {
		return nil, errors.New("truncated archive header")
	}
	hdr := data[:headerLen]
	if name := strings.TrimSpace(string(hdr[:16])); name != "__.PKGDEF" {
		return nil, fmt.Errorf("archive starts with %q, not __.PKGDEF", name)
	}
	size, err := strconv.Atoi(strings.TrimSpace(string(hdr[48:58])))
	if err != nil || size < 0 || size > len(data)-headerLen {
		return nil, errors.New("bad __.PKGDEF size")
	}
	member := data[headerLen : headerLen+size]
	// Header lines ("go object …", "build id …") up to the "$$B" line.
	for {
		line, rest, ok := bytes.Cut(member, []byte("\n"))
		if !ok {
			return nil, errors.New("no export data in __.PKGDEF")
		}
		member = rest
		if string(line) == "$$B" {
			break
		}
		if bytes.HasPrefix(line, []byte("$$")) {
			return nil, fmt.Errorf("unknown export data header %q", line)
		}
	}
	// The data ends with the "\n$$\n" end-of-section marker.
	end := bytes.LastIndex(member, []byte("\n$$\n"))
	if end < 0 {
		return nil, errors.New("export data without its end marker")
	}
	return member[:end], nil
}
