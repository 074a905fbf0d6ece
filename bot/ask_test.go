package bot_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/seeds"
)

// TestAskPointsToCasualties checks that an answer holding casualty
// claims points to the command that lists every claim of the event.
func TestAskPointsToCasualties(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for q, want := range map[string]string{
		"How many people were killed in the June 27 strikes?": "casualties",
		"Who said the strikes would deter future action?":     "",
	} {
		if a := mustAsk(t, st, q); a.See != want {
			t.Errorf("Ask(%q).See = %q, want %q", q, a.See, want)
		}
	}
}

// TestAskLimit holds every kind of question to the limit asked for: the
// limit is enforced in one place, whatever the results come from.
func TestAskLimit(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, q := range []string{
		"Who said the strikes would deter future action?",
		"How many people died in the June 2021 strikes?",
		"What did Psaki say?",
		"what happened in june",
	} {
		for _, limit := range []int{1, 2, bot.MaxLimit} {
			a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: limit})
			if err != nil {
				t.Fatalf("Ask(%q, %d) error: %v", q, limit, err)
			}
			if len(a.Results) == 0 || len(a.Results) > limit {
				t.Errorf("Ask(%q, limit %d) = %d results, want 1..%d", q, limit, len(a.Results), limit)
			}
		}
	}
}

// TestAskExplain checks that --explain gives the analysis and, per result,
// the features that ranked it — and that without it neither is sent.
func TestAskExplain(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "How many drones were shot down on June 9?"
	a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Analysis == nil || a.Analysis.Type != index.TypeCount || len(a.Analysis.Dates) != 1 {
		t.Fatalf("Ask(%q).Analysis = %+v, want a count with one date", q, a.Analysis)
	}
	for i, r := range a.Results {
		if r.Explain == nil || r.Explain.Score == 0 || !strings.Contains(r.Explain.String(), "coverage") {
			t.Errorf("Ask(%q) result %d explain = %v, want the features and score", q, i, r.Explain)
		}
		if i > 0 && r.Explain != nil && a.Results[i-1].Explain != nil && r.Explain.Score > a.Results[i-1].Explain.Score {
			t.Errorf("Ask(%q) result %d scores %.2f, above the one before it (%.2f)", q, i, r.Explain.Score, a.Results[i-1].Explain.Score)
		}
	}
	plain, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Analysis != nil || (len(plain.Results) > 0 && plain.Results[0].Explain != nil) {
		t.Errorf("Ask(%q) without Explain carries an explanation", q)
	}
}

// TestAskNotCoveredNamesWhatIsMissing checks refusals say what the sources
// lack.
func TestAskNotCoveredNamesWhatIsMissing(t *testing.T) {
	st := bottest.New(t, index.BM25)
	tests := []struct{ q, want string }{
		{"What did Putin say about the strikes?", "Putin"},
		{"what did russia say about the strikes", "don't mention Russia."},              // a name chat types in lower case
		{"what did the ambassador of france say", "don't mention ambassador or France"}, // an English word stays as typed
		{"ｗｈａｔ ｄｉｄ ｒｕｓｓｉａ ｓａｙ", "don't mention Russia."},                                // full-width letters are letters
		{"what did macron say about the strikes", "macron"},
		{"What did the French government say?", "French"},
		{"What will the US do next year?", "end on 8 July 2021 and say nothing of what came after (“next year”)"},
		{"what will happen in 2023", "say nothing of what came after (“2023”)"},
		{"when will the nuclear talks resume", "say nothing of what came after."},
		{"what did the militias do in december 2021", "say nothing of what came after (“december 2021”)"},
		{"what did the WTO say about the strikes", "don't mention WTO"},
		{"How much did the airstrikes cost?", "cost"},
		{"what happened at the al-hol camp", "Hol"},             // a name after "al-", however short
		{"when was the IRCC founded", "founded"},                // a "when" question dates its verb
		{"did biden call kadhimi after the strikes", "kadhimi"}, // a yes/no question speaks of every actor it names, by name
		// They speak of it, but none answers in kind.
		{"how long did the june 27 strikes last", "none of them says how long"},
		{"how old was soleimani when he died", "none of them says how old"},
		{"how old is biden", "none of them says how old"}, // not "the second time this year"
		{"how many drones did the pmu show off at its parade", "none of them says how many"},
		// A yes/no or "when" question's modifier the sources lack is
		// what they lack, as its verb is.
		{"did the us strike the chemical weapons sites", "chemical"},
		{"when did the us hit the underground depots", "underground"},
		{"what was the weather like the night of the strikes", "weather"},
		// The harm counted: four killed in Anbar says nothing of the wounded.
		{"how many PMU fighters were wounded in al anbar", "none of them says how many"},
		{"how many people were wounded in the soleimani drone strike", "none of them says how many"},
		{"what did blinken say about the drones in erbil", "none of them quotes Antony Blinken on that"},
		// Words of the speaker's on something else ("not just in the
		// Middle East but Africa") do not say what they thought of this.
		{"what did luigi di maio think of the strikes", "none of them quotes Luigi Di Maio on that"},
		{"What did Heiko Maas say?", "The sources speak of that, but none of them quotes Heiko Maas."},
		{"what did col marotto say about the june 27 strikes", "none of them quotes Wayne Marotto on that"},
		{"what was the name of the filipino contractor killed in the erbil rocket attack", "none of them gives the name"},
		{"What did the Italian prime minister say about the strikes?", "none of them quotes the Italian prime minister"},
		// A name met only inside another actor's ("Ain al Assad") is
		// not the speaker's.
		{"what did assad say", "none of them quotes assad"},
		// What of it they speak of, and what not: Israel's visit, not
		// Israelis who died.
		{"how many israelis died", "The sources speak of “israelis”, but not together with “died”, and none of them says how many."},
	}
	for _, tt := range tests {
		a := mustAsk(t, st, tt.q)
		if !a.NotCovered || len(a.Results) > 0 || !strings.Contains(a.Text, tt.want) {
			t.Errorf("Ask(%q) = %q with %d results, want not covered naming %q", tt.q, a.Text, len(a.Results), tt.want)
		}
	}
}

