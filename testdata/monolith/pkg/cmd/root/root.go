// Package root dispatches the commands.
package root

import (
	"fmt"

	"example.com/mono/pkg/cmd/checkout"
	"example.com/mono/pkg/cmd/issue"
	"example.com/mono/pkg/cmd/pr"
	"example.com/mono/pkg/cmd/version"
)

// Execute runs the command named by args[0].
func Execute(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("usage: mono pr|issue|checkout ID")
	}
	switch args[0] {
	case "pr":
		return pr.View(args[1])
	case "issue":
		return issue.View(args[1])
	case "checkout":
		return checkout.Pay(args[1], 100)
	case "version":
		fmt.Println(version.String())
		return nil
	}
	return fmt.Errorf("unknown command %q", args[0])
}
