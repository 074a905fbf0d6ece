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
// alias, and expects exactly that person's records: each the words of one
// result or cited "also in" under another's fuller words.
func TestWhoSaidEverySpeaker(t *testing.T) {
	f := newFixture(t, index.BM25)
	records := map[string][]string{}
	for _, q := range f.kb.Quotes {
		records[q.Speaker] = append(records[q.Speaker], q.Doc+" "+q.Quote)
	}
	for id, recs := range records {
		act := f.kb.Actor(id)
		if act.Kind != "person" {
			continue
		}
		for _, name := range append([]string{act.Name}, act.Aliases...) {
			a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: name})
			if err != nil {
				t.Fatalf("WhoSaid(%q) error: %v", name, err)
			}
			if got := speakersOf(a); len(got) != 1 || got[act.Name] != len(a.Results) {
				t.Errorf("WhoSaid(%q) speakers = %v, want only %s", name, got, act.Name)
			}
			cited, folded := map[string]bool{}, 0
			for _, r := range a.Results {
				if r.Date == "" || len(r.Citations) == 0 {
					t.Errorf("WhoSaid(%q): result %q lacks a date or citation", name, r.Text)
				}
				for i, c := range r.Citations {
					if i == 0 || c.Role == bot.Also {
						cited[c.Doc+" "+c.Quote] = true
					}
					if c.Role == bot.Also {
						folded++
					}
				}
			}
			if len(a.Results)+folded != len(recs) {
				t.Errorf("WhoSaid(%q) = %d results and %d folded in, want %d records of %s", name, len(a.Results), folded, len(recs), act.Name)
			}
			for _, rec := range recs {
				if !cited[rec] {
					t.Errorf("WhoSaid(%q) cites no %q, want every record of %s cited", name, rec, act.Name)
				}
			}
		}
	}
}

