package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
)

func speakersOf(a *bot.Answer) map[string]int {
	out := map[string]int{}
	for _, r := range a.Results {
		out[r.Speaker]++
	}
	return out
}

// TestWhoSaidEverySpeaker asks for every quoted person by name and by each
// alias, and expects exactly that person's quotations.
func TestWhoSaidEverySpeaker(t *testing.T) {
	f := newFixture(t, index.BM25)
	counts := map[string]int{}
	for _, q := range f.kb.Quotes {
		counts[q.Speaker]++
	}
	for id, n := range counts {
		act := f.kb.Actor(id)
		if act.Kind != "person" {
			continue
		}
		for _, name := range append([]string{act.Name}, act.Aliases...) {
			a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: name})
			if err != nil {
				t.Fatalf("WhoSaid(%q) error: %v", name, err)
			}
			got := speakersOf(a)
			if len(got) != 1 || got[act.Name] != n {
				t.Errorf("WhoSaid(%q) speakers = %v, want %d quotations of %s", name, got, n, act.Name)
			}
			for _, r := range a.Results {
				if r.Date == "" || len(r.Citations) == 0 {
					t.Errorf("WhoSaid(%q): result %q lacks a date or citation", name, r.Text)
				}
			}
		}
	}
}

func TestWhoSaidTyposAndUnknown(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		in   string
		want string
	}{
		{"Binkin", "Antony Blinken"},
		{"antony blinken", "Antony Blinken"},
		{"Psakki", "Jen Psaki"},
		{"Kriby", "John Kirby"},
		{"Khatibzade", "Saeed Khatibzadeh"},
		{"Menendes", "Bob Menendez"},
		{"Kadhemi", "Mustafa al-Kadhimi"},
		{"Yahya Rasool", "Yahya Rasool"},
	}
	for _, tt := range tests {
		a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: tt.in})
		if err != nil {
			t.Fatalf("WhoSaid(%q) error: %v", tt.in, err)
		}
		if got := speakersOf(a); got[tt.want] == 0 {
			t.Errorf("WhoSaid(%q) speakers = %v, want %s", tt.in, got, tt.want)
		}
	}
	a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "Vladimir Putin"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.NotCovered || len(a.Results) != 0 || !strings.Contains(a.Text, "quote no one called") {
		t.Errorf("WhoSaid(Putin) = %q with %d results, want a not-covered answer", a.Text, len(a.Results))
	}
	if _, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{}); !bot.IsInputError(err) {
		t.Errorf("WhoSaid(empty) error = %v, want an input error", err)
	}
}

// TestWhoSaidQuote covers the reverse question, including the words 003
// gives to Kirby and 001 to Blinken: both attributions are kept.
func TestWhoSaidQuote(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		words string
		want  []string
	}{
		{"clear and unambiguous deterrent message", []string{"John Kirby", "Antony Blinken"}},
		{"necessary, appropriate and deliberate action", []string{"John Kirby", "Antony Blinken", "Jen Psaki"}},
		{"We will avenge the blood of our righteous martyrs", []string{"Iraqi Resistance Coordination Commission"}},
		{"an arena for settling scores", []string{"Yahya Rasool"}},
		{"blatant and unacceptable violation", []string{"Mustafa al-Kadhimi", "Iraq"}},
		{"Death to America", []string{"Kataib Hezbollah"}},
	}
	for _, tt := range tests {
		a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Quote: tt.words})
		if err != nil {
			t.Fatalf("WhoSaid(quote %q) error: %v", tt.words, err)
		}
		got := speakersOf(a)
		if len(got) != len(tt.want) {
			t.Errorf("WhoSaid(quote %q) speakers = %v, want %v", tt.words, got, tt.want)
		}
		for _, w := range tt.want {
			if got[w] == 0 {
				t.Errorf("WhoSaid(quote %q) speakers = %v, want %s among them", tt.words, got, w)
			}
		}
		if len(tt.want) > 1 && !strings.Contains(a.Text, "attribute these words to") {
			t.Errorf("WhoSaid(quote %q).Text = %q, want it to say the attribution is disputed", tt.words, a.Text)
		}
	}
	a, _ := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Quote: "we will win the football match"})
	if !a.NotCovered {
		t.Errorf("WhoSaid(unquoted words) = %q, want not covered", a.Text)
	}
	// ask routes "who said …" to the same path.
	ask, err := f.bot.Ask(t.Context(), bot.AskRequest{Question: "Who said “clear and unambiguous deterrent message”?"})
	if err != nil {
		t.Fatal(err)
	}
	if got := speakersOf(ask); got["John Kirby"] == 0 || got["Antony Blinken"] == 0 {
		t.Errorf("Ask(who said …) speakers = %v, want Kirby and Blinken", got)
	}
}

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
			found = found || strings.Contains(r.Text, e.Summary)
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

