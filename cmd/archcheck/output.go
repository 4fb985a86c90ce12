package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/internal/outfile"
)

// toStdout reports whether an -o value means standard output.
func toStdout(file string) bool { return file == "" || file == "-" }

// forceFlag adds --force to a command that writes -o FILE.
func forceFlag(cmd *cobra.Command, force *bool) {
	cmd.Flags().BoolVar(force, "force", false, "replace -o FILE even if archcheck did not write it")
}

// checkOutput refuses, before any work, an -o FILE the command may not
// replace (SPEC "Output files"): exit 2.
func checkOutput(file string, force bool) error {
	if toStdout(file) {
		return nil
	}
	return outfile.Check(file, outfile.Options{Force: force})
}

// writeRendered writes data to file, or to stdout when file is "" or "-".
// When packages failed to load the command fails (exit 2): what did load is
// still printed on stdout, but FILE is left as it was.
func writeRendered(file string, data []byte, stdout, stderr io.Writer, force bool, res *engine.Result) error {
	if toStdout(file) {
		if _, err := stdout.Write(data); err != nil {
			return err
		}
		return loadFailed(res)
	}
	if err := loadFailed(res); err != nil {
		fmt.Fprintf(stderr, "archcheck: %s not written: some packages could not be loaded\n", file)
		return err
	}
	return outfile.Write(file, data, outfile.Options{Force: force})
}
