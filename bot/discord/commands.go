package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// Commands returns the application commands Dossier registers, derived
// from the command table.
func Commands() []*discordgo.ApplicationCommand {
	moderators := int64(discordgo.PermissionManageMessages)
	var out []*discordgo.ApplicationCommand
	for _, c := range bot.Commands() {
		ac := &discordgo.ApplicationCommand{Name: c.Name, Description: c.Description}
		if c.Moderators != "" {
			ac.DefaultMemberPermissions = &moderators
		}
		for _, o := range c.Options {
			if !o.CLIOnly {
				ac.Options = append(ac.Options, option(o))
			}
		}
		out = append(out, ac)
	}
	return out
}

// option is a command option as Discord registers it.
func option(o bot.Option) *discordgo.ApplicationCommandOption {
	d := &discordgo.ApplicationCommandOption{Name: o.Name, Description: o.Description, Required: o.Required}
	switch o.Type {
	case bot.Integer:
		lo, hi := float64(o.Min), float64(o.Max)
		d.Type, d.MinValue, d.MaxValue = discordgo.ApplicationCommandOptionInteger, &lo, hi
	case bot.Boolean:
		d.Type = discordgo.ApplicationCommandOptionBoolean
	default:
		d.Type, d.MaxLength = discordgo.ApplicationCommandOptionString, o.MaxLength
		d.Autocomplete = o.Suggest != bot.NoSuggestions
		for _, c := range o.Choices {
			d.Choices = append(d.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
		}
	}
	return d
}
