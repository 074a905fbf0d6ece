package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
)

// TestTimelineEveryEvent finds every event by its own date, and checks the
// order is by full date, never by month and day.
func TestTimelineEveryEvent(t *testing.T) {
	f := newFixture(t, index.BM25)
	for _, e := range f.kb.Events {
		date := e.When.ISO()
		a, err := f.bot.Timeline(t.Context(), bot.TimelineRequest{From: date, To: date, All: true})
		if err != nil {
			t.Fatalf("Timeline(%s) error: %v", date, err)
		}
		found := false
		for _, r := range a.Results {
			if !strings.Contains(r.Text, e.Summary) {
				continue
			}
			found = true
			// What --json carries of the event is its record's.
			if r.Event == nil || r.Event.ID != e.ID || r.Event.Kind != string(e.Kind) || len(r.Event.RespondsTo) != len(e.RetaliationFor) || len(r.Event.Places) != len(e.Places) {
				t.Errorf("Timeline(%s) event of %s = %+v, want its record's id, kind, places and %d answered attacks", date, e.ID, r.Event, len(e.RetaliationFor))
			}
		}
		if !found {
			t.Errorf("Timeline(from=to=%s) does not list event %s", date, e.ID)
		}
	}
	a, err := f.bot.Timeline(t.Context(), bot.TimelineRequest{})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for _, r := range a.Results {
		if r.Date < prev && !strings.HasPrefix(prev, r.Date) {
			t.Errorf("timeline out of order: %s after %s", r.Date, prev)
		}
		prev = r.Date
	}
	if first := a.Results[0].Date; first != "2019-12-27" {
		t.Errorf("timeline starts %s, want 2019-12-27 (December 2019 before January 2020)", first)
	}
}

func TestTimelineYearless(t *testing.T) {
	f := newFixture(t, index.BM25)
	req := bot.TimelineRequest{From: "27 June"}
	a, err := f.bot.Timeline(t.Context(), req)
	if err != nil {
		t.Fatalf("Timeline(%+v) error: %v", req, err)
	}
	if want := "Read “27 June” as 27 June 2021, the year of the strikes"; !strings.Contains(a.Text, want) {
		t.Errorf("Timeline(%+v).Text = %q, want it to contain %q", req, a.Text, want)
	}
	if len(a.Results) == 0 || a.Results[0].Date != "2021-06-27" {
		t.Errorf("Timeline(%+v) starts with %v, want 2021-06-27", req, a.Results)
	}
	// The same reading is said once.
	req = bot.TimelineRequest{From: "June", To: "June"}
	if a, err := f.bot.Timeline(t.Context(), req); err != nil || strings.Count(a.Text, "Read ") != 1 || strings.Count(a.Text, "June 2021") != 1 {
		t.Errorf("Timeline(%+v) = %v, %v; want one reading of June as June 2021", req, a, err)
	}
	// Both ends without a year are of the latest year with events
	// between them, so a day the sources date in another year is found;
	// one over a year's end ends in the next year.
	for _, tt := range []struct {
		from, to, want, read string
	}{
		{"march 13", "march 13", "2020-03-13", "Read “march 13” as 13 March 2020, the latest year with events on it."},
		{"december 29", "january 5", "2019-12-29", "Read “december 29” as 29 December 2019 and “january 5” as 5 January 2020"},
		{"june 9", "june 9", "2021-06-09", "Read “june 9” as 9 June 2021, the year of the strikes"},
		// A day in words is read as in figures.
		{"the thirteenth of march", "march thirteenth", "2020-03-13", "Read “the thirteenth of march” as 13 March 2020"},
		{"june twenty-seventh", "", "2021-06-27", "Read “june twenty-seventh” as 27 June 2021"},
	} {
		req := bot.TimelineRequest{From: tt.from, To: tt.to}
		a, err := f.bot.Timeline(t.Context(), req)
		if err != nil {
			t.Fatalf("Timeline(%+v) error: %v", req, err)
		}
		if len(a.Results) == 0 || a.Results[0].Date != tt.want || !strings.Contains(a.Text, tt.read) {
			t.Errorf("Timeline(%+v) = %q, first %v; want %s first and %q", req, a.Text, a.Results, tt.want, tt.read)
		}
	}
	// 29 February has no year with events: the strikes' year has no such day.
	req = bot.TimelineRequest{From: "feb 29", To: "feb 29"}
	if _, err := f.bot.Timeline(t.Context(), req); !bot.IsInputError(err) || !strings.Contains(err.Error(), "not a real date in 2021") {
		t.Errorf("Timeline(%+v) = %v, want an input error: not a real date in 2021", req, err)
	}
}

