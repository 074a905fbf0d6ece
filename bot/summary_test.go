package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
)

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
	// One figure two articles give to two claimants is said to be maybe
	// one, so a post does not count it twice; figures that differ are not.
	a, err := f.bot.Summary(t.Context(), bot.SummaryRequest{Topic: "casualties"})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, r := range a.Results {
		text.WriteString(r.Text)
	}
	if want := "The US military's and a Britain-based monitor's figures may be one"; !strings.Contains(text.String(), want) || strings.Count(text.String(), "may be one") != 1 {
		t.Errorf("Summary(casualties) = %q, want %q once", text.String(), want)
	}
	// A topic a slip away is that topic, and the answer says so.
	if a, err := f.bot.Summary(t.Context(), bot.SummaryRequest{Topic: "legl"}); err != nil || a.Query != "legal" || !strings.Contains(a.Text, "Read “legl” as legal.") {
		t.Errorf("Summary(legl) = %+v, %v; want the legal summary, read so", a, err)
	}
	if _, err := f.bot.Summary(t.Context(), bot.SummaryRequest{Topic: "gossip"}); !bot.IsInputError(err) {
		t.Errorf("Summary(gossip) error = %v, want an input error", err)
	}
}
