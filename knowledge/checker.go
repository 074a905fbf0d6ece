package knowledge

import (
	"fmt"
	"strings"

	"github.com/dossier/dossier/seeds"
)

type checker struct {
	texts    map[string]string // document name → text with white space folded
	passages map[string][]passageText
	located  map[string]string // doc + quote → passage ID
	problems []Problem
	attr     *attribution
}

// passageText is a passage's ID and its text with white space folded.
type passageText struct{ id, text string }

func normalizePassages(docs []*seeds.Document) map[string][]passageText {
	out := make(map[string][]passageText, len(docs))
	for _, d := range docs {
		for _, p := range d.Passages {
			out[d.Name] = append(out[d.Name], passageText{p.ID(), seeds.NormalizeSpace(p.Text)})
		}
	}
	return out
}

func (c *checker) locate(doc, quote string) {
	if id := locate(c.passages, doc, quote); id != "" {
		c.located[doc+"\x00"+quote] = id
	}
}

// locate finds the passage a verbatim quote starts in: the passage holding
// the whole quote, or else the one holding its opening words.
func locate(passages map[string][]passageText, doc, quote string) string {
	q := seeds.NormalizeSpace(quote)
	words := strings.Fields(q)
	opening := strings.Join(words[:min(len(words), 6)], " ")
	// A quotation running over several paragraphs is where its first
	// paragraph is: its opening words alone may open another speaker's
	// paragraph too ("As a matter of domestic law, the …").
	first, _, _ := strings.Cut(strings.TrimSpace(quote), "\n\n")
	for _, want := range []string{q, seeds.NormalizeSpace(first), opening} {
		for _, p := range passages[doc] {
			if strings.Contains(p.text, want) {
				return p.id
			}
		}
	}
	return ""
}

func (c *checker) add(file string, line int, rec, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: file, Line: line, Record: rec, Msg: fmt.Sprintf(format, args...)})
}

// cites checks every citation of a record and reports whether all are
// verbatim.
func (c *checker) cites(file string, line int, rec string, s Source) bool {
	n := len(c.problems)
	c.quote(file, s.lineOf("quote", line), rec, s.Doc, s.Quote)
	for _, ct := range s.Also {
		c.quote(file, s.lineOf("also", line), rec, ct.Doc, ct.Quote)
	}
	return len(c.problems) == n
}

// quote checks that quote is verbatim in the named document.
func (c *checker) quote(file string, line int, rec, doc, quote string) {
	text, ok := c.texts[doc]
	switch {
	case doc == "":
		c.add(file, line, rec, "no doc cited")
	case !ok:
		c.add(file, line, rec, "cites unknown document %q", doc)
	case seeds.NormalizeSpace(quote) == "":
		c.add(file, line, rec, "no quote from %s", doc)
	case !strings.Contains(text, seeds.NormalizeSpace(quote)):
		c.add(file, line, rec, "quote %q is not verbatim in %s", quote, doc)
	default:
		c.locate(doc, quote)
	}
}

// itemCites returns the citations of the records a summary item draws on.
func (b *Base) itemCites(it SummaryItem) []Cite {
	var out []Cite
	event := func(e *Event) {
		if e != nil {
			out = append(out, e.Cites()...)
		}
	}
	switch {
	case it.Event != "":
		event(b.Event(it.Event))
	case it.Quote != "":
		if q := b.Quote(it.Quote); q != nil {
			out = append(out, q.Cites()...)
		}
	case it.Casualties != "":
		for _, k := range b.claimsAbout(it.Casualties) {
			out = append(out, k.Cites()...)
		}
	case it.Attacks != "":
		from, to, err := ParseRange(it.Attacks)
		if err != nil {
			return nil
		}
		for i := range b.Events {
			if e := &b.Events[i]; e.Kind == "militia-attack" && e.When.InRange(from, to) {
				event(e)
			}
		}
	}
	return out
}

// claimsAbout returns the casualty claims about an event.
func (b *Base) claimsAbout(event string) []*Casualty {
	var out []*Casualty
	for i := range b.Casualties {
		if b.Casualties[i].Event == event {
			out = append(out, &b.Casualties[i])
		}
	}
	return out
}
