package main

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
)

// shownOption is an option as a user of one front end sees it.
type shownOption struct {
	Type string
	// Choices are the only values offered; Suggests says whether values
	// are suggested as the user types.
	Choices  string
	Suggests bool
}

func (s shownOption) String() string {
	return fmt.Sprintf("%s choices=[%s] suggests=%v", s.Type, s.Choices, s.Suggests)
}

// discordOptions lists a registered command's options.
func discordOptions(c *discordgo.ApplicationCommand) map[string]shownOption {
	types := map[discordgo.ApplicationCommandOptionType]string{
		discordgo.ApplicationCommandOptionString:  "text",
		discordgo.ApplicationCommandOptionInteger: "integer",
		discordgo.ApplicationCommandOptionBoolean: "boolean",
	}
	out := map[string]shownOption{}
	for _, o := range c.Options {
		var choices []string
		for _, ch := range o.Choices {
			choices = append(choices, fmt.Sprint(ch.Value))
		}
		typ, ok := types[o.Type]
		if !ok {
			typ = fmt.Sprintf("discord type %d", o.Type)
		}
		out[o.Name] = shownOption{Type: typ, Choices: strings.Join(choices, ","), Suggests: o.Autocomplete}
	}
	return out
}

// cliOptions lists a command's flags (less --png, which only the terminal
// needs: Discord attaches the chart) and the option its words fill. Shell
// completion that offers the same values whatever was typed is a fixed
// list of choices; completion that narrows as the user types suggests.
func cliOptions(t *testing.T, cmd *cobra.Command) map[string]shownOption {
	types := map[string]string{"string": "text", "int": "integer", "bool": "boolean"}
	completion := func(s *shownOption, complete cobra.CompletionFunc) {
		all, _ := complete(cmd, nil, "")
		none, _ := complete(cmd, nil, "zzqx")
		switch {
		case len(all) == 0:
		case slices.Equal(all, none):
			s.Choices = strings.Join(all, ",")
		default:
			s.Suggests = true
		}
	}
	out := map[string]shownOption{}
	if w := cmd.Annotations[wordsAnnotation]; w != "" {
		s := shownOption{Type: "text"}
		if cmd.ValidArgsFunction != nil {
			completion(&s, cmd.ValidArgsFunction)
		}
		out[w] = s
	}
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "png" || f.Name == "help" {
			return
		}
		typ, ok := types[f.Value.Type()]
		if !ok {
			typ = "flag type " + f.Value.Type()
		}
		s := shownOption{Type: typ}
		if complete, ok := cmd.GetFlagCompletionFunc(f.Name); ok {
			completion(&s, complete)
		}
		out[f.Name] = s
	})
	return out
}

// TestCLIMatchesDiscord proves that every command offered on both fronts
// takes the same options, with the same types and choices, and that the
// commands only Discord has are the ones the CLI does differently.
func TestCLIMatchesDiscord(t *testing.T) {
	o := &options{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	root := newRoot(o)
	var discordOnly []string
	for _, dc := range discord.Commands() {
		cmd, _, err := root.Find([]string{dc.Name})
		if err != nil || cmd == root {
			discordOnly = append(discordOnly, dc.Name)
			continue
		}
		t.Run(dc.Name, func(t *testing.T) {
			cmd.SetContext(t.Context())
			want, got := discordOptions(dc), cliOptions(t, cmd)
			if len(want) == 0 && len(got) == 0 {
				return
			}
			names := map[string]bool{}
			for n := range want {
				names[n] = true
			}
			for n := range got {
				names[n] = true
			}
			var all []string
			for n := range names {
				all = append(all, n)
			}
			sort.Strings(all)
			for _, n := range all {
				w, inDiscord := want[n]
				g, inCLI := got[n]
				switch {
				case !inCLI:
					t.Errorf("option %s (%v) is on Discord but not on the command line", n, w)
				case !inDiscord && cliOnly(dc.Name, n):
					// offered on the command line alone, by design
				case !inDiscord:
					t.Errorf("option %s (%v) is on the command line but not on Discord", n, g)
				case w != g:
					t.Errorf("option %s: command line %v, Discord %v", n, g, w)
				}
			}
		})
	}
	sort.Strings(discordOnly)
	if want := []string{"help", "reload"}; !slices.Equal(discordOnly, want) {
		t.Errorf("commands only on Discord = %v, want %v", discordOnly, want)
	}
}

// cliOnly reports whether the command table offers an option on the
// command line alone.
func cliOnly(command, option string) bool {
	for _, c := range bot.Commands() {
		if o := c.Option(option); c.Name == command && o != nil {
			return o.CLIOnly
		}
	}
	return false
}