func TestTimelineFilters(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		req      bot.TimelineRequest
		wantDate []string
		notDate  []string
	}{
		{bot.TimelineRequest{From: "27 June 2021", To: "June 27, 2021"}, []string{"2021-06-27"}, []string{"2021-06-26", "2021-06-28"}},
		{bot.TimelineRequest{From: "March 2020", To: "March 2020"}, []string{"2020-03-11", "2020-03-13"}, []string{"2020-01-03"}},
		{bot.TimelineRequest{From: "2021-06-28", To: "2021-07-08"}, []string{"2021-06-28", "2021-07-05", "2021-07-06", "2021-07-07", "2021-07-08"}, []string{"2021-06-27"}},
		{bot.TimelineRequest{Actor: "KH"}, []string{"2019-12-29", "2019-12-31", "2020-01-03", "2020-03-13", "2021-02-25", "2021-06-27"}, []string{"2021-07-05"}},
		{bot.TimelineRequest{Actor: "Kata'ib Sayyid al-Shuhada"}, []string{"2021-02-25", "2021-06-27"}, []string{"2019-12-29"}},
		{bot.TimelineRequest{Place: "Erbil"}, []string{"2021-02-15", "2021-04-14", "2021-06-26", "2021-07-06"}, []string{"2021-05-08"}},
		{bot.TimelineRequest{Place: "Ain al-Assad"}, []string{"2021-05-08", "2021-06-06", "2021-07-05", "2021-07-07"}, []string{"2021-04-14"}},
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
}

func TestTimelineBadInput(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		req  bot.TimelineRequest
		want string
	}{
		{bot.TimelineRequest{From: "2021-13-45"}, "month 13 does not exist"},
		{bot.TimelineRequest{From: "31/02/2021"}, "not a real date"},
		{bot.TimelineRequest{From: "June 27"}, "give a year"},
		{bot.TimelineRequest{From: "yesterday"}, "is not a date"},
		{bot.TimelineRequest{From: "2021-07-01", To: "2021-06-01"}, "reversed"},
		{bot.TimelineRequest{Actor: "Napoleon"}, "name no one"},
	}
	for _, tt := range tests {
		_, err := f.bot.Timeline(t.Context(), tt.req)
		if !bot.IsInputError(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Timeline(%+v) error = %v, want an input error containing %q", tt.req, err, tt.want)
		}
	}
}