// TestWhoSaidSameWordsOnce checks that words two sources report are one
// result, the fuller report first, and the answer says how many reports
// it folded in.
func TestWhoSaidSameWordsOnce(t *testing.T) {
	f := newFixture(t, index.BM25)
	a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "Blinken"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range a.Results {
		if strings.Contains(r.Text, "deter future action") {
			n++
			if !strings.HasPrefix(r.Citations[0].Doc, "003") {
				t.Errorf("WhoSaid(Blinken): the deter statement cites %s first, want 003's fuller words", r.Citations[0].Doc)
			}
			also := 0
			for _, c := range r.Citations {
				if c.Role == bot.Also {
					also++
				}
			}
			if also != 2 {
				t.Errorf("WhoSaid(Blinken): the deter statement has %d also-citations, want 2 (000's two reports)", also)
			}
		}
	}
	if n != 1 {
		t.Errorf("WhoSaid(Blinken): %d results hold \"deter future action\", want 1", n)
	}
	if !strings.Contains(a.Text, "more reports of the same words are cited under the quotation they report") {
		t.Errorf("WhoSaid(Blinken).Text = %q, want it to say reports were folded in", a.Text)
	}
	// Two answers that share a phrase are two results: Psaki's "We don't
	// want to see Iranian proxies …" is not folded into another answer
	// saying "necessary, appropriate, and deliberate action".
	a, err = f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "Psaki"})
	if err != nil {
		t.Fatal(err)
	}
	own := false
	for _, r := range a.Results {
		own = own || strings.HasPrefix(r.Text, "We don't want to see Iranian proxies")
	}
	if !own {
		t.Errorf("WhoSaid(Psaki): no result of its own for \"We don't want to see Iranian proxies …\"")
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
		{"khatib", "Saeed Khatibzadeh"}, // the start of a long name
		{"Joe", "Joe Biden"},            // a first name that is one speaker's
		{"jen", "Jen Psaki"},
		{"kadh", "Mustafa al-Kadhimi"},
		{"Mr Kirby", "John Kirby"}, // an honorific is no other first name
		{"Sen. Murphy", "Chris Murphy"},
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
	// The speakers named instead include the bodies the sources quote.
	for _, w := range []string{"John Kirby", "Iraq", "Popular Mobilization Forces"} {
		if !strings.Contains(a.Text, w) {
			t.Errorf("WhoSaid(Putin).Text = %q, want it to name %s among the speakers", a.Text, w)
		}
	}
	// Words given as a speaker's name are searched as words said.
	a, err = f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "deter future action"})
	if err != nil {
		t.Fatal(err)
	}
	if got := speakersOf(a); got["Antony Blinken"] == 0 || !strings.Contains(a.Text, "read as words someone said") {
		t.Errorf("WhoSaid(deter future action) = %q, speakers %v; want Blinken's words, read as words", a.Text, got)
	}
	// The start of a name of several words is that actor, quoted or not.
	for in, want := range map[string]string{"kataib hez": "Kataib Hezbollah: 1 quotation", "kataib sayyid": "no words of Kataib Sayyid al-Shuhada"} {
		a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: in})
		if err != nil || !strings.Contains(a.Text, want) {
			t.Errorf("WhoSaid(%q) = %v, %v; want %q", in, a, err, want)
		}
	}
	// Another first name is another person of the same surname.
	a, err = f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "Jill Biden"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "no one called “Jill Biden”; they quote Joe Biden"; !a.NotCovered || len(a.Results) != 0 || !strings.Contains(a.Text, want) {
		t.Errorf("WhoSaid(Jill Biden) = %q with %d results, want a not-covered answer saying %q", a.Text, len(a.Results), want)
	}
	// A militia of the PMF is part of it, but its words are its own: the
	// PMF's are only those it and its commanders said.
	a, err = f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "PMU"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Results {
		if r.Speaker != "Popular Mobilization Forces" && r.Speaker != "Abu Mahdi al Muhandis" {
			t.Errorf("WhoSaid(PMU) lists %q of %s, want only the PMF's own words", r.Text, r.Speaker)
		}
	}
	if len(a.Results) == 0 {
		t.Errorf("WhoSaid(PMU) = %q, want the PMF's quotations", a.Text)
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
	// Words found only in part were not said as asked: the reply says
	// whose words are like them.
	// So were words matched only by a word of the same start ("deter" and
	// "deterrent" for "deterrence").
	for _, near := range []string{"message sent by the strikes will be heard", "deterrence"} {
		if a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Quote: near}); err != nil || !strings.Contains(a.Text, "words like these") {
			t.Errorf("WhoSaid(quote %q) = %v, %v; want words like these attributed", near, a, err)
		}
	}
	// Who said the word itself, and who only one like it, are told apart.
	if a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Quote: "martyrdom"}); err != nil || a.Text != "Popular Mobilization Forces said these words (002); Iraqi Resistance Coordination Commission said words like these (003)." {
		t.Errorf("WhoSaid(quote martyrdom) = %v, %v; want the PMF's words and the IRCC's like them", a, err)
	}
	// A small word counts too: "take revenge" is the PMF's, not in the
	// IRCC's "the bitterness of revenge".
	if a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Quote: "take revenge"}); err != nil || a.Text != "Popular Mobilization Forces said these words (002); Iraqi Resistance Coordination Commission said words like these (003)." {
		t.Errorf("WhoSaid(quote take revenge) = %v, %v; want the PMF's words and the IRCC's like them", a, err)
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

// TestWhoSaidQuestionRole checks that a reporter's question a quotation
// answers is cited as the question, not as naming the speaker.
func TestWhoSaidQuestionRole(t *testing.T) {
	f := newFixture(t, index.BM25)
	a, err := f.bot.WhoSaid(t.Context(), bot.WhoSaidRequest{Speaker: "Psaki"})
	if err != nil {
		t.Fatal(err)
	}
	questions := 0
	for _, r := range a.Results {
		for _, c := range r.Citations {
			asks := strings.HasSuffix(strings.TrimSpace(c.Quote), "?")
			if asks && c.Role != bot.Question {
				t.Errorf("WhoSaid(Psaki): citation %q role = %q, want %q", c.Quote, c.Role, bot.Question)
			}
			if c.Role == bot.Question {
				questions++
				if c.Role.Label() != "asked in" {
					t.Errorf("Role(%q).Label() = %q, want \"asked in\"", c.Role, c.Role.Label())
				}
			}
		}
	}
	if questions == 0 {
		t.Error("WhoSaid(Psaki): no citation of a reporter's question; want the one on the limits of Article 2")
	}
}

// TestQuoteOverPassages checks that a quotation running over several
// paragraphs is cited from its first passage to its last, so that whoever
// opens the first finds where the rest is.
func TestQuoteOverPassages(t *testing.T) {
	f := newFixture(t, index.BM25)
	var whoSaid bot.Command
	for _, c := range bot.Commands() {
		if c.Name == "who-said" {
			whoSaid = c
		}
	}
	in := bot.Input{"speaker": "Psaki"}
	a, err := whoSaid.Run(t.Context(), f.bot, in)
	if err != nil {
		t.Fatalf("who-said %v: %v", in, err)
	}
	ranges := map[string]string{}
	for _, r := range a.Results {
		for _, c := range r.Citations {
			if c.PassageEnd != "" {
				ranges[c.Passage] = c.PassageEnd
			}
		}
	}
	if got := ranges["003:44"]; got != "003:46" {
		t.Errorf("who-said Psaki: the quotation from 003:44 ends in %q, want 003:46 (all ranges: %v)", got, ranges)
	}
	for from, to := range ranges {
		if from == to {
			t.Errorf("who-said Psaki: a range from %s to itself", from)
		}
	}
}
