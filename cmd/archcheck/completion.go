package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/archcheck/archcheck/engine"
	"github.com/archcheck/archcheck/report"
	"github.com/archcheck/archcheck/rules"
)

// formatValues are the --format values of each command, for completion.
func formatValues(cmd string) []string {
	switch cmd {
	case "check":
		return checkFormats
	case "graph":
		return graphFormats
	default: // suggest, impact
		return []string{"text", "json"}
	}
}

// registerCompletions completes, in every shell cobra's `completion`
// command supports, the module names of the config (impact's argument,
// --focus) and the fixed values of --format, --level, --fail-on and
// --rules. The commands' own files stay as they are: each flag is found by
// name.
func registerCompletions(root *cobra.Command, g *globalOptions) {
	modules := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return moduleNames(g), cobra.ShellCompDirectiveNoFileComp
	}
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	for _, cmd := range root.Commands() {
		name := cmd.Name()
		if name == "impact" && cmd.ValidArgsFunction == nil {
			cmd.ValidArgsFunction = func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return modules(c, args, "")
			}
		}
		register := func(flag string, f cobra.CompletionFunc) {
			if cmd.Flags().Lookup(flag) != nil {
				_ = cmd.RegisterFlagCompletionFunc(flag, f)
			}
		}
		register("focus", modules)
		register("format", fixed(formatValues(name)...))
		register("level", fixed(report.LevelModule, report.LevelPackage))
		register("fail-on", fixed("error", "warn"))
		register("rules", completeRuleList)
	}
}

// completeRuleList completes the last element of a comma-separated list of
// rule IDs, leaving out those already given.
func completeRuleList(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	i := strings.LastIndex(toComplete, ",")
	prefix, given := toComplete[:i+1], strings.Split(toComplete[:max(i, 0)], ",")
	var out []string
	for _, id := range rules.RuleIDs {
		if !slices.Contains(given, id) {
			out = append(out, prefix+id)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// moduleNames are the config's module names, or none when there is no
// valid config (completion never runs go list).
func moduleNames(g *globalOptions) []string {
	cfg, err := engine.LoadConfig(g.dir, g.config)
	if err != nil {
		return nil
	}
	cfg.Bind("") // expands templates from the directories (no go list)
	names := make([]string, 0, len(cfg.Modules))
	for _, m := range cfg.Modules {
		names = append(names, m.Name)
	}
	return names
}
