package bot

import (
	"slices"
	"strings"
	"testing"
)

func TestQuoteMarks(t *testing.T) {
	tests := []struct {
		quote, lead, trail string
	}{
		{`SECRETARY BLINKEN: “I think`, "", "…”"},
		{`deter future action," Blinken said`, `"…`, ""},
		{`He said “yes” and left.`, "", ""},
		{`as a "specially designated global terrorist".`, "", ""},
		{`"resulted in the martyrdom of a group of heroic fighters" and threatened revenge.`, "", ""},
		{`security.” He added: “We will`, "“…", "…”"},
		{`we’ve demonstrated it`, "", ""},
		{`She said: "we will`, "", `…"`},
		{``, "", ""},
	}
	for _, tt := range tests {
		lead, trail := QuoteMarks(tt.quote)
		if lead != tt.lead || trail != tt.trail {
			t.Errorf("QuoteMarks(%q) = %q, %q, want %q, %q", tt.quote, lead, trail, tt.lead, tt.trail)
		}
	}
}

// TestBalance checks that words opening right after a quotation mark in
// their source get the mark back without "…": nothing was cut.
func TestBalance(t *testing.T) {
	tests := []struct {
		c           Citation
		lead, trail string
		open, close string
	}{
		{Citation{Quote: `We don't want to see proxies in the region."`, opened: true}, `"`, "", "", ""},
		{Citation{Quote: `We don't want to see proxies in the region."`}, `"…`, "", "", ""},
		{Citation{Quote: `protect US personnel," Kirby said.`, opened: true}, `"`, "", "“", "”"},
		{Citation{Quote: `region.” He added: “We will`, opened: true}, "“", "…”", "“", "”"},
		{Citation{Quote: `a.” b” c`, opened: true}, "“…“", "", "“", "”"},
	}
	for _, tt := range tests {
		lead, trail := tt.c.Balance()
		open, close := tt.c.Enclosure()
		if lead != tt.lead || trail != tt.trail || open != tt.open || close != tt.close {
			t.Errorf("%+v.Balance(), Enclosure() = %q, %q, %q, %q; want %q, %q, %q, %q", tt.c, lead, trail, open, close, tt.lead, tt.trail, tt.open, tt.close)
		}
	}
}

