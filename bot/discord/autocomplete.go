package discord

import (
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// maxChoices is how many autocomplete choices Discord shows.
const maxChoices = 25

// autocomplete offers the choices for the focused option, from the source
// the command table names for it.
func (h *Handler) autocomplete(data discordgo.ApplicationCommandInteractionData) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range data.Options {
		if o.Focused {
			focused = o
		}
	}
	c := h.commands[data.Name]
	if focused == nil || c == nil {
		return choices
	}
	opt := c.Option(focused.Name)
	if opt == nil || opt.Suggest == bot.NoSuggestions {
		return choices
	}
	sv, release := h.acquire()
	defer release()
	for _, s := range sv.bot.Suggest(opt.Suggest, fmt.Sprint(focused.Value)) {
		if len(choices) == maxChoices {
			break
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: fit(s.Name, 100), Value: s.Value})
	}
	return choices
}