// TestCountNotCasualty checks that a "how many" question counting something
// other than people harmed is not answered by a casualty record, whose
// figures count only the killed and injured, while one about the killed
// finds in them the count it asks for.
func TestCountNotCasualty(t *testing.T) {
	st := bottest.New(t, index.BM25)
	tests := []struct {
		q        string
		casualty bool
	}{
		{"how many militias are in the PMF", false},
		{"how many drones approached the base", false},
		{"how many people were killed in the Kataib Sayyid al-Shuhada strike", true},
	}
	for _, tt := range tests {
		rk, err := st.Index.Rank(t.Context(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		top, counts := 0, false
		for i, h := range rk.Hits {
			if h.Kind != "casualty" {
				continue
			}
			if i < 3 {
				top++
			}
			counts = counts || h.Features.AnswerType > 0
		}
		if got := top > 0 && counts; got != tt.casualty {
			t.Errorf("Rank(%q): %d casualty records in the top 3, one counting %v; want records that count: %v", tt.q, top, counts, tt.casualty)
		}
	}
}

// TestHarmCountMainEvent checks that "how many were killed", naming no
// event, is about the strikes the sources are about: no other event's
// casualties rank in the top 3, and "it remains unclear how many" answers.
func TestHarmCountMainEvent(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, q := range []string{"how many people were killed", "is it known how many ppl were killed or injured"} {
		rk, err := st.Index.Rank(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Hits) < 3 {
			t.Fatalf("Rank(%q) = %d hits, want 3 at least", q, len(rk.Hits))
		}
		for _, h := range rk.Hits[:3] {
			if h.Features.Date < 0 {
				t.Errorf("Rank(%q): %s (another event's date) in the top 3", q, h.ID)
			}
		}
		i := slices.IndexFunc(rk.Hits, func(h index.Ranked) bool { return strings.Contains(h.Text, "It remains unclear how many") })
		if i < 0 || rk.Hits[i].Features.AnswerType != 1 {
			t.Errorf("Rank(%q): \"It remains unclear how many\" not a candidate answering how many", q)
		}
	}
	// A question naming something else of the event asks of another:
	// the convoy was struck on 3 January 2020.
	q := "how many people in the convoy died"
	if a := mustAsk(t, st, q); a.NotCovered || !strings.Contains(firstText(a), "killed seven people") && !strings.Contains(firstText(a), "killed 7") {
		t.Errorf("Ask(%q) = %q, first result %q; want the seven killed in the convoy", q, a.Text, firstText(a))
	}
}

// TestCasualtyFigureAsked checks that a casualty record answers "how many"
// only with a figure for the harm asked about: the record of the 3 January
// 2020 strike counts seven killed and states no injured.
func TestCasualtyFigureAsked(t *testing.T) {
	st := bottest.New(t, index.BM25)
	const id = "casualty:jan3-report"
	tests := []struct {
		q    string
		want float64
	}{
		{"how many people were killed in the soleimani strike", 1},
		{"how many people were wounded in the soleimani strike", 0},
		{"how many died in the soleimani strike", 1},
	}
	for _, tt := range tests {
		rk, err := st.Index.Rank(t.Context(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rk.Hits, func(h index.Ranked) bool { return h.ID == id })
		if i < 0 {
			t.Fatalf("Rank(%q): no candidate %s", tt.q, id)
		}
		if got := rk.Hits[i].Features.AnswerType; got != tt.want {
			t.Errorf("Rank(%q): %s answer type = %v, want %v", tt.q, id, got, tt.want)
		}
	}
}

// TestAskDeterministic checks that two indexes built from the same sources
// rank every question of the tuning sets the same way: Bleve sums a score's
// parts in document order, so equal scores may differ in their last bits
// between builds, and ties must still break the same way.
func TestAskDeterministic(t *testing.T) {
	a, b := bottest.New(t, index.BM25), bottest.New(t, index.BM25)
	for _, c := range tuningCases(t) {
		ra, err := a.Index.Rank(t.Context(), c.Q)
		if err != nil {
			t.Fatal(err)
		}
		rb, err := b.Index.Rank(t.Context(), c.Q)
		if err != nil {
			t.Fatal(err)
		}
		var ida, idb []string
		for _, h := range ra.Hits {
			ida = append(ida, h.ID)
		}
		for _, h := range rb.Hits {
			idb = append(idb, h.ID)
		}
		if !slices.Equal(ida, idb) {
			t.Errorf("Rank(%q) = %v on one build, %v on another", c.Q, ida, idb)
		}
	}
}

// TestQuoteSpeakerIsItsSpeaker checks that a quotation counts as the words
// of its speaker only, not of an actor its context names: Psaki's words on
// the Iran deal are not Iran's.
func TestQuoteSpeakerIsItsSpeaker(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "how did iran respond to the strikes"
	rk, err := st.Index.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	quotes := 0
	for _, h := range rk.Hits {
		if h.Kind != "quote" || !strings.HasPrefix(h.Label, "Jen Psaki") {
			continue
		}
		quotes++
		if h.Features.Speaker != 0 {
			t.Errorf("Rank(%q): %s (%q) speaker = %v, want 0", q, h.ID, h.Label, h.Features.Speaker)
		}
	}
	if quotes == 0 {
		t.Fatalf("Rank(%q): no quotation of Jen Psaki among the candidates", q)
	}
}

// TestSpokesmenSpeakFor checks that "what did Iraq say" is answered by
// the words of those who speak for Iraq, its Prime Minister's among them,
// though they name none of the question's words but Iraq's, before the
// words of others that only name Iraq (Assal Rad's tweet).
func TestSpokesmenSpeakFor(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "what did iraq say about the strikes"
	a := mustAsk(t, st, q)
	if len(a.Results) < 3 {
		t.Fatalf("Ask(%q) = %d results, want 3", q, len(a.Results))
	}
	for i, r := range a.Results[:3] {
		if r.Speaker != "Iraq" && r.Speaker != "Mustafa al-Kadhimi" && r.Speaker != "Yahya Rasool" {
			t.Errorf("Ask(%q) result %d speaker = %q (%q), want Iraq or one who speaks for it", q, i+1, r.Speaker, r.Text)
		}
	}
}

// TestEntryDate checks that a timeline entry that writes its day without
// the year ("January 3: …") is dated in full from the event cited from it,
// and that other passages are not dated.
func TestEntryDate(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "what happened on january 3"
	a := mustAsk(t, st, q)
	if len(a.Results) == 0 || !strings.HasPrefix(a.Results[0].Text, "January 3:") || a.Results[0].Date != "2020-01-03" {
		t.Fatalf("Ask(%q) first result = %+v, want the January 3 entry dated 2020-01-03", q, a.Results)
	}
	// A passage that opens with no day is not dated: the storming of the
	// embassy, which the sources give as December 31, in 003's list of
	// strikes.
	q = "why did the us strike on january 3"
	found := false
	for _, r := range mustAsk(t, st, q).Results {
		if strings.HasPrefix(r.Text, "The airstrikes were in response to the storming") {
			found = true
			if r.Date != "" {
				t.Errorf("Ask(%q): %q dated %s, want no date for a passage that opens with no day", q, r.Text, r.Date)
			}
		}
	}
	if !found {
		t.Errorf("Ask(%q): no result quotes the storming of the embassy; the test checks nothing", q)
	}
}

// TestOthersWordsNotInKind checks that the words of someone other than
// the asked speaker are no answer in kind, whatever they say of the
// speaker: "how did iran respond" ranks Iran's own words (its foreign
// ministry's) among the first three, with Psaki's words on Iran.
func TestOthersWordsNotInKind(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "how did iran respond"
	a := mustAsk(t, st, q)
	own := 0
	for _, r := range a.Results[:min(3, len(a.Results))] {
		if r.Speaker == "Iran" || r.Speaker == "Saeed Khatibzadeh" {
			own++
		}
	}
	if own < 2 {
		t.Errorf("Ask(%q) = %d of Iran's own words in the top 3, want 2 at least", q, own)
	}
}

// TestStatementWindowKeepsVoice checks that an answer window in a
// statement keeps to the speaker's quotation or to the narrative after it,
// so narrative is never given to the speaker: "Biden’s critics say …"
// follows Psaki's words in one paragraph of 001.
func TestStatementWindowKeepsVoice(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, q := range []string{"why did iraq condemn it", "what do biden's critics say about iran", "what did psaki say about responding to attacks on our men and women"} {
		a := mustAsk(t, st, q)
		for i, r := range a.Results {
			if r.Speaker != "" && strings.Contains(r.Text, "critics") {
				t.Errorf("Ask(%q) result %d = %q with speaker %q, want the narrative without a speaker", q, i+1, r.Text, r.Speaker)
			}
		}
	}
	q := "what do biden's critics say about iran"
	if a := mustAsk(t, st, q); !strings.Contains(firstText(a), "Biden’s critics say") || a.Results[0].Speaker != "" {
		t.Errorf("Ask(%q) first result = %q, want the critics' narrative with no speaker", q, firstText(a))
	}
	q = "what did psaki say about responding to attacks on our men and women"
	if a := mustAsk(t, st, q); !strings.Contains(firstText(a), "responding to attacks") || a.Results[0].Speaker != "Jen Psaki" {
		t.Errorf("Ask(%q) first result = %q, want Psaki's words with her name", q, firstText(a))
	}
}

// TestAnswersInKind checks answers of the kind asked for that stand
// without the usual cue: a place the sources know named without a
// preposition before it ("… leaving Baghdad International Airport"), and a
// day of the week for "when" (the sources date the defence of the strikes
// only by "on Monday").
func TestAnswersInKind(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, want string }{
		{"where was soleimani's convoy when it got hit", "Baghdad International Airport"},
		{"what day of the week did the us come out defending the strikes", "on Monday strongly defended"},
	} {
		wantAnswerWith(t, st, tt.q, tt.want)
	}
}

// TestRefusalNamesWhatSourcesLack checks that a refusal names the words the
// sources never use, not a word they use that the closest passage only
// happens to lack, and never an actor the sources speak of.
func TestRefusalNamesWhatSourcesLack(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, want, not string }{
		{"did trump order the soleimani strike", "“trump”", "soleimani"},
		{"which hotel was blinken staying at in rome", "“hotel”", "blinken"},
		{"how big is the PMF budget", "“budget”", "PMF"},
	} {
		a := mustAsk(t, st, tt.q)
		if !a.NotCovered || !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, tt.not) {
			t.Errorf("Ask(%q) = %q, want not covered naming %s, not %s", tt.q, a.Text, tt.want, tt.not)
		}
	}
}

