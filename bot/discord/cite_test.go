package discord_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
)

var fieldName = regexp.MustCompile(`^(Source|Attributed in|Given to another speaker in|Asked in|Also in|In answer to): (\[[^\]]+\]) \S+$`)

// TestOneCitationPerPassage renders every command's answers into embeds
// and checks each result's citation fields: each labelled, each passage
// once, each quote in a block quote with its marks balanced.
func TestOneCitationPerPassage(t *testing.T) {
	st := bottest.New(t, "")
	runs := []struct {
		command string
		in      bot.Input
	}{
		{"timeline", bot.Input{"all": "true"}}, {"casualties", nil}, {"casualties", bot.Input{"event": "2021-06-27"}},
		{"who-said", bot.Input{"speaker": "Blinken"}}, {"who-said", bot.Input{"speaker": "Psaki"}}, {"who-said", bot.Input{"quote": "deterrent message"}},
		{"summary", nil}, {"summary", bot.Input{"topic": "reactions"}}, {"summary", bot.Input{"topic": "casualties"}},
		{"sources", nil}, {"ask", bot.Input{"question": "Who said the strikes would deter future action?"}},
		{"ask", bot.Input{"question": "What did Blinken say?", "limit": "10"}},
	}
	commands := map[string]bot.Command{}
	for _, c := range bot.Commands() {
		commands[c.Name] = c
	}
	// A made-up answer whose citations quote several paragraphs, cut
	// inside a quotation.
	made := &bot.Answer{Command: "timeline", Results: []bot.Result{{Text: "An event", Citations: []bot.Citation{
		{Doc: "003_x.txt", Passage: "003:4", Quote: "\"First paragraph.\n\n\"Second paragraph, cut"},
		{Doc: "003_x.txt", Passage: "003:5", Quote: "SECRETARY BLINKEN: “I think", Role: bot.Answered},
	}}}}
	answered := 0
	for _, r := range append(runs, struct {
		command string
		in      bot.Input
	}{"made-up", nil}) {
		a := made
		if c, ok := commands[r.command]; ok {
			var err error
			if a, err = c.Run(t.Context(), st.Bot, r.in); err != nil {
				t.Fatalf("%s %v: %v", r.command, r.in, err)
			}
		}
		for _, page := range discord.Pages(a) {
			for _, e := range page[1:] {
				seen := map[string]bool{}
				for _, f := range e.Fields {
					if f.Name == "More sources" {
						continue
					}
					m := fieldName.FindStringSubmatch(f.Name)
					if m == nil {
						t.Errorf("%s %v: field %q is not a labelled citation", r.command, r.in, f.Name)
						continue
					}
					if m[1] == "In answer to" {
						answered++
					}
					if seen[m[2]] {
						t.Errorf("%s %v: passage %s cited twice in one result: %s", r.command, r.in, m[2], e.Description)
					}
					seen[m[2]] = true
					if f.Value == "the words above, verbatim" {
						continue
					}
					// Each line stays in the block quote, a quotation of
					// several paragraphs too.
					for _, l := range strings.Split(f.Value, "\n") {
						if !strings.HasPrefix(l, "> ") {
							t.Errorf("%s %v: line %q of a citation is outside its block quote", r.command, r.in, l)
						}
					}
					if !bottest.Balanced(f.Value) {
						t.Errorf("%s %v: unbalanced quotation marks in %q", r.command, r.in, f.Value)
					}
				}
			}
		}
	}
	if answered == 0 {
		t.Errorf("no strike's citation was labelled \"In answer to\"")
	}
}