func TestTimelineFilters(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		req      bot.TimelineRequest
		wantDate []string
		notDate  []string
	}{
		{bot.TimelineRequest{From: "27 June 2021", To: "June 27, 2021"}, []string{"2021-06-27"}, []string{"2021-06-26", "2021-06-28"}},
		{bot.TimelineRequest{From: "March 2020", To: "March 2020"}, []string{"2020-03-11", "2020-03-13"}, []string{"2020-01-03"}},
		// Without a year, the strikes' year.
		{bot.TimelineRequest{From: "june 27", To: "28 June"}, []string{"2021-06-27", "2021-06-28"}, []string{"2021-06-26", "2021-07-05"}},
		{bot.TimelineRequest{From: "2021-06-28", To: "2021-07-08"}, []string{"2021-06-28", "2021-07-05", "2021-07-06", "2021-07-07", "2021-07-08"}, []string{"2021-06-27"}},
		{bot.TimelineRequest{Actor: "KH"}, []string{"2019-12-29", "2019-12-31", "2020-01-03", "2020-03-13", "2021-02-25", "2021-06-27"}, []string{"2021-07-05"}},
		{bot.TimelineRequest{Actor: "Kata'ib Sayyid al-Shuhada"}, []string{"2021-02-25", "2021-06-27"}, []string{"2019-12-29"}},
		// A first name one speaker has, as who-said takes it.
		{bot.TimelineRequest{Actor: "Joe"}, []string{"2021-02-25", "2021-06-27", "2021-06-28"}, []string{"2021-06-26", "2020-01-03"}},
		// A name a slip away; a word of several actors' names is all of them.
		{bot.TimelineRequest{Actor: "Hezbolah"}, []string{"2019-12-29", "2020-03-13", "2021-06-27"}, []string{"2021-07-05"}},
		{bot.TimelineRequest{Actor: "kataib"}, []string{"2019-12-29", "2021-02-25", "2021-06-27"}, []string{"2021-07-05"}},
		{bot.TimelineRequest{Actor: "kataib sayyid"}, []string{"2021-02-25", "2021-06-27"}, []string{"2019-12-29"}}, // the start of a name of several words
		{bot.TimelineRequest{Place: "Erbil"}, []string{"2021-02-15", "2021-04-14", "2021-06-26", "2021-07-06"}, []string{"2021-05-08"}},
		// A country holds the places within it.
		{bot.TimelineRequest{Place: "Iraq"}, []string{"2019-12-27", "2020-03-11", "2021-04-14", "2021-07-07", "2021-06-27"}, []string{"2021-02-25", "2021-06-28"}},
		{bot.TimelineRequest{Place: "Syria"}, []string{"2021-02-25", "2021-06-28", "2021-06-27"}, []string{"2021-07-06", "2020-03-11"}},
		{bot.TimelineRequest{Place: "Ain al-Assad"}, []string{"2021-05-08", "2021-06-06", "2021-07-05", "2021-07-07"}, []string{"2021-04-14"}},
		// A slip in the name finds what the name does, the events whose
		// description of where names it among them (Camp Taji, "near
		// Baghdad").
		{bot.TimelineRequest{Place: "Bagdad"}, []string{"2019-12-31", "2020-03-11", "2020-03-13", "2021-07-08"}, []string{"2021-02-25"}},
		// A body or a state named in where an event was is no place of it:
		// "Pentagon statement", "near the US Embassy, Baghdad".
		{bot.TimelineRequest{Place: "Iraq"}, []string{"2021-07-08"}, []string{"2021-06-28"}},
		// A place only an event's description of where names, by its
		// words whole.
		{bot.TimelineRequest{Place: "Kurdistan"}, []string{"2021-02-15"}, []string{"2021-06-26"}},
		{bot.TimelineRequest{Place: "kurdistan region"}, []string{"2021-02-15"}, nil},
	}
	for _, tt := range tests {
		a, err := f.bot.Timeline(t.Context(), tt.req)
		if err != nil {
			t.Fatalf("Timeline(%+v) error: %v", tt.req, err)
		}
		have := map[string]bool{}
		for _, r := range a.Results {
			have[r.Date] = true
		}
		for _, d := range tt.wantDate {
			if !have[d] {
				t.Errorf("Timeline(%+v) lacks %s (has %v)", tt.req, d, have)
			}
		}
		for _, d := range tt.notDate {
			if have[d] {
				t.Errorf("Timeline(%+v) has %s, want it filtered out", tt.req, d)
			}
		}
	}
	// A range after the sources says where they end.
	for _, from := range []string{"2022", "august", "july 9"} {
		if a, err := f.bot.Timeline(t.Context(), bot.TimelineRequest{From: from}); err != nil || len(a.Results) != 0 || !strings.Contains(a.Text, "The latest event in the sources is on 8 July 2021.") {
			t.Errorf("Timeline(from %s) = %+v, %v; want no events and where the sources end", from, a, err)
		}
	}
	// A word of several actors' names says whom it was read as.
	a, err := f.bot.Timeline(t.Context(), bot.TimelineRequest{Actor: "kataib"})
	if want := "Actor “kataib” read as Kataib Hezbollah and Kataib Sayyid al-Shuhada."; err != nil || !strings.Contains(a.Text, want) {
		t.Errorf("Timeline(actor kataib).Text = %q (%v), want it to contain %q", a.Text, err, want)
	}
}

