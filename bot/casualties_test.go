package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/seeds"
)

func TestCasualties(t *testing.T) {
	f := newFixture(t, index.BM25)
	tests := []struct {
		event  string
		claims []string // claimants that must appear
		text   string
	}{
		{"2021-06-27", []string{"the US military", "a Britain-based monitor", "Iraqi military officials, to The Associated Press", "Kataib Sayyid al Shuhada", "SANA, Syria's state-run news agency", "one monitor", "PMU sources, to AFP"}, "range from 1 (SANA, Syria's state-run news agency: a child killed) to at least 7; no number from the PMU"},
		{"June 27", []string{"the US military", "a Britain-based monitor"}, "range from 1 (SANA, Syria's state-run news agency: a child killed) to at least 7; no number from the PMU"},
		{"27 June 2021", []string{"the US military"}, "as the source reports it"},
		{"Camp Taji", []string{"the Pentagon"}, "claims of deaths: 3"},
		{"Soleimani", []string{"the article's own account"}, "claims of deaths: 7"},
		{"March 2020", []string{"the Pentagon", "US officials", "the Iraqi military"}, "11 March 2020"},
		{"K1", []string{"the Pentagon"}, "claims of deaths: 1"},
		// A claimant names the events it gave figures for.
		{"pentagon", []string{"the Pentagon", "the US military"}, "27 December 2019 (militia attack)"},
		// So do the words of a claimant the knowledge base has as no actor.
		{"monitor", []string{"a Britain-based monitor", "one monitor"}, "27 June 2021 (US strike)"},
		// A claimant's words count whole: "militia" is not "the Iraqi
		// military", so every militia attack with claims is listed.
		{"militia", []string{"the Pentagon", "Kurdish security forces"}, "8 May 2021 (militia attack)"},
		{"6/27", []string{"the US military"}, "27 June 2021 (US strike)"},
		{"the twenty-seventh of june", []string{"the US military"}, "27 June 2021 (US strike)"},
		// A claimant named as the sources name it: the events it gave
		// figures for, not those of another military.
		{"US military", []string{"the US military", "the Pentagon"}, "27 June 2021 (US strike)"},
		{"Iraqi military", []string{"the Iraqi military"}, "9 June 2021 (militia attack)"},
		{"US military June 2021", []string{"the US military"}, "27 June 2021 (US strike)"},
		// Whom a claim counts names its event.
		{"child", []string{"SANA, Syria's state-run news agency"}, "27 June 2021 (US strike)"},
		{"children", []string{"SANA, Syria's state-run news agency"}, "27 June 2021 (US strike)"},
		{"Anbar", []string{"PMU sources, to AFP"}, "27 June 2021 (US strike)"},
		// Whom claims count more often than events' words hold it: every
		// event a claim counts civilians at, not only the one whose
		// description says "civilian".
		{"civilians", []string{"the Pentagon", "the Iraqi military"}, "13 March 2020 (US strike)"},
		// An event's own words name it before words a claim happens to
		// count ("the drone attacks the strikes answered"), and a name
		// counts once, as the actor: Biden ordered both 2021 strikes.
		{"the june strikes", []string{"the US military"}, "27 June 2021 (US strike)"},
		{"biden strikes", []string{"the US military"}, "25 February 2021 (US strike)"},
		// An event's words are named by their synonyms in words.yaml.
		{"june airstrikes", []string{"the US military"}, "27 June 2021 (US strike)"},
		{"soldiers killed", []string{"the Pentagon"}, "11 March 2020 (militia attack)"},
		// Two events of one day, told apart by where they were.
		{"2021-07-07", []string{"an SDF spokesperson"}, "7 July 2021 (militia attack, Ain al Asad airbase): 1 claim"},
		{"December 2019", []string{"Iraqi sources, via Reuters", "the Pentagon"}, "29 December 2019 (US strike): 2 claims; claims of deaths: 25; no number from the Pentagon"},
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
	// A word asking for the latest keeps the latest of the events named.
	for q, want := range map[string]string{"the latest strikes": "27 June 2021 (US strike): 10 claims", "most recent drone attack": "7 July 2021 (militia attack): 1 claim"} {
		a, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: q})
		if err != nil || !strings.HasPrefix(a.Text, want) || strings.Count(a.Text, "\n") > 0 {
			t.Errorf("Casualties(%q).Text = %q (%v), want one event: %q", q, a.Text, err, want)
		}
	}
	// Several events read as a list: a headline a line.
	if a, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: "pentagon"}); err != nil || len(strings.Split(a.Text, "\n")) < 3 {
		t.Errorf("Casualties(pentagon).Text = %q (%v), want a line per event and one for the note", a.Text, err)
	}
	// Another military's claims are not the US military's.
	for _, q := range []string{"US military", "US military June 2021"} {
		if a, _ := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: q}); strings.Contains(a.Text, "9 June 2021") {
			t.Errorf("Casualties(%q).Text = %q, want no 9 June (the Iraqi military's claim)", q, a.Text)
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

// TestNoCitationRepeatsItsPassage checks every event of the timeline and
// every casualty claim: no citation of a result quotes words an earlier
// citation of the same passage already quotes (a record citing, as "also",
// a sentence of the passage its quote holds whole).
func TestNoCitationRepeatsItsPassage(t *testing.T) {
	f := newFixture(t, index.BM25)
	var answers []*bot.Answer
	tl, err := f.bot.Timeline(t.Context(), bot.TimelineRequest{All: true})
	if err != nil {
		t.Fatal(err)
	}
	answers = append(answers, tl)
	for _, e := range f.kb.Events {
		a, err := f.bot.Casualties(t.Context(), bot.CasualtiesRequest{Event: e.ID})
		if err != nil {
			t.Fatalf("Casualties(%s) error: %v", e.ID, err)
		}
		answers = append(answers, a)
	}
	checked := 0
	for _, a := range answers {
		for _, r := range a.Results {
			for i, c := range r.Citations {
				for _, d := range r.Citations[:i] {
					checked++
					if d.Passage == c.Passage && strings.Contains(seeds.NormalizeSpace(d.Quote), seeds.NormalizeSpace(c.Quote)) {
						t.Errorf("%s result %q cites %q of %s again (%s), within %q", a.Command, r.Text, c.Quote, c.Passage, c.Role, d.Quote)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no result had two citations: the check is empty")
	}
}