// TestVerifyQuestion checks that a yes/no question with a detail the asker
// has wrong — a name or figure the sources never use, another date — gets
// what the sources say, saying what they do not mention, while one whose
// name may be another actor altogether is still refused.
func TestVerifyQuestion(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, text, want string }{
		{"blinken said in paris the strikes would deter future action?", "don't mention Paris; here is what they say", "deter future action"},
		{"the fatah coalition has 58 seats right", "don't mention 58; here is what they say", "48 of the 329 seats"},
		{"on june 30 rockets were fired at us troops near al omar oil field?", "", "On June 28"},
		// A date some passage bears is not the asker's mistake.
		{"casualites from the feb 25 strikes?", "cited answer", "killed one militant"},
		{"were f-35s used in the strikes at abu kamal", "don't mention F-35s; here is what they say", ""},
		{"did 10 fighters die in the strikes", "don't mention 10; here is what they say", ""},
	} {
		a := mustAsk(t, st, tt.q)
		if a.NotCovered || len(a.Results) == 0 || !strings.Contains(a.Text, tt.text) || !strings.Contains(a.Results[0].Text, tt.want) {
			t.Errorf("Ask(%q) = %q, first result %q; want %q, then %q", tt.q, a.Text, firstText(a), tt.text, tt.want)
		}
	}
	// A name the sources lack as the subject is the actor asked about,
	// however much else agrees.
	for _, q := range []string{"did russia condemn the strikes?", "did rusia condemn the US bombing in syria"} {
		a := mustAsk(t, st, q)
		if !a.NotCovered || !strings.Contains(a.Text, "don't mention Rusia") && !strings.Contains(a.Text, "don't mention Russia") {
			t.Errorf("Ask(%q) = %q, want not covered naming the country", q, a.Text)
		}
	}
}

