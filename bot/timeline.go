package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
)

// TimelineRequest filters the timeline. Dates are loose ("2021-06-27",
// "27 June 2021", "March 2020"); one without a year ("27 June") is of the
// year of the event the sources are about.
type TimelineRequest struct {
	From, To string
	Actor    string
	Place    string
	// All includes background events (2002–2016) the sources mention.
	All bool
}

// Timeline lists events in order of their full dates.
func (b *Bot) Timeline(ctx context.Context, req TimelineRequest) (*Answer, error) {
	events, from, assumed, err := b.timelineEvents(req)
	if err != nil {
		return nil, err
	}
	a := &Answer{Command: "timeline", Query: describeTimeline(req), Results: []Result{}}
	for _, e := range events {
		a.Results = append(a.Results, b.eventResult(e))
	}
	if len(a.Results) == 0 {
		a.NotCovered = true
		a.Text = "No events in the sources match that."
		if last := b.lastEvent(); last.Year != 0 && from.Year != 0 && last.Before(from) && !last.Overlaps(from) {
			a.Text += " The latest event in the sources is on " + last.Human() + "."
		}
	} else {
		a.Text = fmt.Sprintf("%d %s, in date order.", len(a.Results), Plural(len(a.Results), "event", "events"))
	}
	if assumed != "" {
		a.Text += " " + assumed
	}
	return a, nil
}

// lastEvent returns the date of the latest event the knowledge base
// records.
func (b *Bot) lastEvent() knowledge.Date {
	var last knowledge.Date
	for i := range b.kb.Events {
		if w := b.kb.Events[i].When; last.Before(w) {
			last = w
		}
	}
	return last
}

// timelineEvents returns the events a timeline request selects, in date
// order, the range's first day as read (no date when it has none), and how
// the dates given without a year were read ("" when none was).
func (b *Bot) timelineEvents(req TimelineRequest) ([]*knowledge.Event, knowledge.Date, string, error) {
	from, err := b.boundDate("from", req.From)
	if err != nil {
		return nil, knowledge.Date{}, "", err
	}
	to, err := b.boundDate("to", req.To)
	if err != nil {
		return nil, knowledge.Date{}, "", err
	}
	from, to, assumed, err := b.datedRange(from, to, req.From, req.To)
	if err != nil {
		return nil, knowledge.Date{}, "", err
	}
	if from.Year != 0 && to.Year != 0 && to.Before(from) && !to.Overlaps(from) {
		if assumed != "" {
			return nil, knowledge.Date{}, "", inputErrorf("The range is reversed as read: %s is after %s, a date without a year being of %d; give the years, like 29 December 2019 and 3 January 2020.", from.Human(), to.Human(), b.mainYear())
		}
		return nil, knowledge.Date{}, "", inputErrorf("The range is reversed: %s is after %s.", from.Human(), to.Human())
	}
	actors, err := b.filterActors("actor", req.Actor)
	if err != nil {
		return nil, knowledge.Date{}, "", err
	}
	if len(actors) > 1 {
		// A word of several names ("kataib"): say whom it was read as.
		assumed = strings.TrimSpace(assumed + fmt.Sprintf(" Actor %s read as %s.", echo(Clean(req.Actor)), joinList(b.sortedNames(actors), "and")))
	}
	places, err := b.filterActors("place", req.Place)
	if err != nil {
		return nil, knowledge.Date{}, "", err
	}
	var out []*knowledge.Event
	for i := range b.kb.Events {
		e := &b.kb.Events[i]
		if e.Kind == knowledge.Background && !req.All && from.Year == 0 {
			continue
		}
		if !e.When.InRange(from, to) {
			continue
		}
		if actors != nil && !b.involves(actors, e.Actors, e.Targets, e.Places) {
			continue
		}
		// The place may be only in the event's description of where ("a
		// house near the new US consulate site, Erbil"): by any of its
		// names, however the filter spelt it ("Bagdad").
		if places != nil && !b.placedIn(places, e.Places) && !b.placedIn(places, b.namedIn(e.Where)) && !b.placeNamed(e.Where, req.Place) {
			continue
		}
		out = append(out, e)
	}
	return out, from, assumed, nil
}

func describeTimeline(req TimelineRequest) string {
	var parts []string
	for _, kv := range [][2]string{{"from", req.From}, {"to", req.To}, {"actor", req.Actor}, {"place", req.Place}} {
		if v := Clean(kv[1]); v != "" {
			parts = append(parts, kv[0]+" "+v)
		}
	}
	return strings.Join(parts, ", ")
}

