package bot

import (
	"context"
	"strconv"
)

// Option length limits keep a paging button's custom_id (the command and
// its options) within Discord's 100 characters.
const (
	maxDateOption  = 25
	maxNameOption  = 40
	maxEventOption = 60
)

// moderatorsOnly is what Discord users who may not summarise are told.
const moderatorsOnly = "Summaries are posted by moderators (Manage Messages)."

// Commands returns Dossier's commands, in the order help lists them. A new
// command is one entry here plus the method that answers it.
func Commands() []Command {
	return []Command{
		{
			Name:        "ask",
			Description: "Ask about the June 2021 US strikes on Iran-backed militias; answers cite their sources",
			Example: `  dossier ask "Who said the strikes would deter future action?"
  dossier ask --limit 5 --json how many were killed in the June strikes`,
			Options: []Option{
				{Name: "question", Description: "Your question, e.g. Who said the strikes would deter future action?", Required: true, Words: true, MaxLength: MaxQuestion},
				{Name: "limit", Type: Integer, Short: "n", Description: "How many answers (1-10)", Default: strconv.Itoa(DefaultLimit), Min: 1, Max: MaxLimit},
			},
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				limit, err := in.limit("limit")
				if err != nil {
					return nil, err
				}
				return b.Ask(ctx, AskRequest{Question: in["question"], Limit: limit})
			},
		},
		{
			Name:        "timeline",
			Description: "Events in date order, each cited; strikes show the attacks they answered",
			Example: `  dossier timeline --from 2021-06-01 --to "8 July 2021"
  dossier timeline --actor "Kataib Hezbollah"
  dossier timeline --place Erbil --json`,
			Options: []Option{
				{Name: "from", Description: "First date, e.g. 2021-06-01, 1 June 2021 or March 2020", MaxLength: maxDateOption},
				{Name: "to", Description: "Last date", MaxLength: maxDateOption},
				{Name: "actor", Description: "Only events this person or group took part in or was targeted by", MaxLength: maxNameOption, Suggest: Actors},
				{Name: "place", Description: "Only events at this place", MaxLength: maxNameOption, Suggest: Places},
				{Name: "all", Type: Boolean, Description: "Include background events (2002–2016)"},
			},
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				return b.Timeline(ctx, timelineRequest(in))
			},
			Chart: func(ctx context.Context, b *Bot, in Input) ([]byte, error) {
				return b.TimelineChart(ctx, timelineRequest(in))
			},
		},
		{
			Name:        "who-said",
			Description: "A speaker's quotations, with dates and sources; or who said some words",
			Example: `  dossier who-said Blinken
  dossier who-said --quote "clear and unambiguous deterrent message"`,
			Options: []Option{
				{Name: "speaker", Description: "Who, e.g. Blinken, Kirby, Psaki", Words: true, MaxLength: maxNameOption, Suggest: Speakers},
				{Name: "quote", Description: "Words to find the speaker of", MaxLength: MaxQuestion},
			},
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				if Clean(in["speaker"]) != "" && Clean(in["quote"]) != "" {
					return nil, inputErrorf("Give a speaker or a quote, not both.")
				}
				return b.WhoSaid(ctx, WhoSaidRequest{Speaker: in["speaker"], Quote: in["quote"]})
			},
		},
		{
			Name:        "casualties",
			Description: "Every casualty claim about an event, side by side, with who made it",
			Example: `  dossier casualties
  dossier casualties 2021-06-27
  dossier casualties "Camp Taji" --png taji.png`,
			Options: []Option{
				{Name: "event", Description: "A date (2021-06-27) or an event (Camp Taji, Soleimani); empty for all", Words: true, MaxLength: maxEventOption, Suggest: ClaimedEvents},
			},
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				return b.Casualties(ctx, CasualtiesRequest{Event: in["event"]})
			},
			Chart: func(ctx context.Context, b *Bot, in Input) ([]byte, error) {
				return b.CasualtiesChart(ctx, CasualtiesRequest{Event: in["event"]})
			},
		},
		{
			Name:        "summary",
			Description: "Post a cited brief of the strikes in this channel (moderators)",
			Example: `  dossier summary
  dossier summary --topic reactions`,
			Options: []Option{
				{Name: "topic", Description: "What to summarise", Default: Topics()[0], Choices: Topics()},
			},
			Moderators: moderatorsOnly,
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				return b.Summary(ctx, SummaryRequest{Topic: in["topic"]})
			},
		},
		{
			Name:        "reload",
			Description: "Rebuild the index from the sources and curated data (moderators)",
			Moderators:  "Only moderators (Manage Messages) can reload Dossier.",
			DiscordOnly: true,
		},
		{
			Name:        "sources",
			Description: "The news articles Dossier answers from",
			Run:         func(ctx context.Context, b *Bot, _ Input) (*Answer, error) { return b.Sources(ctx) },
		},
		{Name: "help", Description: "What Dossier can do", DiscordOnly: true},
	}
}

func timelineRequest(in Input) TimelineRequest {
	return TimelineRequest{From: in["from"], To: in["to"], Actor: in["actor"], Place: in["place"], All: in.Bool("all")}
}
