package discord_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/discord"
)

// commandName is the pattern Discord accepts for command and option names.
var commandName = regexp.MustCompile(`^[-_\p{Ll}\p{N}]{1,32}$`)

// TestCommandsRegistrable checks what Discord would refuse on registration:
// names, description lengths, required options after optional ones,
// choices and limits.
func TestCommandsRegistrable(t *testing.T) {
	cmds := discord.Commands()
	if len(cmds) != len(bot.Commands()) {
		t.Fatalf("%d commands registered, the table has %d", len(cmds), len(bot.Commands()))
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Name) {
			t.Errorf("command name %q is not valid on Discord", c.Name)
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			t.Errorf("/%s: description is %d characters, want 1-100", c.Name, n)
		}
		if len(c.Options) > 25 {
			t.Errorf("/%s: %d options, over 25", c.Name, len(c.Options))
		}
		optional := false
		for _, o := range c.Options {
			if !commandName.MatchString(o.Name) {
				t.Errorf("/%s %s: option name is not valid on Discord", c.Name, o.Name)
			}
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				t.Errorf("/%s %s: description is %d characters, want 1-100", c.Name, o.Name, n)
			}
			if o.Required && optional {
				t.Errorf("/%s %s: a required option after an optional one", c.Name, o.Name)
			}
			optional = optional || !o.Required
			if o.Autocomplete && len(o.Choices) > 0 {
				t.Errorf("/%s %s: both autocomplete and choices", c.Name, o.Name)
			}
			if o.Type == discordgo.ApplicationCommandOptionString && o.MaxLength > 6000 {
				t.Errorf("/%s %s: max_length %d over 6000", c.Name, o.Name, o.MaxLength)
			}
		}
	}
}

// TestHelpListsEveryCommand proves /help is derived from the table: every
// command appears with each of its options.
func TestHelpListsEveryCommand(t *testing.T) {
	e := newEndpoint(t)
	_, r := e.post(t, command("help", nil), time.Now(), e.priv)
	if len(r.Data.Embeds) == 0 {
		t.Fatal("/help has no embed")
	}
	help := r.Data.Embeds[0].Description
	for _, c := range bot.Commands() {
		line := "`/" + c.Name
		for _, o := range c.Options {
			if !o.CLIOnly {
				line += " " + o.Name + ":"
			}
		}
		if !strings.Contains(help, line+"`") {
			t.Errorf("/help lacks %s`", line)
		}
	}
}

// TestEveryCommandDispatches proves each command of the table reaches a
// handler: none is answered as unknown, even with no options.
func TestEveryCommandDispatches(t *testing.T) {
	e := newEndpoint(t)
	mod := strconv.FormatInt(discordgo.PermissionManageMessages, 10)
	for _, c := range bot.Commands() {
		body := interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": c.Name, "type": 1}, mod)
		code, r := e.post(t, body, time.Now(), e.priv)
		if code != 200 || r.Data == nil {
			t.Errorf("/%s: status %d", c.Name, code)
			continue
		}
		if strings.Contains(r.Data.Content, "Unknown command") || strings.Contains(r.Data.Content, "Something went wrong") {
			t.Errorf("/%s answered %q", c.Name, r.Data.Content)
		}
	}
}