// boundDate reads a range's end; a date without a year ("27 June") has
// Year 0, for datedRange to give it one.
func (b *Bot) boundDate(name, s string) (knowledge.Date, error) {
	given := strings.TrimSpace(s) != ""
	s = Clean(s)
	if s == "" {
		if given {
			// "@everyone": a mention, dropped, must not drop the bound.
			return knowledge.Date{}, inputErrorf("%s: that is no date; write it like 2021-06-27, 27 June 2021 or March 2020.", name)
		}
		return knowledge.Date{}, nil
	}
	if err := tooLong("date", s, 40); err != nil {
		return knowledge.Date{}, err
	}
	d, err := b.parseDate(s)
	switch {
	case errors.Is(err, knowledge.ErrNotADate):
		return d, inputErrorf("%s: %s is not a date; write it like 2021-06-27, 27 June 2021 or March 2020.", name, echo(s))
	case err != nil:
		return d, dateError(name+": ", s, err)
	case d.Year == 0 && b.mainYear() == 0:
		return d, inputErrorf("%s: give a year with the date, like 27 June 2021.", name)
	}
	return d, nil
}

// parseDate reads a date as knowledge.ParseLoose does, with its numbers
// in words too ("the twenty-seventh of June").
func (b *Bot) parseDate(s string) (knowledge.Date, error) {
	d, err := knowledge.ParseLoose(s)
	if errors.Is(err, knowledge.ErrNotADate) {
		if en, enErr := b.kb.English(); enErr == nil {
			if f := en.Figures(s); f != s {
				if fd, ferr := knowledge.ParseLoose(f); ferr == nil || !errors.Is(ferr, knowledge.ErrNotADate) {
					return fd, ferr
				}
			}
		}
	}
	return d, err
}

// datedRange gives a year to the bounds written without one. One such
// bound is of the year of the event the sources are about, as a member
// asking about them means it. Two ("--from 13 March --to 13 March") are of
// the latest year, up to that one, with events between them, so the days
// the sources date ("March 13: The United States struck …") are found; a
// range over a year's end ("29 December" to "3 January") ends in the year
// after. How they were read is returned, to be said.
func (b *Bot) datedRange(from, to knowledge.Date, fromText, toText string) (knowledge.Date, knowledge.Date, string, error) {
	main := b.mainYear()
	bareFrom, bareTo := from.Month != 0 && from.Year == 0, to.Month != 0 && to.Year == 0
	if !bareFrom && !bareTo {
		return from, to, "", nil
	}
	// years dates from and to in year y, to in the next when it is of an
	// earlier month ("December 20 to January 5" spans the new year; "June
	// 9 to June 8" is reversed, not a year long).
	years := func(y int) (knowledge.Date, knowledge.Date) {
		f, t := from, to
		if bareFrom {
			f.Year = y
		}
		if bareTo {
			t.Year = y
			if bareFrom && t.Month < f.Month {
				t.Year = y + 1
			}
		}
		return f, t
	}
	year := main
	if bareFrom && bareTo {
		for y, first := main, b.firstYear(); y >= first; y-- {
			if f, t := years(y); f.Valid() == nil && t.Valid() == nil && b.eventsBetween(f, t) {
				year = y
				break
			}
		}
	}
	f, t := years(year)
	var read []string
	for _, bound := range []struct {
		name, text string
		bare       bool
		d          knowledge.Date
	}{{"from", fromText, bareFrom, f}, {"to", toText, bareTo, t}} {
		if !bound.bare {
			continue
		}
		// 29 February is a real date only in some years.
		if err := bound.d.Valid(); err != nil {
			return f, t, "", inputErrorf("%s: %s is not a real date in %d; give a year, like 27 June 2021.", bound.name, echo(Clean(bound.text)), bound.d.Year)
		}
		if r := echo(Clean(bound.text)) + " as " + bound.d.Human(); !slices.Contains(read, r) {
			read = append(read, r)
		}
	}
	why := "the year of the strikes the sources are about"
	if year != main {
		why = "the latest year with events between them"
		if len(read) == 1 {
			why = "the latest year with events on it"
		}
	}
	return f, t, "Read " + joinList(read, "and") + ", " + why + ".", nil
}

// firstYear is the year of the earliest event that is not background.
func (b *Bot) firstYear() int {
	first := b.mainYear()
	for i := range b.kb.Events {
		if e := &b.kb.Events[i]; e.Kind != knowledge.Background && e.When.Year != 0 {
			first = min(first, e.When.Year)
		}
	}
	return first
}

