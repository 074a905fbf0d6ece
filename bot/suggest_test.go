package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
)

func TestSuggest(t *testing.T) {
	b, err := bot.Open(t.Context(), bot.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tests := []struct {
		src       bot.Source
		typed     string
		wantFirst string // the value of the first suggestion
		without   string // a value that must not be offered
	}{
		{bot.Speakers, "bli", "Antony Blinken", ""},
		{bot.Speakers, "psak", "Jen Psaki", "Kataib Hezbollah"},
		{bot.Speakers, "", "", "Erbil"}, // only people and bodies the sources quote
		{bot.Actors, "kataib h", "Kataib Hezbollah", ""},
		{bot.Actors, "binkin", "Antony Blinken", ""}, // a typo still finds him
		{bot.Places, "erb", "Erbil", "remarks to reporters"},
		{bot.Places, "", "", "Pentagon statement"},
		{bot.ClaimedEvents, "2021-06-27", "", ""},
		{bot.NoSuggestions, "anything", "", ""},
		// The loaded knowledge base's summary topics.
		{bot.SummaryTopics, "", "overview", ""},
		{bot.SummaryTopics, "rea", "reactions", "overview"},
	}
	for _, tt := range tests {
		got := b.Suggest(tt.src, tt.typed)
		if got == nil {
			t.Errorf("Suggest(%v, %q) = nil, want a list", tt.src, tt.typed)
			continue
		}
		if tt.wantFirst != "" && (len(got) == 0 || got[0].Value != tt.wantFirst) {
			t.Errorf("Suggest(%v, %q) = %v, want %q first", tt.src, tt.typed, got, tt.wantFirst)
		}
		for _, c := range got {
			if tt.without != "" && c.Value == tt.without {
				t.Errorf("Suggest(%v, %q) offers %q", tt.src, tt.typed, tt.without)
			}
		}
	}
	// An event suggestion's value must name the event to the command.
	for _, c := range b.Suggest(bot.ClaimedEvents, "erbil") {
		a, err := b.Casualties(t.Context(), bot.CasualtiesRequest{Event: c.Value})
		if err != nil || a.NotCovered {
			t.Errorf("casualties for suggestion %q (%s) = %v, %v; want its claims", c.Value, c.Name, a, err)
		}
	}
	// So must a place suggestion's, to the timeline.
	for _, c := range b.Suggest(bot.Places, "") {
		a, err := b.Timeline(t.Context(), bot.TimelineRequest{Place: c.Value, All: true})
		if err != nil || a.NotCovered {
			t.Errorf("timeline for place suggestion %q = %v, %v; want events", c.Value, a, err)
		}
	}
	// And an actor suggestion's: only actors some event involves are
	// offered (Luigi Di Maio is quoted, but in no event).
	actors := b.Suggest(bot.Actors, "")
	if len(actors) == 0 {
		t.Fatal("Suggest(Actors, \"\") = none, want the actors of the events")
	}
	for _, c := range actors {
		if c.Value == "Luigi Di Maio" {
			t.Errorf("Suggest(Actors, \"\") offers %q, whom no event involves", c.Value)
		}
		a, err := b.Timeline(t.Context(), bot.TimelineRequest{Actor: c.Value, All: true})
		if err != nil || a.NotCovered {
			t.Errorf("timeline for actor suggestion %q = %v, %v; want events", c.Value, a, err)
		}
	}
}
