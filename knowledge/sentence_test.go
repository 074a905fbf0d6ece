package knowledge

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/seeds"
)

// TestAlsoStaysInOneSentence holds every further citation (also) to the
// attribution rule's limit: a quote never runs past the sentence that holds
// its fact, so a reader sees the words that support the record and no more.
func TestAlsoStaysInOneSentence(t *testing.T) {
	b := loadBase(t)
	docs := map[string]string{}
	for _, d := range seedDocs(t) {
		docs[d.Name] = d.Text
	}
	check := func(file string, line int, rec string, s Source) {
		for _, c := range s.Also {
			if !inOneSentence(docs[c.Doc], c.Quote) {
				t.Errorf("%s:%d: %s: also %q runs past one sentence of %s", file, line, rec, c.Quote, c.Doc)
			}
		}
	}
	for _, a := range b.Actors {
		check("actors.yaml", a.Line, "actor "+a.ID, a.Source)
	}
	for _, e := range b.Events {
		check("events.yaml", e.Line, "event "+e.ID, e.Source)
	}
	for _, q := range b.Quotes {
		check("quotes.yaml", q.Line, "quote "+q.ID, q.Source)
	}
	for _, c := range b.Casualties {
		check("casualties.yaml", c.Line, "casualty "+c.ID, c.Source)
	}
}

// inOneSentence reports whether quote occurs within one sentence of text
// (white space aside).
func inOneSentence(text, quote string) bool {
	q := seeds.NormalizeSpace(quote)
	for _, p := range strings.Split(text, "\n") {
		for _, sp := range seeds.Sentences(p) {
			if strings.Contains(seeds.NormalizeSpace(p[sp.Start:sp.End]), q) {
				return true
			}
		}
	}
	return false
}

func TestInOneSentence(t *testing.T) {
	const text = "The U.S. struck two sites. Kirby said so."
	tests := []struct {
		quote string
		want  bool
	}{
		{"The U.S. struck two sites.", true},
		{"Kirby said so", true},
		{"two sites. Kirby said", false},
	}
	for _, tt := range tests {
		if got := inOneSentence(text, tt.quote); got != tt.want {
			t.Errorf("inOneSentence(%q) = %v, want %v", tt.quote, got, tt.want)
		}
	}
}
