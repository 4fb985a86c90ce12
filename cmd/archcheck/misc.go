package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/internal/version"
	"github.com/archcheck/archcheck/rules"
)

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print archcheck's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(stdout, "archcheck %s\n", version.Version())
			return err
		},
	}
}

func newRulesCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "List the rules with their default severity and documentation",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			for _, id := range rules.RuleIDs {
				if _, err := fmt.Fprintf(stdout, "%-17s %-5s  %s\n", id, rules.DefaultSeverity[id], rules.RuleDocs[id]); err != nil {
					return err
				}
			}
			return nil
		},
	}
}
