package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

const helpIntro = "**Dossier** answers questions about the 27 June 2021 US airstrikes on Iran-backed militias on the Iraq–Syria border, the reactions, the militia attacks before and after, and the earlier US strikes of 2019–2021. Every answer cites the words it came from: `[003 §12]` is passage 12 of source 003.\n"

// help answers /help with a line for every command in the table.
func (h *Handler) help(context.Context, *discordgo.Interaction, bot.Input) (*discordgo.InteractionResponseData, string) {
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{{Title: "Dossier", Description: h.helpText, Color: colour}},
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, "ok"
}

// helpText lists every command with its options.
func helpText(commands []bot.Command) string {
	var b strings.Builder
	b.WriteString(helpIntro)
	for _, c := range commands {
		b.WriteString("\n`/" + c.Name)
		for _, o := range c.Options {
			if !o.CLIOnly {
				b.WriteString(" " + o.Name + ":")
			}
		}
		b.WriteString("` " + c.Description)
	}
	b.WriteString(helpFormats)
	return b.String()
}

// helpFormats says how to write the options' values.
const helpFormats = "\n\n**Dates** (`from:`, `to:`, `event:`): 2021-06-27, 27 June 2021, June 2021 or 2020. " +
	"**Names** resolve through aliases and small typos: KH, KSS, PMF or Hashd, Binkin for Blinken. " +
	"**Citations** are labelled: *Source* (where the words come from), *Attributed in* (the passage naming the speaker), " +
	"*Asked in* (the reporter's question answered), *Also in* (other reports), *Given to another speaker in* (a report that puts the words in someone else's mouth), " +
	"*In answer to* (the attacks a strike answered)."