// eventsBetween reports whether an event that is not background falls
// between from and to.
func (b *Bot) eventsBetween(from, to knowledge.Date) bool {
	return slices.ContainsFunc(b.kb.Events, func(e knowledge.Event) bool {
		return e.Kind != knowledge.Background && e.When.InRange(from, to)
	})
}

// mainYear is the year of the event the sources are about; 0 when the
// knowledge base names none.
func (b *Bot) mainYear() int {
	if e := b.kb.MainEvent(); e != nil {
		return e.When.Year
	}
	return 0
}

// dateError says why a date the user gave is impossible.
func dateError(prefix, s string, err error) error {
	why := strings.TrimPrefix(err.Error(), "that is not a real date: ")
	return inputErrorf("%s%s is not a real date: %s.", prefix, echo(s), why)
}

// filterActors resolves a filter name to actor ids; nil means no filter.
func (b *Bot) filterActors(field, name string) (map[string]bool, error) {
	given := strings.TrimSpace(name) != ""
	name = Clean(name)
	if name == "" {
		if given {
			// "@everyone": a mention, dropped, must not drop the filter.
			return nil, inputErrorf("%s: that names no one and nowhere; give a name, e.g. Kirby or Erbil.", field)
		}
		return nil, nil
	}
	if err := tooLong(field, name, 100); err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	mentions := b.kb.Tagger().TagFuzzy(name)
	for _, m := range mentions {
		ids[m.ID] = true
	}
	if other := b.otherPerson(name, mentions); other != "" {
		// "Jill Biden" is not Joe Biden, as who-said tells.
		return nil, inputErrorf("%s: the sources name no one called %s; they name %s.", field, echo(name), other)
	}
	// A first name ("Joe"), the start of a long one ("khatib") or a name
	// a slip away ("Hezbolah"), as who-said takes them: every actor it
	// may be ("kataib": both Kataibs).
	if len(ids) == 0 && field == "actor" {
		for _, id := range b.actorsByWord(name, false) {
			ids[id] = true
		}
	}
	if len(ids) == 0 && field == "place" {
		// A place the events only describe ("Kurdistan region of Iraq"):
		// matched by its words in where each event took place.
		for i := range b.kb.Events {
			if b.placeNamed(b.kb.Events[i].Where, name) {
				return ids, nil
			}
		}
		return nil, inputErrorf("place: no event in the sources took place at %s.", echo(name))
	}
	if len(ids) == 0 {
		return nil, inputErrorf("%s: the sources name no one and nowhere called %s.", field, echo(name))
	}
	return ids, nil
}

// involves reports whether any of the lists names one of ids, directly or
// through an institution the named actor belongs to.
func (b *Bot) involves(ids map[string]bool, lists ...[]string) bool {
	for _, l := range lists {
		for _, id := range l {
			for _, inst := range b.kb.Institutions(id) {
				if ids[inst] {
					return true
				}
			}
		}
	}
	return false
}

// placedIn reports whether any of an event's places is one of ids or lies
// within one: an attack at Erbil took place in Iraq.
func (b *Bot) placedIn(ids map[string]bool, places []string) bool {
	for _, p := range places {
		for id := range ids {
			if b.kb.Within(p, id) {
				return true
			}
		}
	}
	return b.involves(ids, places)
}

// namedIn returns the ids of the places a text names: not the bodies in
// it ("Pentagon statement"), nor a state named as whose a place is ("near
// the US Embassy" is not in the United States).
func (b *Bot) namedIn(text string) []string {
	var ids []string
	for _, m := range b.kb.Tagger().Tag(text) {
		if a := b.kb.Actor(m.ID); a != nil && a.Kind == "place" {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// placeNamed reports whether where, an event's description of where it
// took place, names the place name: its words whole and in order, opening
// on a capital ("Kurdistan" in "Kurdistan region of Iraq"; not "Mali" in
// "Somalia", nor "the" or "near").
func (b *Bot) placeNamed(where, name string) bool {
	nw, tw := knowledge.Tokenize(Clean(name)), knowledge.Tokenize(where)
	if !slices.ContainsFunc(nw, func(t knowledge.Token) bool { return !b.skip[t.Norm] }) {
		return false // function words only
	}
	for i := 0; i+len(nw) <= len(tw); i++ {
		if r, _ := utf8.DecodeRuneInString(tw[i].Raw); unicode.IsUpper(r) && sameNorms(tw[i:i+len(nw)], nw) {
			return true
		}
	}
	return false
}

// sameNorms reports whether two runs of tokens have the same words.
func sameNorms(a, b []knowledge.Token) bool {
	for i := range a {
		if a[i].Norm != b[i].Norm {
			return false
		}
	}
	return true
}
