package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// Option length limits keep a paging custom_id within 100 characters.
const (
	maxDateOption  = 25
	maxNameOption  = 40
	maxEventOption = 60
)

// Commands returns the application commands Dossier registers.
func Commands() []*discordgo.ApplicationCommand {
	minOne, maxLimit := float64(1), float64(bot.MaxLimit)
	moderators := int64(discordgo.PermissionManageMessages)
	var topics []*discordgo.ApplicationCommandOptionChoice
	for _, t := range bot.Topics() {
		topics = append(topics, &discordgo.ApplicationCommandOptionChoice{Name: t, Value: t})
	}
	str := func(name, desc string, required bool, maxLen int) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required, MaxLength: maxLen}
	}
	auto := func(o *discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		o.Autocomplete = true
		return o
	}
	return []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask about the June 2021 US strikes on Iran-backed militias; answers cite their sources",
			Options: []*discordgo.ApplicationCommandOption{
				str("question", "Your question, e.g. Who said the strikes would deter future action?", true, bot.MaxQuestion),
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit", Description: "How many answers (1-10)", MinValue: &minOne, MaxValue: maxLimit},
			},
		},
		{
			Name:        "timeline",
			Description: "Events in date order, each cited; strikes show the attacks they answered",
			Options: []*discordgo.ApplicationCommandOption{
				str("from", "First date, e.g. 2021-06-01 or 1 June 2021", false, maxDateOption),
				str("to", "Last date", false, maxDateOption),
				auto(str("actor", "Only events this person or group took part in", false, maxNameOption)),
			},
		},
		{
			Name:        "who-said",
			Description: "A speaker's quotations, with dates and sources",
			Options:     []*discordgo.ApplicationCommandOption{auto(str("speaker", "Who, e.g. Blinken, Kirby, Psaki", true, maxNameOption))},
		},
		{
			Name:        "casualties",
			Description: "Every casualty claim about an event, side by side, with who made it",
			Options:     []*discordgo.ApplicationCommandOption{auto(str("event", "A date (2021-06-27) or an event (Camp Taji, Soleimani); empty for all", false, maxEventOption))},
		},
		{
			Name:                     "summary",
			Description:              "Post a cited brief of the strikes in this channel (moderators)",
			DefaultMemberPermissions: &moderators,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "What to summarise", Choices: topics,
			}},
		},
		{
			Name:                     "reload",
			Description:              "Rebuild the index from the sources and curated data (moderators)",
			DefaultMemberPermissions: &moderators,
		},
		{Name: "sources", Description: "The news articles Dossier answers from"},
		{Name: "help", Description: "What Dossier can do"},
	}
}