func TestTimelineBadInput(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		req  bot.TimelineRequest
		want string
	}{
		{bot.TimelineRequest{From: "2021-13-45"}, "there is no month 13"},
		{bot.TimelineRequest{From: "31/02/2021"}, "not a real date"},
		{bot.TimelineRequest{From: "29 Feb"}, "not a real date in 2021"},
		// A year written as 0 is no date without a year.
		{bot.TimelineRequest{From: "0000-01-01"}, "there is no year 0"},
		{bot.TimelineRequest{From: "1 January 0000"}, "there is no year 0"},
		{bot.TimelineRequest{From: "01/01/0000"}, "there is no year 0"},
		{bot.TimelineRequest{From: "July 2021", To: "Jan 3"}, "reversed as read: July 2021 is after 3 January 2021, a date without a year being of 2021; give the years"},
		{bot.TimelineRequest{From: "yesterday"}, "is not a date"},
		{bot.TimelineRequest{From: "2021-07-01", To: "2021-06-01"}, "reversed"},
		// Two days of one month without years are reversed, not a year
		// apart ("December 20" to "January 5" spans the new year).
		{bot.TimelineRequest{From: "june 9", To: "june 8"}, "reversed as read: 9 June 2021 is after 8 June 2021"},
		{bot.TimelineRequest{Actor: "Napoleon"}, "name no one"},
		// A mention, dropped, does not drop the filter with it.
		{bot.TimelineRequest{Actor: "@everyone"}, "names no one and nowhere"},
		{bot.TimelineRequest{Place: "<@123456789012345678>"}, "names no one and nowhere"},
		// A place the sources name where no event took place.
		{bot.TimelineRequest{Place: "Mali"}, "no event in the sources took place at “Mali”"},
		{bot.TimelineRequest{Place: "Somali"}, "no event"},
		// Little words are no place, though descriptions of where hold them.
		{bot.TimelineRequest{Place: "the"}, "no event"},
		{bot.TimelineRequest{Place: "near"}, "no event"},
		{bot.TimelineRequest{From: "@everyone"}, "that is no date"},
		{bot.TimelineRequest{To: "<@123456789012345678>"}, "that is no date"},
		{bot.TimelineRequest{Actor: "the"}, "name no one"},
		// Another first name is someone else, as who-said tells.
		{bot.TimelineRequest{Actor: "Jill Biden"}, "no one called “Jill Biden”; they name Joe Biden"},
		{bot.TimelineRequest{To: "August 2021", Actor: "Jill Biden"}, "Jill Biden"},
	}
	for _, tt := range tests {
		_, err := f.bot.Timeline(t.Context(), tt.req)
		if !bot.IsInputError(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Timeline(%+v) error = %v, want an input error containing %q", tt.req, err, tt.want)
		}
	}
}

// TestLinesTextOrder checks that a passage cited for several words shows
// them in the passage's order, whatever order the record cites them in:
// the tweet before its signature.
func TestLinesTextOrder(t *testing.T) {
	f := newFixture(t, index.BM25)
	var timeline bot.Command
	for _, c := range bot.Commands() {
		if c.Name == "timeline" {
			timeline = c
		}
	}
	in := bot.Input{"from": "2021-06-28", "to": "2021-06-28"}
	a, err := timeline.Run(t.Context(), f.bot, in)
	if err != nil {
		t.Fatalf("timeline %v: %v", in, err)
	}
	found := false
	for _, r := range a.Results {
		if !strings.Contains(r.Text, "Murphy tweeted") {
			continue
		}
		found = true
		var got []string
		for _, q := range r.Lines()[0].Quotes {
			got = append(got, q.Quote)
		}
		if len(got) != 2 || !strings.HasPrefix(got[0], "I expect to be briefed") || !strings.Contains(got[1], "@ChrisMurphyCT") {
			t.Errorf("Lines() of %q quote %q, want the tweet, then its signature", r.Text, got)
		}
	}
	if !found {
		t.Fatalf("timeline %v has no result for Murphy's tweet", in)
	}
}
