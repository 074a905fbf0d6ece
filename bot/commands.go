package bot

import (
	"context"
	"strconv"
	"strings"
)

// Option length limits keep most paging buttons' custom_ids (the command
// and its options) within Discord's 100 characters; a longer one (a long
// question) is remembered by the Discord handler under a short hash.
const (
	maxDateOption  = 25
	maxNameOption  = 40
	maxEventOption = 60
)

// Help texts shared by several commands.
const (
	dateHelp = `DATE is a day, a month or a year, in figures or in words: 2021-06-27, 27 June 2021, June 27 2021, 6/27/2021, 6/27 (month first, as the sources write; 27/06/2021 when the first figure cannot be a month), 2021-06, June 2021, 2020. --from starts at the first day of a month or year and --to ends at its last day, so --from 2020 --to 2020 is the whole year. A date without a year (27 June, March) is of 2021, the year of the strikes the sources are about; when both ends have none (--from "13 March" --to "13 March"), of the latest year with events between them (2020), and the answer says how it read them.`
	nameHelp = `Names resolve through the knowledge base's aliases and forgive small typos: KH and Kata'ib Hezbollah are Kataib Hezbollah, KSS is Kataib Sayyid al-Shuhada, PMF, PMU and Hashd al-Shaabi are the Popular Mobilization Forces, Binkin is Blinken. Shell completion (dossier completion --help) offers the names the sources use.`
)

// moderatorsOnly is what Discord users who may not summarise are told.
const moderatorsOnly = "Summaries are posted by moderators (Manage Messages)."

// Commands returns Dossier's commands, in the order help lists them. A new
// command is one entry here plus the method that answers it.
func Commands() []Command {
	topics := Topics()
	cmds := []Command{
		{
			Name:        "ask",
			Description: "Ask about the June 2021 US strikes on Iran-backed militias; answers cite their sources",
			Help:        `QUESTION is plain words, never query syntax; give - to read it from standard input. Curated quotations and casualty claims are ranked with the passages, so "who said …" finds a quotation, and a casualty question that names one event finds that event's claims. ` + nameHelp,
			Example: `  dossier ask "Who said the strikes would deter future action?"
  dossier ask --limit 5 --json how many were killed in the June strikes
  dossier ask --explain "How many drones were shot down on June 9?"`,
			Options: []Option{
				{Name: "question", Description: "Your question, e.g. Who said the strikes would deter future action?", Required: true, Words: true, MaxLength: MaxQuestion},
				{Name: "limit", Type: Integer, Short: "n", Description: "How many answers (1-10)", Default: strconv.Itoa(DefaultLimit), Min: 1, Max: MaxLimit},
				{Name: "explain", Type: Boolean, CLIOnly: true, Description: "Show how the question was read and why each answer ranked"},
			},
			Run: func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				limit, err := in.limit("limit")
				if err != nil {
					return nil, err
				}
				return b.Ask(ctx, AskRequest{Question: in["question"], Limit: limit, Explain: in.Bool("explain")})
			},
		},
		{
			Name:        "timeline",
			Facts:       true,
			Heading:     "Timeline",
			Sep:         " — ",
			Description: "Events in date order, each cited; strikes show the attacks they answered",
			Help: dateHelp + `

--actor takes a person, group or state (events they took part in or were targeted by), or a first name one speaker has (Joe), and --place a place; a country holds the places within it (--place Iraq lists Erbil's and Camp Taji's events). ` + nameHelp,
			Example: `  dossier timeline --from 2021-06-01 --to "8 July 2021"
  dossier timeline --actor "Kataib Hezbollah"
  dossier timeline --place Erbil --json`,
			Options: []Option{
				{Name: "from", Description: "First date, e.g. 2021-06-01, 1 June 2021 or March 2020", MaxLength: maxDateOption, Suggest: Dates},
				{Name: "to", Description: "Last date", MaxLength: maxDateOption, Suggest: Dates},
				{Name: "actor", Description: "Only events this person or group took part in or was targeted by", MaxLength: maxNameOption, Suggest: Actors},
				{Name: "place", Description: "Only events at this place", MaxLength: maxNameOption, Suggest: Places},
				{Name: "all", Type: Boolean, Description: "Include background events (2002–2016), as a from date before 2017 does"},
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
			Facts:       true,
			Heading:     "Who said",
			Sep:         ": ",
			Description: "A speaker's quotations, with dates and sources; or who said some words",
			Help:        `SPEAKER is a name or an alias: Blinken, Secretary Blinken, Kirby, Psaki, Rasool. --quote finds every speaker the sources give some words to, with each attribution's source. Give - to read the speaker from standard input. ` + nameHelp,
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
			Facts:       true,
			Heading:     "Casualty claims",
			Sep:         " — ",
			Description: "Every casualty claim about an event, side by side, with who made it",
			Help:        `EVENT is a date or words. A date is a day, a month or a year (2021-06-27, June 27, 27 June 2021, March 2020) and picks the events with casualty claims on it. Words name a place, a person, what happened or who gave the figures: Camp Taji, Soleimani, Erbil, embassy, Pentagon. Without EVENT, every event with claims, each with its count of claims and of deaths claimed, cited. Give - to read EVENT from standard input. ` + nameHelp,
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
			Facts:       true,
			Heading:     "Summary",
			Sep:         " — ",
			Description: "A cited brief of the strikes, for moderators to post in a channel",
			Example: `  dossier summary
  dossier summary --topic reactions`,
			Options: []Option{
				{Name: "topic", Description: "What to summarise: " + strings.Join(topics, ", ") + " (default: the first)", Suggest: SummaryTopics},
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
			Name:        "review",
			Description: "The most frequent unanswered and downvoted questions, to mark resolved (moderators)",
			Example: `  dossier review
  dossier review --status resolved --page 2
  dossier review resolve KEY --expected "27 June 2021" --note "wording added to the timeline"`,
			Options: []Option{
				{Name: "status", Description: "Which questions to list", Default: ReviewStatuses()[0], Choices: ReviewStatuses()},
				{Name: "page", Type: Integer, Description: "Page of the list", Default: "1", Min: 1, Max: MaxReviewPage},
			},
			Moderators: "Only moderators (Manage Messages) can review feedback.",
			// Answered from the feedback store, not the index: each front
			// end has its own form (buttons and forms on Discord).
			DiscordOnly: true,
		},
		{
			Name:        "sources",
			Heading:     "Sources",
			Sep:         " — ",
			Description: "The news articles Dossier answers from",
			Run:         func(ctx context.Context, b *Bot, _ Input) (*Answer, error) { return b.Sources(ctx) },
		},
		{Name: "help", Description: "What Dossier can do", DiscordOnly: true},
	}
	for i := range cmds {
		if run := cmds[i].Run; run != nil {
			cmds[i].Run = func(ctx context.Context, b *Bot, in Input) (*Answer, error) {
				a, err := run(ctx, b, in)
				if a != nil {
					b.place(a)
				}
				return a, err
			}
		}
	}
	return cmds
}

// MaxReviewPage bounds the page a review list is asked for.
const MaxReviewPage = 1000

// ReviewStatuses are the lists /review offers: questions waiting for a
// moderator, those resolved, or both.
func ReviewStatuses() []string { return []string{"pending", "resolved", "all"} }

func timelineRequest(in Input) TimelineRequest {
	return TimelineRequest{From: in["from"], To: in["to"], Actor: in["actor"], Place: in["place"], All: in.Bool("all")}
}
