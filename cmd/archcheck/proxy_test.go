package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// cmdMkproxy is the script command `mkproxy SRC DST`: every directory
// SRC/<module path>@<version> becomes that module version in a GOPROXY
// directory at DST (list, .info, .mod, .zip), so a script can start from an
// empty module cache and download from GOPROXY=file://DST, without the
// network.
func cmdMkproxy(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkproxy SRC DST")
	}
	src, dst := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || !strings.Contains(d.Name(), "@") {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		modPath, version, _ := strings.Cut(filepath.ToSlash(rel), "@")
		if err := addModule(dst, module.Version{Path: modPath, Version: version}, path); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		return filepath.SkipDir
	})
	ts.Check(err)
}

func addModule(dst string, mv module.Version, dir string) error {
	esc, err := module.EscapePath(mv.Path)
	if err != nil {
		return err
	}
	vdir := filepath.Join(dst, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(vdir, 0o777); err != nil {
		return err
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	files := map[string][]byte{
		mv.Version + ".mod":  gomod,
		mv.Version + ".info": []byte(fmt.Sprintf(`{"Version":%q,"Time":"2024-01-01T00:00:00Z"}`, mv.Version)),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o666); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(filepath.Join(vdir, "list"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(f, mv.Version); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	z, err := os.Create(filepath.Join(vdir, mv.Version+".zip"))
	if err != nil {
		return err
	}
	if err := zip.CreateFromDir(z, mv, dir); err != nil {
		z.Close()
		return err
	}
	return z.Close()
}
