package bot

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// cite builds the citation of a verbatim quote from the knowledge base.
func (b *Bot) cite(doc, quote string) Citation {
	return Citation{Doc: doc, Passage: b.kb.PassageOf(doc, quote), Quote: quote}
}

// as returns the citation in the given role.
func (c Citation) as(r Role) Citation {
	c.Role = r
	return c
}

// when renders an event or quote date for people, marking approximate ones.
func when(d knowledge.Date, precision knowledge.Precision) string {
	if precision == knowledge.PrecisionApproximate {
		return "c. " + d.Human()
	}
	return d.Human()
}

// eventText is one timeline line: date, kind, what happened, where, and for
// a strike the attacks it answered.
func (b *Bot) eventText(e *knowledge.Event) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s — %s: %s", when(e.When, e.Precision), e.Kind.Label(), e.Summary)
	if e.Where != "" {
		fmt.Fprintf(&s, " (%s)", e.Where)
	}
	if len(e.RetaliationFor) > 0 {
		var parts []string
		for _, id := range e.RetaliationFor {
			if r := b.kb.Event(id); r != nil {
				parts = append(parts, fmt.Sprintf("%s (%s)", r.When.Human(), r.Where))
			}
		}
		fmt.Fprintf(&s, " In response to: %s.", joinList(parts, "and"))
	}
	return s.String()
}

// eventResult cites the event, and for a strike the attacks it answered.
func (b *Bot) eventResult(e *knowledge.Event) Result {
	r := Result{Text: b.eventText(e), Date: e.When.ISO(), Citations: []Citation{b.cite(e.Doc, e.Quote)}}
	r.Event = &EventInfo{ID: e.ID, Kind: string(e.Kind), Precision: string(e.Precision), Where: e.Where,
		Places: b.actorNames(e.Places), Actors: b.actorNames(e.Actors), Targets: b.actorNames(e.Targets), RespondsTo: e.RetaliationFor}
	for _, a := range e.Also {
		r.Citations = append(r.Citations, b.cite(a.Doc, a.Quote).as(Also))
	}
	for _, id := range e.RetaliationFor {
		if x := b.kb.Event(id); x != nil {
			r.Citations = append(r.Citations, b.cite(x.Doc, x.Quote).as(Answered))
		}
	}
	// A record may cite a sentence of the passage its quote holds whole.
	r.Citations = dropCovered(r.Citations)
	return r
}

// actorNames returns the names of the actors ids name, in order; an id the
// knowledge base lacks stays as it is.
func (b *Bot) actorNames(ids []string) []string {
	var out []string
	for _, id := range ids {
		if a := b.kb.Actor(id); a != nil {
			id = a.Name
		}
		out = append(out, id)
	}
	return out
}

// sortedNames returns the names of the known actors of a set of ids, in
// order.
func (b *Bot) sortedNames(ids map[string]bool) []string {
	var out []string
	for id := range ids {
		if a := b.kb.Actor(id); a != nil {
			out = append(out, a.Name)
		}
	}
	slices.Sort(out)
	return out
}

func (b *Bot) quoteResult(q *knowledge.Quote) Result {
	speaker := q.Speaker
	if a := b.kb.Actor(q.Speaker); a != nil {
		speaker = a.Name
	}
	r := Result{Text: q.Quote, Speaker: speaker, Date: q.When.ISO(), Context: q.Context, Citations: []Citation{b.cite(q.Doc, q.Quote)}}
	for _, al := range q.Also {
		if al.Doc != q.Doc || !strings.Contains(q.Quote, al.Quote) {
			role := Attribution
			switch {
			case strings.HasSuffix(strings.TrimSpace(al.Quote), "?"):
				role = Question // a reporter's question names no speaker
			case b.namesOtherSpeaker(al.Quote, q.Speaker):
				role = Disputed
			}
			r.Citations = append(r.Citations, b.cite(al.Doc, al.Quote).as(role))
		}
	}
	return r
}

// namesOtherSpeaker reports whether words cited for a quotation name a
// person other than its speaker, and not the speaker: a source that gives
// the words to someone else ("003 gives these words to Kirby; 001 gives
// them to Blinken").
func (b *Bot) namesOtherSpeaker(words, speaker string) bool {
	other := false
	for _, m := range b.kb.Tagger().Tag(words) {
		if m.ID == speaker {
			return false
		}
		// "The President" in a reporter's question names no one else.
		if a := b.kb.Actor(m.ID); a != nil && a.Kind == "person" && !strings.HasPrefix(strings.ToLower(words[m.Start:m.End]), "the ") {
			other = true
		}
	}
	return other
}

func (b *Bot) claimResult(c *knowledge.Casualty) Result {
	var s strings.Builder
	fmt.Fprintf(&s, "%s (%s): ", c.Claimant, c.ClaimantType.Label())
	none := func(f knowledge.Figure) bool { return f.Known && f.Min == 0 && f.Max != nil && *f.Max == 0 }
	switch {
	case !c.Killed.Stated && !c.Injured.Stated:
		s.WriteString("no figures")
	case none(c.Killed) && none(c.Injured):
		s.WriteString("no casualties reported")
	default:
		fmt.Fprintf(&s, "killed %s; injured %s", c.Killed, c.Injured)
	}
	if c.Who != "" {
		fmt.Fprintf(&s, " — %s", c.Who)
	}
	switch {
	case c.Note != "" && len(c.Disputes) > 0:
		fmt.Fprintf(&s, ". Disputed: %s", c.Note)
	case c.Note != "":
		fmt.Fprintf(&s, " (%s)", c.Note)
	}
	r := Result{Text: upperFirst(s.String()), Claimant: c.Claimant, Casualty: &Casualty{Who: c.Who, ClaimantType: string(c.ClaimantType), ClaimantLabel: c.ClaimantType.Label(), Disputes: c.Disputes}, Citations: []Citation{b.cite(c.Doc, c.Quote)}}
	r.Killed, r.KilledMax = figure(c.Killed)
	r.Injured, r.InjuredMax = figure(c.Injured)
	for _, al := range c.Also {
		r.Citations = append(r.Citations, b.cite(al.Doc, al.Quote).as(Also))
	}
	r.Citations = dropCovered(r.Citations)
	return r
}

// figure returns a figure's minimum and maximum, nil where not stated or
// open.
func figure(f knowledge.Figure) (lo, hi *int) {
	if !f.Known {
		return nil, nil
	}
	min := f.Min
	return &min, f.Max
}