// mustAsk asks q with the default request, failing the test on an error.
func mustAsk(t *testing.T, st *bottest.Stack, q string) *bot.Answer {
	t.Helper()
	a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// wantAnswerWith fails the test unless a question is answered and some
// result's text holds want.
func wantAnswerWith(t *testing.T, st *bottest.Stack, q, want string) {
	t.Helper()
	a := mustAsk(t, st, q)
	found := false
	for _, r := range a.Results {
		found = found || strings.Contains(r.Text, want)
	}
	if a.NotCovered || !found {
		t.Errorf("Ask(%q) = %q (%d results), want an answer with %q", q, a.Text, len(a.Results), want)
	}
}

// wantRefused fails the test for each question not refused.
func wantRefused(t *testing.T, st *bottest.Stack, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if a := mustAsk(t, st, q); !a.NotCovered {
			t.Errorf("Ask(%q) = %q, first result %q; want not covered", q, a.Text, firstText(a))
		}
	}
}

// wantAnswered fails the test for each question refused.
func wantAnswered(t *testing.T, st *bottest.Stack, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if a := mustAsk(t, st, q); a.NotCovered {
			t.Errorf("Ask(%q) = %q, want an answer", q, a.Text)
		}
	}
}

// firstText is the first result's text, or "".
func firstText(a *bot.Answer) string {
	if len(a.Results) == 0 {
		return ""
	}
	return a.Results[0].Text
}

