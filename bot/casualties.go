package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// CasualtiesRequest names an event by date, loose date or words; empty asks
// for every event with claims.
type CasualtiesRequest struct {
	Event string
}

// Casualties shows every casualty claim about an event side by side, with
// who made it, and how far the claims range — never a sum or an average.
func (b *Bot) Casualties(ctx context.Context, req CasualtiesRequest) (*Answer, error) {
	q := Clean(req.Event)
	if err := tooLong("event", q, 100); err != nil {
		return nil, err
	}
	a := &Answer{Command: "casualties", Query: q, Results: []Result{}}
	if q == "" {
		for _, e := range b.eventsWithClaims() {
			claims := b.claims(e.ID)
			r := b.eventResult(e)
			r.Text = fmt.Sprintf("%s — %s — %d %s; %s.", when(e.When, e.Precision), strings.TrimSuffix(e.Summary, "."), len(claims), Plural(len(claims), "claim", "claims"), rangeLine(claims))
			a.Results = append(a.Results, r)
		}
		a.Text = fmt.Sprintf("%d events with casualty claims. Name one (a date, a place, a person) to see every claim.", len(a.Results))
		return a, nil
	}
	events, err := b.findEvents(q)
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		a.NotCovered = true
		a.Text = fmt.Sprintf("No event with casualty claims matches %s. Try a date (2021-06-27, March 2020) or a place or person (Camp Taji, Soleimani, Erbil).", echo(q))
		return a, nil
	}
	days := map[knowledge.Date]int{}
	for _, e := range events {
		days[e.When]++
	}
	var lines []string
	for _, e := range events {
		claims := b.claims(e.ID)
		// Two events of one day are told apart by where they were.
		day, kind := e.When.Human(), e.Kind.Label()
		if days[e.When] > 1 && e.Where != "" {
			day, kind = day+", "+e.Where, kind+", "+e.Where
		}
		for _, c := range claims {
			r := b.claimResult(c)
			r.Date = e.When.ISO()
			if len(events) > 1 {
				r.Text = day + " — " + r.Text
			}
			a.Results = append(a.Results, r)
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %d %s; %s.", e.When.Human(), kind, len(claims), Plural(len(claims), "claim", "claims"), rangeLine(claims)))
	}
	// One line per event, so several read as a list.
	sep := " "
	if len(lines) > 1 {
		sep = "\n"
	}
	a.Text = strings.Join(lines, sep) + sep + "Each figure is its claimant's, as the source reports it."
	return a, nil
}

func (b *Bot) eventsWithClaims() []*knowledge.Event { return b.claimed }

func (b *Bot) claims(event string) []*knowledge.Casualty { return b.claimsByEvt[event] }

// findEvents resolves an event named by a date or by words to the events
// with casualty claims that match best.
func (b *Bot) findEvents(q string) ([]*knowledge.Event, error) {
	if e := b.kb.Event(q); e != nil {
		return []*knowledge.Event{e}, nil
	}
	d, err := b.parseDate(q)
	if err == nil {
		var out []*knowledge.Event
		for _, e := range b.eventsWithClaims() {
			if e.When.Overlaps(d) {
				out = append(out, e)
			}
		}
		return out, nil
	}
	if !errors.Is(err, knowledge.ErrNotADate) {
		return nil, dateError("", q, err)
	}
	return b.matchEvents(q), nil
}

// matchEvents picks the events with casualty claims that words (and any
// date written among them) name best: by the actors and places they name,
// then by the words they share with the event's description.
func (b *Bot) matchEvents(q string) []*knowledge.Event {
	ids := map[string]bool{}
	mentions := b.kb.Tagger().TagFuzzy(q)
	for _, m := range mentions {
		ids[m.ID] = true
	}
	if b.otherPerson(q, mentions) != "" {
		return nil // "Jill Biden" is not Joe Biden
	}
	date, dated := knowledge.FindDate(q)
	qw := b.contentWords(q)
	// A claimant named as the sources name it ("US military", "Iraqi
	// military"): the events it, or the actor it is, gave figures for,
	// whoever else they involve. A date beside it is the event's ("US
	// military June 2021").
	claimant := slices.DeleteFunc(slices.Clone(qw), func(w string) bool {
		_, month := knowledge.Month(w)
		_, err := strconv.Atoi(w)
		return month || err == nil
	})
	var byClaimant []*knowledge.Event
	named := false
	for _, e := range b.eventsWithClaims() {
		if dated && !e.When.Overlaps(date) {
			continue
		}
		n := b.namesClaimant(claimant, e.ID)
		if n || b.claimedBy(ids, e.ID) {
			byClaimant = append(byClaimant, e)
		}
		named = named || n
	}
	if named {
		return byClaimant
	}
	// Words of claims are those more events' claims count than events'
	// own words hold, and no date's: "strikes" in "the June strikes"
	// names an event, not the "drone attacks the strikes answered" a claim
	// counts; "civilians" is whom two events' claims count, though one
	// event's description holds it too. They count once, as a claim's.
	ofClaims := slices.DeleteFunc(slices.Clone(claimant), func(w string) bool {
		counted, described := 0, 0
		for _, e := range b.eventsWithClaims() {
			if sharesWord([]string{w}, b.countedWords[e.ID]) || sharesWord([]string{w}, b.claimantWords[e.ID]) {
				counted++
			}
			if sharesWord([]string{w}, b.eventWords[e.ID]) {
				described++
			}
		}
		return described > 0 && counted <= described
	})
	// A name counts once, as the actor it names: "Biden" in "Biden
	// strikes" is no word of the summary that happens to name him.
	var nameWords []string
	for _, m := range mentions {
		nameWords = append(nameWords, b.contentWords(q[m.Start:m.End])...)
	}
	rest := slices.DeleteFunc(slices.Clone(qw), func(w string) bool {
		return slices.Contains(nameWords, w) || slices.Contains(ofClaims, w)
	})
	best := 0.0
	var out []*knowledge.Event
	for _, e := range b.eventsWithClaims() {
		if dated && !e.When.Overlaps(date) {
			continue
		}
		score := 0.0
		if b.involves(ids, e.Places, e.Targets, e.Actors) {
			score += 2
		} else if b.claimedBy(ids, e.ID) || sharesWord(ofClaims, b.claimantWords[e.ID]) || sharesWord(ofClaims, b.countedWords[e.ID]) {
			// "casualties pentagon", "casualties monitor": the events it
			// gave figures for; "casualties child": the events whose
			// claims count one.
			score += 1
		}
		score += overlap(rest, b.eventWords[e.ID])
		switch {
		case score <= 0.5:
		case score > best:
			best, out = score, []*knowledge.Event{e}
		case score == best:
			out = append(out, e)
		}
	}
	return b.latestAsked(q, out)
}

