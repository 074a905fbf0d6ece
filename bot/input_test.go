package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

// TestClean checks that invisible characters inside a word are removed,
// not turned into spaces that split it, and that white space stays white
// space.
func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Blin\u200bken", "Blinken"}, // zero-width space
		{"Psa\x1bki", "Psaki"},       // a lone escape
		{"who said\x07\x1b[31m deter\x00 future", "who said deter future"}, // bell, colour, NUL
		{"\x1b]0;title\x07Kirby", "Kirby"},                                 // a terminal title
		{"what did \x1b]Kirby say", "what did ]Kirby say"},                 // an OSC never ended keeps the words
		{"Kirby\u009b31m said", "Kirby said"},                              // the one-character CSI
		{"\u202eKirby\u202c", "Kirby"},                                     // bidirectional override
		{"who\tsaid\nit", "who said it"},                                   // white space folds
		{"ｋｉｒｂｙ", "kirby"},                                                 // full width
		{"bad\xffbyte", "bad byte"},                                        // invalid UTF-8
		{"hi <@123456> @everyone", "hi"},                                   // mentions
	}
	for _, tt := range tests {
		if got := bot.Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAskEchoShort checks that a refusal naming the question's words keeps
// them short, however long the words or however many.
func TestAskEchoShort(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, q := range []string{
		strings.Repeat("a", 299),
		"what did " + strings.Repeat("z", 99) + " say",
		"qqqqq wwwwwww eeeeeee rrrrrrr ttttttt yyyyyyy uuuuuuu iiiiiii oooooo pppppp",
	} {
		a := mustAsk(t, st, q)
		if !a.NotCovered || utf8.RuneCountInString(a.Text) > 200 {
			t.Errorf("Ask(%q) = %q (%d characters), want a refusal of 200 characters or fewer", q, a.Text, utf8.RuneCountInString(a.Text))
		}
	}
	// Five words at most, then how many more, which is not the user's
	// word and so not quoted.
	q := "did the strikes hit grapes melons apples pears plums cherries figs"
	want := "The sources don't cover that: nothing in them speaks of “grapes”, “melons”, “apples”, “pears”, “plums” or 2 more together with the rest of the question."
	if a := mustAsk(t, st, q); a.Text != want {
		t.Errorf("Ask(%q) = %q, want %q", q, a.Text, want)
	}
}

// TestAskUncoveredDate checks that a refusal of a question naming a day
// the sources say nothing of names that day.
func TestAskUncoveredDate(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for q, want := range map[string]string{
		"what happened on july 20": "no passage of “july 20” matches enough of the question",
		"what happened in 2018":    "no passage of “2018” matches enough of the question",
	} {
		if a := mustAsk(t, st, q); !a.NotCovered || !strings.Contains(a.Text, want) {
			t.Errorf("Ask(%q) = %q, want a refusal that says %q", q, a.Text, want)
		}
	}
}

// TestAskImpossibleDate checks that a question naming a day that does not
// exist is a mistake in the request, as timeline and casualties tell a bad
// --from, rather than answered with passages of other days.
func TestAskImpossibleDate(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct {
		q, want string
	}{
		{"what happened on june 31", "June has no day 31"},
		{"what was hit on the 30th of february?", "February has no day 30"},
		{"what happened on april 31 2021", "April 2021 has no day 31"},
		{"what happened on february 29 2021", "February 2021 has no day 29"},
		{"what happened on 2021-02-30", "February 2021 has no day 30"},
		{"what happened on 13/13/2021", "there is no month 13"},
		{"what happened on 6/31", "June has no day 31"},
		{"what happened on 2021/6/31", "That date does not exist: June 2021 has no day 31."}, // once
	} {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: tt.q})
		if !bot.IsInputError(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Ask(%q) = %v, %v, want an input error that %s", tt.q, a, err, tt.want)
		}
	}
	// 29 February is a real day of a leap year; figures that may be no
	// date at all ("24/7", "13/13") are not told off as dates.
	for _, q := range []string{"what happened on february 29 2020", "what happened on 2020-02-29", "are the militias attacking 24/7", "what happened on 13/13"} {
		if a := mustAsk(t, st, q); strings.Contains(a.Text, "does not exist") {
			t.Errorf("Ask(%q) = %q, want no date error", q, a.Text)
		}
	}
}

// TestAskQuotedBy checks that a passage's words that are part of a curated
// quotation carry its speaker, though the passage says only "he tweeted".
func TestAskQuotedBy(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "what would qualify as a pattern of hostilities under the War Powers Act"
	a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range a.Results {
		if len(r.Citations) == 0 || r.Citations[0].Passage != "002:17" {
			continue
		}
		found = true
		if r.Speaker != "Chris Murphy" {
			t.Errorf("Ask(%q): %q has speaker %q, want Chris Murphy", q, r.Text, r.Speaker)
		}
	}
	if !found {
		t.Fatalf("Ask(%q) does not cite 002:17 in its top 10", q)
	}
	// A sentence of the writer's beside a quotation is no one's words.
	q = "which militias does the IRCC include"
	a, err = st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	found = false
	for _, r := range a.Results {
		if strings.Contains(r.Text, "The IRCC includes the two militias") {
			found = true
			if r.Speaker != "" {
				t.Errorf("Ask(%q): %q has speaker %q, want none: the last sentence is the writer's", q, r.Text, r.Speaker)
			}
		}
	}
	if !found {
		t.Fatalf("Ask(%q) does not quote the IRCC's members in its top 10", q)
	}
}

// TestAskKilledInJune checks that a count of the dead "in the June
// strikes" is of the strikes of 27 June: a month that holds the strikes'
// day does not open the question to the militias' June attacks, whose
// records say no one was hurt.
func TestAskKilledInJune(t *testing.T) {
	st := bottest.New(t, index.BM25)
	// A year is too wide to mean the strikes' day: February's dead count.
	q := "how many people were killed in 2021?"
	feb := false
	for _, r := range mustAsk(t, st, q).Results {
		feb = feb || strings.HasPrefix(r.Date, "2021-02")
	}
	if !feb {
		t.Errorf("Ask(%q) has no February 2021 result, want the year's deaths", q)
	}
	for _, q := range []string{"how many were killed in the june strikes", "how many people died in the strikes in june 2021"} {
		a := mustAsk(t, st, q)
		if a.NotCovered || len(a.Results) == 0 {
			t.Fatalf("Ask(%q) = %q, want answers", q, a.Text)
		}
		for i, r := range a.Results[:min(3, len(a.Results))] {
			if r.Date != "" && r.Date != "2021-06-27" {
				t.Errorf("Ask(%q) result %d = %q dated %s, want the strikes of 2021-06-27", q, i+1, r.Text, r.Date)
			}
		}
	}
}