// TestCaptionRecord checks that a record of what a photo's caption says
// ranks as the caption does: its kind is the caption's, not an event's.
func TestCaptionRecord(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "what happened on october 4 2014"
	rk, err := st.Index.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rk.Hits {
		if h.ID == "event:hornet-photo" {
			if h.Kind != string(seeds.KindCaption) {
				t.Errorf("Rank(%q): %s kind = %q, want %q", q, h.ID, h.Kind, seeds.KindCaption)
			}
			return
		}
	}
	t.Errorf("Rank(%q): no event:hornet-photo among %d candidates", q, len(rk.Hits))
}

// TestWordsInNames checks that a common word found only within the name of
// an actor the question does not name covers nothing ("population" in
// "Population Mobilisation Units"), in its text or in the label that says
// whose words a quotation is ("democrats" in "Syrian Democratic Forces");
// within the name of an actor it does name, only a word the question puts
// beside that name counts ("crossing" in "the Abu Kamal border crossing").
func TestWordsInNames(t *testing.T) {
	st := bottest.New(t, index.BM25)
	wantRefused(t, st, "what's the population of iraq", "what did democrats say")
	// A person's title in the label is what they are: the words of "the
	// press secretary".
	wantAnswered(t, st, "what did the press secretary say", "what did the secretary say")
	wantAnswered(t, st, "why does the abu kamal crossing matter", "what planes did the US use")
	// "Forces" in "Popular Mobilization Forces" is the PMF the question
	// names, not the security forces it asks about.
	q := "when did the PMF become part of iraq's security forces"
	if got := firstText(mustAsk(t, st, q)); !strings.Contains(got, "In 2016") {
		t.Errorf("Ask(%q) first result = %q, want the 2016 integration", q, got)
	}
}

// TestVerbalWords checks that a question put in other verbs or modifiers
// than the sources use is answered, while one whose missing word is a
// noun, the thing asked about, is still refused.
func TestVerbalWords(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, want string }{
		{"what did blinken hope the strikes would achieve", "deter future action"},
		{"why were those specific targets picked", "these facilities are"},
	} {
		wantAnswerWith(t, st, tt.q, tt.want)
	}
	wantRefused(t, st, "what is the price of oil after the strikes", "how much money does iran give the militias")
}

// TestCharacterization checks that "what did X call Y" and "how did X
// describe Y" get X's words saying what Y is, not any words of X's that
// name Y.
func TestCharacterization(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, want string }{
		{"what did psaki call iran", "Iran is a bad actor"},
		{"what does psaki think of the iraqi prime minister", "the Prime Minister is a partner"},
		{"what did psaki say about the iraqi prime minister", "the Prime Minister is a partner"},
	} {
		if a := mustAsk(t, st, tt.q); !strings.Contains(firstText(a), tt.want) {
			t.Errorf("Ask(%q) first result = %q, want %q", tt.q, firstText(a), tt.want)
		}
	}
}

