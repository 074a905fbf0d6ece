package bot

import (
	"context"
	"strconv"
)

// OptionType is the kind of value an option takes.
type OptionType int

// The option types a command can take.
const (
	Text OptionType = iota
	Integer
	Boolean
)

// Source names what an option's autocomplete offers (see Bot.Suggest).
type Source int

// The autocomplete sources.
const (
	NoSuggestions Source = iota
	// Speakers are the actors the sources quote.
	Speakers
	// Actors are every person, group and place the knowledge base names.
	Actors
	// Places are where events happened.
	Places
	// ClaimedEvents are the events with casualty claims.
	ClaimedEvents
	// Dates are the dates of the timeline's events.
	Dates
	// SummaryTopics are the summary topics of the knowledge base loaded
	// (which a reload may change: fixed choices could not follow it).
	SummaryTopics
)

// Option is one input of a command, as every front end offers it.
type Option struct {
	Name        string
	Type        OptionType
	Description string
	// Required options must be given on Discord; the command explains
	// itself when one is missing from the command line.
	Required bool
	// Words marks the option the command line takes as its positional
	// words ("dossier who-said Blinken").
	Words bool
	// Short is the command line's one-letter form of the flag.
	Short string
	// Default is what an option not given means, shown in the CLI's help.
	Default string
	// MaxLength bounds a Text option on Discord.
	MaxLength int
	// Min and Max bound an Integer option.
	Min, Max int
	// Choices, when set, are the only values a Text option takes.
	Choices []string
	// Suggest is where autocomplete draws values from.
	Suggest Source
	// CLIOnly options are offered on the command line only: what they
	// add (ask's --explain) is shown by the terminal renderer alone.
	CLIOnly bool
}

// Command is one of Dossier's commands, defined once: the Discord
// registration, dispatch and /help, and the CLI's commands, flags and
// completions are all derived from it.
type Command struct {
	Name        string
	Description string
	// Help explains the command's inputs at length (formats, aliases), in
	// paragraphs of one line each that front ends wrap to their width; the
	// CLI shows it in the command's long help.
	Help string
	// Example shows command lines using the command.
	Example string
	Options []Option
	// Moderators, when set, restricts the command to moderators (Manage
	// Messages) and is what anyone else is told.
	Moderators string
	// DiscordOnly commands are not derived into the CLI: it has its own
	// help, reloads on SIGHUP, and reviews feedback with its own
	// "dossier review".
	DiscordOnly bool
	// Facts is set on the commands that answer from the curated facts
	// alone, never searching the corpus: with another corpus they still
	// cite the seeds the facts were written from.
	Facts bool
	// Run answers the command; nil for the commands a front end answers
	// itself (help, reload).
	Run func(ctx context.Context, b *Bot, in Input) (*Answer, error)
	// Heading titles an answer: its words, then the query after Sep ("Who
	// said: Kirby"); the query alone when Heading is empty, Heading alone
	// when the query is.
	Heading, Sep string
	// Chart, when set, draws the answer as a PNG.
	Chart func(ctx context.Context, b *Bot, in Input) ([]byte, error)
}

// Option returns the command's option called name, or nil.
func (c *Command) Option(name string) *Option {
	for i := range c.Options {
		if c.Options[i].Name == name {
			return &c.Options[i]
		}
	}
	return nil
}

// Title is the heading of an answer to the command with the given query.
func (c *Command) Title(query string) string {
	switch {
	case c.Heading == "":
		return query
	case query == "":
		return c.Heading
	}
	return c.Heading + c.Sep + query
}

// Input holds the options a user gave a command, by name, as text; an
// option not given is absent.
type Input map[string]string

// Bool reports whether a Boolean option was given as true.
func (in Input) Bool(name string) bool {
	v, _ := strconv.ParseBool(in[name])
	return v
}

// limit reads the number of results asked for: 0 when not given, an
// input error when it is not a number within 1..MaxLimit.
func (in Input) limit(name string) (int, error) {
	s, ok := in[name]
	if !ok || s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		n = -1 // explicitly 0 or not a number is a mistake, not "the default"
	}
	return CheckLimit(n)
}