func TestCasualties(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		event  string
		claims []string // claimants that must appear
		text   string
	}{
		{"2021-06-27", []string{"the US military", "a Britain-based monitor", "Iraqi military officials, to The Associated Press", "Kataib Sayyid al Shuhada", "SANA, Syria's state-run news agency", "one monitor", "PMU sources, to AFP"}, "range from 1 to at least 7"},
		{"June 27", []string{"the US military", "a Britain-based monitor"}, "range from 1 to at least 7"},
		{"27 June 2021", []string{"the US military"}, "independently verified"},
		{"Camp Taji", []string{"the Pentagon"}, "claims of deaths: 3"},
		{"Soleimani", []string{"003's account"}, "claims of deaths: 7"},
		{"March 2020", []string{"the Pentagon", "US officials", "the Iraqi military"}, "11 March 2020"},
		{"K1", []string{"the Pentagon"}, "claims of deaths: 1"},
		{"December 2019", []string{"Iraqi sources, via Reuters", "the Pentagon"}, "29 December 2019 (US strike): 2 claims; claims of deaths: 25 (1 claim gives no number)"},
	}
	for _, tt := range tests {
		a, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: tt.event})
		if err != nil {
			t.Fatalf("Casualties(%q) error: %v", tt.event, err)
		}
		have := map[string]bool{}
		for _, r := range a.Results {
			have[r.Claimant] = true
			if r.Casualty == nil || len(r.Citations) == 0 {
				t.Errorf("Casualties(%q): result %q lacks figures or a citation", tt.event, r.Text)
			}
		}
		for _, c := range tt.claims {
			if !have[c] {
				t.Errorf("Casualties(%q) claimants = %v, want %q", tt.event, have, c)
			}
		}
		if !strings.Contains(a.Text, tt.text) {
			t.Errorf("Casualties(%q).Text = %q, want it to contain %q", tt.event, a.Text, tt.text)
		}
	}
	// The disputed "at least seven": both records, each naming the other.
	a, _ := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: "2021-06-27"})
	for _, r := range a.Results {
		if r.Claimant == "the US military" && (len(r.Disputes) == 0 || !strings.Contains(r.Text, "Disputed")) {
			t.Errorf("US military claim %q does not say it is disputed", r.Text)
		}
		if r.Claimant == "SANA, Syria's state-run news agency" && (r.Killed == nil || *r.Killed != 1 || r.Injured == nil || *r.Injured != 3 || r.InjuredMax != nil) {
			t.Errorf("SANA claim figures = %v/%v, want killed 1, injured at least 3", r.Killed, r.Injured)
		}
	}
	all, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{})
	if err != nil || len(all.Results) < 10 {
		t.Errorf("Casualties() = %d results, %v; want one line per event with claims", len(all.Results), err)
	}
	none, _ := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: "Battle of Hastings"})
	if !none.NotCovered {
		t.Errorf("Casualties(unknown) = %q, want not covered", none.Text)
	}
	if _, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: "2021-13-45"}); !bot.IsInputError(err) {
		t.Errorf("Casualties(2021-13-45) error = %v, want an input error", err)
	}
}

// TestSummary checks every topic: each sentence cited, and the brief small
// enough for one Discord message's embeds (6,000 characters in all).
func TestSummary(t *testing.T) {
	f := newFixture(t, index.BM25)
	for _, topic := range bot.Topics() {
		a, err := f.bot.Summary(t.Context(), bot.SummaryRequest{Topic: topic})
		if err != nil {
			t.Fatalf("Summary(%s) error: %v", topic, err)
		}
		if len(a.Results) < 3 {
			t.Errorf("Summary(%s) has %d sentences, want several", topic, len(a.Results))
		}
		size := len(a.Text)
		for _, r := range a.Results {
			size += len(r.Text) + len(r.Section)
			if len(r.Citations) == 0 {
				t.Errorf("Summary(%s): sentence %q has no citation", topic, r.Text)
			}
			for _, c := range r.Citations {
				if !strings.Contains(f.docs[c.Doc], strings.TrimSpace(c.Quote[:min(len(c.Quote), 30)])) {
					t.Errorf("Summary(%s): citation %q not found in %s", topic, c.Quote, c.Doc)
				}
			}
		}
		if size > 4500 {
			t.Errorf("Summary(%s) is %d characters of text; want it to fit one Discord message", topic, size)
		}
	}
	if _, err := f.bot.Summary(t.Context(), bot.SummaryRequest{Topic: "gossip"}); !bot.IsInputError(err) {
		t.Errorf("Summary(gossip) error = %v, want an input error", err)
	}
}