func TestLines(t *testing.T) {
	words := Citation{Doc: "000.txt", Passage: "000:6", Quote: "I would hope"}
	attrSame := Citation{Doc: "000.txt", Passage: "000:6", Quote: `hope," Blinken said`, Role: Attribution}
	attrOther := Citation{Doc: "003.txt", Passage: "003:34", Quote: "SECRETARY BLINKEN: “I think", Role: Attribution}
	event := Citation{Doc: "003.txt", Passage: "003:2", Quote: "On June 27, the United States conducted airstrikes"}
	also := Citation{Doc: "000.txt", Passage: "000:2", Quote: "three targets", Role: Also}
	answered := Citation{Doc: "003.txt", Passage: "003:6", Quote: "On April 14, a drone", Role: Answered}
	claim1 := Citation{Doc: "003.txt", Passage: "003:3", Quote: "a monitor reported seven"}
	claim2 := Citation{Doc: "003.txt", Passage: "003:3", Quote: "officials said four"}
	both := Citation{Doc: "003.txt", Passage: "003:3", Quote: claim1.Quote + " and " + claim2.Quote}
	attrShort := Citation{Doc: "003.txt", Passage: "003:38", Quote: "Jen Psaki on June 28, 2021"}
	attrFull := Citation{Doc: "003.txt", Passage: "003:38", Quote: "Jen Psaki on June 28, 2021:", Role: Attribution}
	type line struct {
		label, passage string
		quotes         string
	}
	tests := []struct {
		name string
		r    Result
		want []line
	}{
		{"words and attribution in one passage", Result{Text: "I would hope", Citations: []Citation{words, attrSame}}, []line{{"source", "000:6", attrSame.Quote}}},
		{"attribution elsewhere", Result{Text: "I would hope", Citations: []Citation{words, attrOther}}, []line{{"source", "000:6", ""}, {"attributed in", "003:34", attrOther.Quote}}},
		{"words inside a longer text", Result{Text: "Blinken (28 June): “I would hope …”", Citations: []Citation{words, attrSame}}, []line{{"source", "000:6", attrSame.Quote}}},
		{"strike", Result{Text: "27 June 2021 — US strike", Citations: []Citation{event, also, answered, answered}}, []line{{"source", "003:2", event.Quote}, {"also in", "000:2", also.Quote}, {"in answer to", "003:6", answered.Quote}}},
		{"two claims in one passage", Result{Text: "Claims", Citations: []Citation{claim1, claim2, claim1}}, []line{{"source", "003:3", claim1.Quote + " | " + claim2.Quote}}},
		{"words within others of the passage", Result{Text: "Article 2", Citations: []Citation{attrShort, attrFull, attrShort}}, []line{{"source", "003:38", attrFull.Quote}}},
		{"words holding two shown", Result{Text: "Claims", Citations: []Citation{claim1, claim2, both}}, []line{{"source", "003:3", both.Quote}}},
	}
	for _, tt := range tests {
		var got []line
		for _, l := range tt.r.Lines() {
			var qs []string
			for _, q := range l.Quotes {
				qs = append(qs, q.Quote)
			}
			got = append(got, line{l.Label, l.Citation.Passage, strings.Join(qs, " | ")})
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: Lines() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestEnclose checks that a quote already one quotation from end to end
// gets no second pair of marks, and any other gets one.
func TestEnclose(t *testing.T) {
	for _, tt := range []struct{ quote, open, close string }{
		{"“As a matter of international law, the United States acted pursuant to its right of self-defense.", "", ""},
		{"“We will avenge the blood.”", "", ""},
		{"“A,” he said, “B.”", "“", "”"},
		{"Iran condemned the strikes.", "“", "”"},
		{`"deter future action," Blinken said`, "“", "”"},
	} {
		if open, end := Enclose(tt.quote); open != tt.open || end != tt.close {
			t.Errorf("Enclose(%q) = %q, %q, want %q, %q", tt.quote, open, end, tt.open, tt.close)
		}
	}
}

// TestResultWords checks which results a front end shows as a quotation:
// the words their citation quotes, and a speaker's words within a longer
// quote of their source — never text in the tool's own words.
func TestResultWords(t *testing.T) {
	cite := Citation{Doc: "000", Quote: "I hope it will deter future action, Blinken said.", Marks: []Span{{15, 21}}}
	tests := []struct {
		name string
		r    Result
		want string
		ok   bool
	}{
		{"own citation", Result{Text: cite.Quote, Citations: []Citation{cite}}, cite.Quote, true},
		{"speaker's words within", Result{Text: "I hope it will deter future action", Speaker: "Antony Blinken", Citations: []Citation{cite}}, "I hope it will deter future action", true},
		{"no speaker", Result{Text: "I hope it will deter future action", Citations: []Citation{cite}}, "", false},
		{"summary line", Result{Text: "Antony Blinken: I hope …", Speaker: "Antony Blinken", Citations: []Citation{cite}}, "", false},
		{"no citation", Result{Text: "x"}, "", false},
	}
	for _, tt := range tests {
		c, ok := tt.r.Words()
		if ok != tt.ok || c.Quote != tt.want {
			t.Errorf("%s: Words() = %q, %v, want %q, %v", tt.name, c.Quote, ok, tt.want, tt.ok)
		}
		if ok && tt.r.Text == cite.Quote && len(c.Marks) != 1 {
			t.Errorf("%s: Words() marks = %v, want the citation's", tt.name, c.Marks)
		}
	}
}

// TestCite checks the citation as users see it, for words in one passage
// and words running over several.
func TestCite(t *testing.T) {
	tests := []struct {
		c    Citation
		want string
	}{
		{Citation{Passage: "003:12"}, "[003 §12]"},
		{Citation{Passage: "003:44", PassageEnd: "003:46"}, "[003 §44–46]"},
		{Citation{Passage: "003:44", PassageEnd: "003:44"}, "[003 §44]"},
	}
	for _, tt := range tests {
		if got := tt.c.Cite(); got != tt.want {
			t.Errorf("%+v.Cite() = %q, want %q", tt.c, got, tt.want)
		}
	}
}