// TestPlacedActors checks that a place named after a preposition ("in
// Syria") must be in the answer: a count of US troops elsewhere does not
// say how many are in Syria. A count past a possessive ("four of the
// group's fighters") is still a count.
func TestPlacedActors(t *testing.T) {
	st := bottest.New(t, index.BM25)
	wantRefused(t, st, "how many US troops are in syria")
	// Words asked for need not name the place they speak of.
	wantAnswered(t, st, "What did Psaki say about the strikes in Syria?", "What did Rasool say in Baghdad?")
	q := "how many hashd fighters died in the anbar raid"
	if a := mustAsk(t, st, q); a.NotCovered || !strings.Contains(firstText(a), "four of the group's fighters") {
		t.Errorf("Ask(%q) = %q, first result %q; want four of the group's fighters", q, a.Text, firstText(a))
	}
}

// TestDatedFigure checks that a figure asked for on a given day comes from
// a passage that says it speaks of that day, wherever in the passage, or
// from which a record of that day's event was made: the sources give no
// count of the rockets that hit Erbil on February 15, the Telegram
// channels' 20 rockets were said of July 6, and the passages counting the
// dead of the 27 June strikes say "overnight", not the date.
func TestDatedFigure(t *testing.T) {
	st := bottest.New(t, index.BM25)
	wantRefused(t, st, "how many rockets hit erbil air base on february 15")
	for q, want := range map[string]string{
		"how many rockets hit ain al asad on july 7":                                              "14 rockets",
		"how many rockets were used in the erbil attack on july 6 according to telegram channels": "20 rockets",
		"how many fighters were killed on june 27":                                                "killed 4",
	} {
		if a := mustAsk(t, st, q); a.NotCovered || !strings.Contains(firstText(a), want) {
			t.Errorf("Ask(%q) = %q, first result %q; want %q", q, a.Text, firstText(a), want)
		}
	}
}

// TestMoney checks that "how much … cost" asks for a sum of money, which
// the sources never give, and says so.
func TestMoney(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "how much do PMF fighters get paid"
	if a := mustAsk(t, st, q); !a.NotCovered || !strings.Contains(a.Text, "gives a sum of money") {
		t.Errorf("Ask(%q) = %q, first result %q; want none gives a sum of money", q, a.Text, firstText(a))
	}
}

// TestOrdinals checks that an ordinal is a word the question asks about
// ("the first" finds the first strikes) and that "the Nth time" and "N
// times" say how many.
func TestOrdinals(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "were the june strikes the first under biden"
	if got := firstText(mustAsk(t, st, q)); !strings.Contains(got, "The first was on February 25") {
		t.Errorf("Ask(%q) first result = %q, want the first strikes, on February 25", q, got)
	}
	// "The second time he has ordered such strikes" says how many.
	q = "how many strikes under biden"
	if a := mustAsk(t, st, q); a.NotCovered || !strings.Contains(firstText(a), "second time") {
		t.Errorf("Ask(%q) = %q, first result %q; want the second time", q, a.Text, firstText(a))
	}
	// So does a count of times beside the verb of what is counted:
	// "attacked at least six times" says how many attacks.
	q = "how many attacks on us forces since the airstrikes"
	if a := mustAsk(t, st, q); a.NotCovered || !strings.Contains(firstText(a), "at least six times") {
		t.Errorf("Ask(%q) = %q, first result %q; want at least six times", q, a.Text, firstText(a))
	}
}

