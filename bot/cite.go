package bot

import (
	"slices"
	"strings"
	"unicode"
)

// CitationLine is one cited passage of a result as front ends show it:
// each passage once, introduced by what it shows.
type CitationLine struct {
	// Label introduces the line: "source", "attributed in", "also in",
	// "in answer to".
	Label string
	// Citation is the passage's first citation, which names it.
	Citation Citation
	// Quotes are the passage's words to show, in order: none when the
	// result's own text already shows them.
	Quotes []Citation
}

// Lines lists a result's citations one passage at a time, labelled by the
// passage's first role. Words the result's text already shows are not
// repeated; a passage cited for several words (a quotation and its
// attribution, three claims from one paragraph) shows each of them.
func (r Result) Lines() []CitationLine {
	var out []CitationLine
	at := map[string]int{}
	for _, c := range r.Citations {
		key := c.Passage
		if key == "" {
			key = c.Doc + "\x00" + c.Quote
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, CitationLine{Label: c.Role.Label(), Citation: c})
		}
		if c.Quote == "" || strings.Contains(r.Text, c.Quote) {
			continue
		}
		// Words another citation of the passage already shows are not
		// shown again ("… Jen Psaki on June 28, 2021" within "… Jen
		// Psaki on June 28, 2021:"); words holding one shown replace it.
		shown := out[i].Quotes
		if slices.ContainsFunc(shown, func(q Citation) bool { return strings.Contains(q.Quote, c.Quote) }) {
			continue
		}
		at := slices.IndexFunc(shown, func(q Citation) bool { return strings.Contains(c.Quote, q.Quote) })
		if at < 0 {
			out[i].Quotes = append(shown, c)
			continue
		}
		shown[at] = c
		out[i].Quotes = slices.DeleteFunc(shown, func(q Citation) bool { return q.Quote != c.Quote && strings.Contains(c.Quote, q.Quote) })
	}
	// A passage's words read in its order ("I expect to be briefed …"
	// before the tweet's signature), when where each stands is known.
	for _, l := range out {
		if !slices.ContainsFunc(l.Quotes, func(q Citation) bool { return q.at == 0 }) {
			slices.SortStableFunc(l.Quotes, func(a, b Citation) int { return a.at - b.at })
		}
	}
	return out
}

// place records where each citation's words stand in their passage, so
// that Lines shows a passage's words in its order, and whether they open
// right after a quotation mark, so that Balance adds no "…" before them.
func (b *Bot) place(a *Answer) {
	for i := range a.Results {
		for j := range a.Results[i].Citations {
			c := &a.Results[i].Citations[j]
			if c.Passage != "" {
				at, before := b.kb.Offset(c.Doc, c.Passage, c.Quote)
				c.at = at + 1
				c.opened = before == '“' || before == '"'
				if end := b.kb.LastPassageOf(c.Doc, c.Quote); end != c.Passage {
					c.PassageEnd = end
				}
			}
		}
	}
}

// Words returns the citation a front end shows a result's text from as a
// quotation: its first citation when the text is that citation's quote
// (with the matched words marked), or, for a speaker's words cited within a
// longer stretch of their source, those words alone, which are still a
// quotation. ok is false when the text is not verbatim words.
func (r Result) Words() (c Citation, ok bool) {
	switch {
	case len(r.Citations) == 0:
		return Citation{}, false
	case r.Citations[0].Quote == r.Text:
		return r.Citations[0], true
	case r.Speaker != "" && strings.Contains(r.Citations[0].Quote, r.Text):
		return Citation{Quote: r.Text}, true
	}
	return Citation{}, false
}

// QuoteMarks returns what to write before and after a quote, inside the
// marks a front end puts around it, so that quotation marks balance: a
// quote cut after an opening mark (`SECRETARY BLINKEN: “I think`) gets
// "…”" after it, and one that begins inside a quotation (`deter future
// action," Blinken said`) gets "\"…" before it. The quote itself stays
// verbatim.
func QuoteMarks(quote string) (lead, trail string) {
	return quoteMarks(quote, false)
}

// Balance is QuoteMarks for a citation: words that open right after a
// quotation mark in their source (`PSAKI: "We don't want …`) get the mark
// back before them without "…", since nothing of the quotation was cut.
func (c Citation) Balance() (lead, trail string) {
	return quoteMarks(c.Quote, c.opened)
}

// Enclosure is Enclose for a citation, with the marks Balance adds.
func (c Citation) Enclosure() (open, close string) {
	lead, trail := c.Balance()
	return enclose(lead + c.Quote + trail)
}

func quoteMarks(quote string, opened bool) (lead, trail string) {
	type mark struct{ open, close rune }
	var open []mark
	var unopened []mark
	prev := ' '
	for _, r := range quote {
		switch r {
		case '“':
			open = append(open, mark{'“', '”'})
		case '”':
			if n := len(open); n > 0 && open[n-1].open == '“' {
				open = open[:n-1]
			} else {
				unopened = append(unopened, mark{'“', '”'})
			}
		case '"':
			// A straight mark after a space or an opening bracket (or at
			// the start) opens; anywhere else it closes.
			n := len(open)
			switch {
			case n > 0 && open[n-1].open == '"':
				open = open[:n-1]
			case unicode.IsSpace(prev) || strings.ContainsRune("([{—–/", prev):
				open = append(open, mark{'"', '"'})
			default:
				unopened = append(unopened, mark{'"', '"'})
			}
		}
		prev = r
	}
	var l, t strings.Builder
	// The outer marks were opened before words that were cut; the mark
	// closed first opens right before the quote when opened, with nothing
	// cut between them: “…“ for a quotation within one.
	inner := len(unopened) > 0 && opened
	for i := len(unopened) - 1; i >= 0; i-- {
		if i == 0 && inner {
			break
		}
		l.WriteRune(unopened[i].open)
	}
	if len(unopened) > 1 || len(unopened) == 1 && !opened {
		l.WriteString("…")
	}
	if inner {
		l.WriteRune(unopened[0].open)
	}
	if len(open) > 0 {
		t.WriteString("…")
	}
	for i := len(open) - 1; i >= 0; i-- {
		t.WriteRune(open[i].close)
	}
	return l.String(), t.String()
}

// Enclose returns the marks a front end writes around a quote shown as a
// result's own words: “ and ”, or none when the quote, with the marks
// QuoteMarks adds, is already one quotation from its first character to
// its last (“As a matter of international law, …”), which more marks
// would only double.
func Enclose(quote string) (open, close string) {
	lead, trail := QuoteMarks(quote)
	return enclose(lead + quote + trail)
}

// enclose returns the marks to write around balanced words.
func enclose(balanced string) (open, close string) {
	s := []rune(balanced)
	if len(s) < 2 || s[0] != '“' && s[0] != '"' {
		return "“", "”"
	}
	want := '”'
	if s[0] == '"' {
		want = '"'
	}
	depth := 0
	for i, r := range s {
		switch {
		case r == s[0] && (r != '"' || i == 0):
			depth++
		case r == want:
			depth--
			if depth == 0 {
				if i == len(s)-1 {
					return "", ""
				}
				return "“", "”"
			}
		}
	}
	return "“", "”"
}