// latestAsked keeps, of the events words q name, the latest, when a word
// of q asks for it ("the latest strikes"); all of them otherwise.
func (b *Bot) latestAsked(q string, events []*knowledge.Event) []*knowledge.Event {
	if len(events) < 2 {
		return events
	}
	en, err := b.kb.English()
	if err != nil || !slices.ContainsFunc(knowledge.Tokenize(q), func(t knowledge.Token) bool { return slices.Contains(en.Recency, t.Norm) }) {
		return events
	}
	last := events[0]
	for _, e := range events[1:] {
		if last.When.Before(e.When) {
			last = e
		}
	}
	return slices.DeleteFunc(events, func(e *knowledge.Event) bool { return e.When != last.When })
}

// namesClaimant reports whether the content words qw are those of one of
// the event's claimants, no more and no fewer: "US military" names "the
// US military", "US" names no claimant ("US officials" is more).
func (b *Bot) namesClaimant(qw []string, event string) bool {
	if len(qw) == 0 {
		return false
	}
	for _, c := range b.claims(event) {
		// Whole words, as sharesWord: "militia" is not "military".
		cw := b.contentWords(c.Claimant)
		if len(cw) == len(qw) && !slices.ContainsFunc(qw, func(w string) bool { return !slices.Contains(cw, w) }) {
			return true
		}
	}
	return false
}

// claimedBy reports whether one of ids, or an institution it speaks for,
// made a casualty claim about the event.
func (b *Bot) claimedBy(ids map[string]bool, event string) bool {
	for _, c := range b.claims(event) {
		if c.ClaimantActor != "" && b.involves(ids, []string{c.ClaimantActor}) {
			return true
		}
	}
	return false
}

// rangeLine says how far the claims of deaths range, from the lowest stated
// figure to the highest, without adding or averaging them.
func rangeLine(claims []*knowledge.Casualty) string {
	s := killedRange(claims)
	var unknown []string
	for _, c := range claims {
		if c.Killed.Stated && !c.Killed.Known {
			unknown = appendUnique(unknown, c.Claimant)
		}
	}
	switch n := len(unknown); {
	case n > 0 && n <= 2:
		// Named, so the reader can find the claim among those listed.
		s += fmt.Sprintf("; no number from %s", joinList(unknown, "and"))
	case n > 2:
		s += fmt.Sprintf("; no number from %d claimants", n)
	}
	return s
}

// killedRange says how far the claims of deaths lie apart, naming who
// gives the lowest figure: one claim may count fewer of the dead than the
// others ("one child"), and a reader must see whose it is. Who gives the
// highest is listed beside it, in the claims by claimant.
func killedRange(claims []*knowledge.Casualty) string {
	lo, hi, open, n := 0, 0, false, 0
	var loBy []string
	loWho := "" // whom the one lowest claim counts
	for _, c := range claims {
		if !c.Killed.Known {
			continue
		}
		top, isOpen := c.Killed.Min, c.Killed.Max == nil
		if c.Killed.Max != nil {
			top = *c.Killed.Max
		}
		switch {
		case n == 0 || c.Killed.Min < lo:
			lo, loBy, loWho = c.Killed.Min, []string{c.Claimant}, c.Who
		case c.Killed.Min == lo:
			loBy = append(loBy, c.Claimant)
		}
		if n == 0 || top > hi || (top == hi && isOpen) {
			hi, open = top, isOpen
		}
		n++
	}
	switch {
	case n == 0:
		return "no claim gives a death toll"
	case lo == hi && !open:
		return fmt.Sprintf("claims of deaths: %d", lo)
	}
	at := ""
	if open {
		at = "at least "
	}
	by := joinList(loBy, "and")
	if who, _, _ := strings.Cut(loWho, ";"); len(loBy) == 1 && who != "" {
		// Whom it counts: "a child killed" is no low estimate of the
		// fighters the others count.
		by += ": " + strings.TrimSpace(who)
	}
	return fmt.Sprintf("claims of deaths range from %d (%s) to %s%d", lo, by, at, hi)
}