// TestForeignScriptAndLinks checks that a question in another script is
// told Dossier reads English, and that a link in a question names nothing.
func TestForeignScriptAndLinks(t *testing.T) {
	st := bottest.New(t, index.BM25)
	// A question Dossier cannot read is a mistake in the request, told
	// as one (exit 2 in the CLI, a private reply in Discord).
	reply := func(q string) string {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q})
		if bot.IsInputError(err) {
			return err.Error()
		}
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", q, err)
		}
		return a.Text
	}
	if _, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: "قاسم سليماني"}); !bot.IsInputError(err) || !strings.Contains(err.Error(), "English only") {
		t.Errorf("Ask(Arabic) = %v, want an input error that Dossier reads English only", err)
	}
	// Another language in Latin letters gets the same reply; English with
	// typos, chat words or a name the sources lack does not.
	for _, tt := range []struct {
		q       string
		english bool
	}{
		{"¿quién ordenó los ataques aéreos?", false},
		{"wer hat die angriffe befohlen", false},
		{"chi ha ordinato gli attacchi", false},
		{"combien de morts dans les frappes", false},        // French words English has too ("morts", "frappes")
		{"was hat blinken über die angriffe gesagt", false}, // German, with a name the sources know
		{"what did the café owner say", true},
		{"what did the french president say", true},
		{"wht did teh pentagon sya abuot casulties", true},
		{"wat did macron n trudeau say abt it lol", true},
		{"How many Houthi missiles were fired at Saudi Arabia?", true}, // names the sources lack
		{"how many houthi missiles were fired at saudi arabia", true},
	} {
		if got := reply(tt.q); strings.Contains(got, "English only") == tt.english {
			t.Errorf("Ask(%q) = %q, want English only: %v", tt.q, got, !tt.english)
		}
	}
	// Nothing to search for is a mistake in the request too.
	for _, q := range []string{"???!!!", "thanks!", "🤔🔥"} {
		if _, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q}); !bot.IsInputError(err) || !strings.Contains(err.Error(), "nothing to search for") {
			t.Errorf("Ask(%q) = %v, want an input error: nothing to search for", q, err)
		}
	}
	// A question of nothing in particular is pointed to the summary.
	for _, q := range []string{"what happened", "tell me more", "so what did they say after that"} {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q})
		if err != nil || !a.NotCovered || a.See != "summary" || !strings.Contains(a.Text, "names nothing to look up: ask about a person, place, date or event") {
			t.Errorf("Ask(%q) = %+v, %v; want not covered, how to ask, and see summary", q, a, err)
		}
	}
	for _, q := range []string{"what did kirby say https://example.com/x?y=1", "what did kirby say ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ｘ"} {
		if a := mustAsk(t, st, q); strings.Contains(a.Text, "http") || strings.Contains(a.Text, "example") {
			t.Errorf("Ask(%q) = %q, want the link ignored", q, a.Text)
		}
	}
	// A Markdown link keeps its text; a bracket after an address stays.
	for q, want := range map[string]string{
		"who ordered the [strikes](http://x.y)?": "who ordered the strikes?",
		"who ordered the strikes (www.x.com)?":   "who ordered the strikes ( )?",
	} {
		if a := mustAsk(t, st, q); a.Query != want {
			t.Errorf("Ask(%q).Query = %q, want %q", q, a.Query, want)
		}
	}
}

// TestWordsOfUnnamedSpeakers checks that "what did the militias say" asks
// for words, so the militias' own words rank before records that only
// name them.
func TestWordsOfUnnamedSpeakers(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "and what did the militias say"
	if got := firstText(mustAsk(t, st, q)); !strings.Contains(got, "vowed to retaliate") && !strings.Contains(got, "threatened") {
		t.Errorf("Ask(%q) first result = %q, want the militias' threats", q, got)
	}
}

// TestRecordShowsAnswerInSource checks that a curated record whose cited
// words do not answer the question shows, from the passage it cites, the
// sentences that do — verbatim, and no words twice.
func TestRecordShowsAnswerInSource(t *testing.T) {
	st := bottest.New(t, index.BM25)
	tests := []struct {
		q, record, answer string
	}{
		{"what did the protesters throw at the embassy", "protest: Kataib Hezbollah supporters stormed", "threw rocks and Molotov cocktails at the compound"},
		{"who was the filipino contractor", "Rockets hit the Erbil Air Base", "One Filipino contractor was killed"},
	}
	for _, tt := range tests {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: tt.q, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range a.Results {
			if !strings.Contains(r.Text, tt.record) {
				continue
			}
			for i, c := range r.Citations {
				if !seeds.ContainsQuote(st.Docs[c.Doc], c.Quote) {
					t.Errorf("Ask(%q): quote %q is not in %s", tt.q, c.Quote, c.Doc)
				}
				for _, d := range r.Citations[:i] {
					if d.Passage == c.Passage && strings.Contains(seeds.NormalizeSpace(d.Quote), seeds.NormalizeSpace(c.Quote)) {
						t.Errorf("Ask(%q): %q quoted twice from %s", tt.q, c.Quote, c.Passage)
					}
				}
				if i > 0 && c.Passage == r.Citations[0].Passage && c.Role == bot.Origin {
					found = found || strings.Contains(c.Quote, tt.answer)
				}
			}
		}
		if !found {
			t.Errorf("Ask(%q): no record quotes %q from its source", tt.q, tt.answer)
		}
	}
}

// TestYearPartIsADate checks that "since the start of the year" in a
// source dates what it says to January, so a question asking since
// January finds it.
func TestYearPartIsADate(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "how many attacks on US forces in iraq since january"
	a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range a.Results {
		if strings.Contains(r.Text, "there have been more than 40 attacks") {
			return
		}
	}
	t.Errorf("Ask(%q) = %v, want the passage counting attacks since the start of the year", q, a.Results)
}

// TestRelationNouns checks that a noun asking how one thing stands to
// another ("role", "relationship") is no word an answer must hold: the
// sources say it in their own words.
func TestRelationNouns(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tt := range []struct{ q, want string }{
		{"what was muhandis's role in the pmf", "deputy commander of the Popular Mobilization Forces"},
		{"what's iran's relationship to KH and KSS", "backed by Iran"},
	} {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: tt.q, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range a.Results {
			found = found || strings.Contains(r.Text, tt.want)
		}
		if !found {
			t.Errorf("Ask(%q) = %q %v, want a result with %q", tt.q, a.Text, a.Results, tt.want)
		}
	}
}

// TestCasualtyRecordNeedsHarm checks that a question of no harm is not
// answered first by a casualty record that shares only its event's words.
func TestCasualtyRecordNeedsHarm(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, q := range []string{"when did the strikes happen", "where exactly were the strikes"} {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Results) == 0 || a.Results[0].Casualty != nil {
			t.Errorf("Ask(%q) first result = %v, want a passage or event", q, a.Results)
		}
	}
}

// TestTitleHolderActsForNamed checks that the name asked for by a title
// of a named state is someone who acts for it: President Biden is not
// the president of Syria.
func TestTitleHolderActsForNamed(t *testing.T) {
	st := bottest.New(t, index.BM25)
	if a := mustAsk(t, st, "who is the president of syria"); !a.NotCovered {
		t.Errorf("Ask(%q) = %v, want not covered", "who is the president of syria", a.Results)
	}
	q := "who is the white house press secretary"
	a := mustAsk(t, st, q)
	if len(a.Results) == 0 || !strings.Contains(a.Results[0].Text+a.Results[0].Speaker, "Psaki") {
		t.Errorf("Ask(%q) = %q %v, want Psaki first", q, a.Text, a.Results)
	}
}

// TestEventCitesWhatItSummarizes checks that a curated event whose summary
// says more than one thing cites the words of each: the Fatah Coalition's
// call to expel foreign troops, not only its condemnation.
func TestEventCitesWhatItSummarizes(t *testing.T) {
	st := bottest.New(t, index.BM25)
	q := "what does the fatah coalition want the iraqi government to do"
	a := mustAsk(t, st, q)
	for _, r := range a.Results {
		for _, c := range r.Citations {
			if strings.Contains(c.Quote, "expel the foreign troops") {
				return
			}
		}
	}
	t.Errorf("Ask(%q) = %q: no citation quotes the call to expel the foreign troops", q, firstText(a))
}

// TestNoWordsTwice checks, over the tuning questions at the largest limit,
// that no answer quotes from one document words another of its results
// holds whole: a sentence and a quotation record running over it are one
// answer ("Who said Iran is a bad actor?" gave §45 and §44–46).
func TestNoWordsTwice(t *testing.T) {
	st := bottest.New(t, index.BM25)
	qs := []string{"Who said Iran is a bad actor?"}
	for _, c := range tuningCases(t) {
		qs = append(qs, c.Q)
	}
	for _, q := range qs {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: q, Limit: bot.MaxLimit})
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", q, err)
		}
		for i, r := range a.Results {
			for _, o := range a.Results[:i] {
				c, k := r.Citations[0], o.Citations[0]
				cq, kq := seeds.NormalizeSpace(c.Quote), seeds.NormalizeSpace(k.Quote)
				if c.Doc == k.Doc && (strings.Contains(cq, kq) || strings.Contains(kq, cq)) {
					t.Errorf("Ask(%q): result %d quotes %q, which result %q holds or is held by", q, i+1, c.Quote, k.Quote)
				}
			}
		}
	}
}

// TestNameInApposition checks that "who is the X of Y" finds a name the
// sources give before X, across a comma or a copula, not only right
// beside it ("Pentagon spokesperson John Kirby").
func TestNameInApposition(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, c := range []struct{ q, name string }{
		{"Who is the chairman of the Senate Foreign Relations Committee?", "Bob Menendez"},
		{"Who was the head of the Qods Force?", "Qassem Soleimani"},
		{"Who was the deputy commander of the PMF?", "Muhandis was also the deputy commander"},
	} {
		a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: c.q, Limit: 3})
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", c.q, err)
		}
		if a.NotCovered || len(a.Results) == 0 || !strings.Contains(a.Results[0].Citations[0].Quote, c.name) {
			t.Errorf("Ask(%q) = %q, %d results; want a first result naming %q", c.q, a.Text, len(a.Results), c.name)
		}
	}
}
