package bot

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// cite builds the citation of a verbatim quote from the knowledge base.
func (b *Bot) cite(doc, quote string) Citation {
	return Citation{Doc: doc, Passage: b.kb.PassageOf(doc, quote), Quote: quote, Snippet: index.EscapeMarkdown(quote), Plain: quote}
}

var kindLabel = map[string]string{
	"us-strike":      "US strike",
	"militia-attack": "militia attack",
	"protest":        "protest",
	"statement":      "statement",
	"parade":         "parade",
	"designation":    "designation",
	"background":     "background",
}

// when renders an event or quote date for people, marking approximate ones.
func when(d knowledge.Date, precision string) string {
	if precision == "approximate" {
		return "c. " + d.Human()
	}
	return d.Human()
}

// eventText is one timeline line: date, kind, what happened, where, and for
// a strike the attacks it answered.
func (b *Bot) eventText(e *knowledge.Event) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%s — %s: %s", when(e.When, e.Precision), kindLabel[e.Kind], e.Summary)
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
	for _, a := range e.Also {
		r.Citations = append(r.Citations, b.cite(a.Doc, a.Quote))
	}
	for _, id := range e.RetaliationFor {
		if x := b.kb.Event(id); x != nil {
			r.Citations = append(r.Citations, b.cite(x.Doc, x.Quote))
		}
	}
	return r
}

// TimelineRequest filters the timeline. Dates are loose ("2021-06-27",
// "27 June 2021", "March 2020") but must include a year.
type TimelineRequest struct {
	From, To string
	Actor    string
	Place    string
	// All includes background events (2002–2016) the sources mention.
	All bool
}

// Timeline lists events in order of their full dates.
func (b *Bot) Timeline(ctx context.Context, req TimelineRequest) (*Answer, error) {
	events, err := b.timelineEvents(req)
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
		return a, nil
	}
	a.Text = fmt.Sprintf("%d %s, in date order.", len(a.Results), Plural(len(a.Results), "event", "events"))
	return a, nil
}

// timelineEvents returns the events a timeline request selects, in date
// order.
func (b *Bot) timelineEvents(req TimelineRequest) ([]*knowledge.Event, error) {
	from, err := boundDate("from", req.From)
	if err != nil {
		return nil, err
	}
	to, err := boundDate("to", req.To)
	if err != nil {
		return nil, err
	}
	if from.Year != 0 && to.Year != 0 && to.Before(from) && !to.Overlaps(from) {
		return nil, inputErrorf("The range is reversed: %s is after %s.", from.Human(), to.Human())
	}
	actors, err := b.filterActors("actor", req.Actor)
	if err != nil {
		return nil, err
	}
	places, err := b.filterActors("place", req.Place)
	if err != nil {
		return nil, err
	}
	var out []*knowledge.Event
	for i := range b.kb.Events {
		e := &b.kb.Events[i]
		if e.Kind == "background" && !req.All && from.Year == 0 {
			continue
		}
		if !e.When.InRange(from, to) {
			continue
		}
		if actors != nil && !b.involves(actors, e.Actors, e.Targets, e.Places) {
			continue
		}
		if places != nil && !b.involves(places, e.Places) && !mentions(e.Where, req.Place) {
			continue
		}
		out = append(out, e)
	}
	return out, nil
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

func boundDate(name, s string) (knowledge.Date, error) {
	s = Clean(s)
	if s == "" {
		return knowledge.Date{}, nil
	}
	if err := tooLong("date", s, 40); err != nil {
		return knowledge.Date{}, err
	}
	d, err := knowledge.ParseLoose(s)
	switch {
	case errors.Is(err, knowledge.ErrNotADate):
		return d, inputErrorf("%s: %s is not a date; write it like 2021-06-27, 27 June 2021 or March 2020.", name, echo(s))
	case err != nil:
		return d, dateError(name+": ", s, err)
	case d.Year == 0:
		return d, inputErrorf("%s: give a year with the date, like 27 June 2021.", name)
	}
	return d, nil
}

// dateError says why a date the user gave is impossible.
func dateError(prefix, s string, err error) error {
	why := strings.TrimPrefix(err.Error(), "that is not a real date: ")
	return inputErrorf("%s%s is not a real date: %s.", prefix, echo(s), why)
}

// filterActors resolves a filter name to actor ids; nil means no filter.
func (b *Bot) filterActors(field, name string) (map[string]bool, error) {
	name = Clean(name)
	if name == "" {
		return nil, nil
	}
	if err := tooLong(field, name, 100); err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, m := range b.kb.Tagger().TagFuzzy(name) {
		ids[m.ID] = true
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

func mentions(text, name string) bool {
	name = strings.ToLower(Clean(name))
	return name != "" && strings.Contains(strings.ToLower(text), name)
}

// WhoSaidRequest asks for a speaker's words, or (Quote set) for who said
// some words.
type WhoSaidRequest struct {
	Speaker string
	Quote   string
}

// WhoSaid answers "what did X say" and, with Quote, "who said these words",
// keeping every attribution the sources give.
func (b *Bot) WhoSaid(ctx context.Context, req WhoSaidRequest) (*Answer, error) {
	if q := Clean(req.Quote); q != "" {
		if n := len([]rune(q)); n > MaxQuestion {
			return nil, inputErrorf("Those words are %d characters long; keep them under %d.", n, MaxQuestion)
		}
		return b.whoSaidWords(q), nil
	}
	name := Clean(req.Speaker)
	if name == "" {
		return nil, inputErrorf("Name a speaker, like Blinken, Kirby or Psaki — or give words with --quote.")
	}
	if n := len([]rune(name)); n > 100 {
		return nil, inputErrorf("That name is %d characters long; keep it under 100.", n)
	}
	speakers := map[string]bool{}
	for _, m := range b.kb.Tagger().TagFuzzy(name) {
		speakers[m.ID] = true
	}
	a := &Answer{Command: "who-said", Query: name, Results: []Result{}}
	if len(speakers) == 0 {
		a.NotCovered = true
		a.Text = fmt.Sprintf("The sources quote no one called %s. Speakers they quote: %s.", echo(name), strings.Join(b.speakerNames(), ", "))
		return a, nil
	}
	var names []string
	for _, q := range b.quotes {
		for _, inst := range b.kb.Institutions(q.Speaker) {
			if speakers[inst] {
				a.Results = append(a.Results, b.quoteResult(q))
				break
			}
		}
	}
	for id := range speakers {
		if act := b.kb.Actor(id); act != nil {
			names = append(names, act.Name)
		}
	}
	sort.Strings(names)
	if len(a.Results) == 0 {
		a.NotCovered = true
		a.Text = fmt.Sprintf("The sources quote no words of %s.", joinList(names, "and"))
		return a, nil
	}
	a.Text = fmt.Sprintf("%s: %d %s in the sources.", joinList(names, "and"), len(a.Results), Plural(len(a.Results), "quotation", "quotations"))
	return a, nil
}

func (b *Bot) sortQuotes() []*knowledge.Quote {
	qs := make([]*knowledge.Quote, len(b.kb.Quotes))
	for i := range b.kb.Quotes {
		qs[i] = &b.kb.Quotes[i]
	}
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].When != qs[j].When {
			return qs[i].When.Before(qs[j].When)
		}
		return qs[i].Doc < qs[j].Doc
	})
	return qs
}

// speakerNames lists everyone the sources quote.
func (b *Bot) speakerNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range b.kb.Quotes {
		if a := b.kb.Actor(q.Speaker); a != nil && !seen[a.ID] && a.Kind == "person" {
			seen[a.ID] = true
			out = append(out, a.Name)
		}
	}
	sort.Strings(out)
	return out
}

func (b *Bot) quoteResult(q *knowledge.Quote) Result {
	speaker := q.Speaker
	if a := b.kb.Actor(q.Speaker); a != nil {
		speaker = a.Name
	}
	r := Result{Text: q.Words, Speaker: speaker, Date: q.When.ISO(), Context: q.Context, Citations: []Citation{b.cite(q.Doc, q.Words)}}
	if q.Attribution != "" && !strings.Contains(q.Words, q.Attribution) {
		r.Citations = append(r.Citations, b.cite(q.Doc, q.Attribution))
	}
	return r
}

// whoSaidWords finds every quote record holding the words (or most of their
// content words), and says when the sources disagree about the speaker.
func (b *Bot) whoSaidWords(words string) *Answer {
	a := &Answer{Command: "who-said", Query: words, Results: []Result{}}
	type match struct {
		q     *knowledge.Quote
		score float64
	}
	var ms []match
	qw := b.contentWords(words)
	for _, q := range b.quotes {
		if s := phraseOverlap(qw, b.quoteWords[q.ID]); s >= 0.75 {
			ms = append(ms, match{q, s})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].score > ms[j].score })
	speakers := map[string][]string{}
	var order []string
	for _, m := range ms {
		r := b.quoteResult(m.q)
		a.Results = append(a.Results, r)
		if _, ok := speakers[r.Speaker]; !ok {
			order = append(order, r.Speaker)
		}
		speakers[r.Speaker] = appendUnique(speakers[r.Speaker], seeds.Label(m.q.Doc))
	}
	switch len(order) {
	case 0:
		a.NotCovered = true
		a.Text = "The sources quote no one saying those words."
	case 1:
		a.Text = fmt.Sprintf("%s said this (%s).", order[0], strings.Join(speakers[order[0]], ", "))
	default:
		var parts []string
		for _, s := range order {
			parts = append(parts, fmt.Sprintf("%s (%s)", s, strings.Join(speakers[s], ", ")))
		}
		a.Text = fmt.Sprintf("The sources attribute these words to %d people: %s.", len(order), joinList(parts, "and"))
	}
	return a
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// contentWords returns the words of s that carry meaning, lower-cased.
func (b *Bot) contentWords(s string) []string {
	var out []string
	for _, t := range knowledge.Tokenize(s) {
		if !b.skip[t.Norm] && len(t.Norm) > 1 {
			out = append(out, t.Norm)
		}
	}
	return out
}

// sameWord reports whether two folded words match, allowing a shared
// five-letter start ("strikes", "strike").
func sameWord(a, b string) bool {
	return a == b || (len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5])
}

// overlap is the share of the content words qw found among tw.
func overlap(qw, tw []string) float64 {
	if len(qw) == 0 {
		return 0
	}
	hit := 0
	for _, w := range qw {
		for _, t := range tw {
			if sameWord(w, t) {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(len(qw))
}

// phraseOverlap scores how well text holds the words of query in their
// order: half for the share of content words found, half for the share of
// adjacent content-word pairs found adjacent. Words scattered through a
// long statement score low; the statement itself scores 1.
func phraseOverlap(qw, tw []string) float64 {
	if len(qw) == 0 {
		return 0
	}
	uni := overlap(qw, tw)
	if len(qw) == 1 {
		return uni
	}
	pairs := 0
	for i := 0; i+1 < len(qw); i++ {
		for j := 0; j+1 < len(tw); j++ {
			if sameWord(qw[i], tw[j]) && sameWord(qw[i+1], tw[j+1]) {
				pairs++
				break
			}
		}
	}
	return uni/2 + float64(pairs)/float64(len(qw)-1)/2
}

// CasualtiesRequest names an event by date, loose date or words; empty asks
// for every event with claims.
type CasualtiesRequest struct {
	Event string
}

// Casualties shows every casualty claim about an event side by side, with
// who made it, and how far the claims range — never a sum or an average.
func (b *Bot) Casualties(ctx context.Context, req CasualtiesRequest) (*Answer, error) {
	q := Clean(req.Event)
	if n := len([]rune(q)); n > 100 {
		return nil, inputErrorf("That event is %d characters long; keep it under 100.", n)
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
	var lines []string
	for _, e := range events {
		claims := b.claims(e.ID)
		for _, c := range claims {
			r := b.claimResult(c)
			r.Date = e.When.ISO()
			if len(events) > 1 {
				r.Text = e.When.Human() + " — " + r.Text
			}
			a.Results = append(a.Results, r)
		}
		lines = append(lines, fmt.Sprintf("%s (%s): %d %s; %s.", e.When.Human(), kindLabel[e.Kind], len(claims), Plural(len(claims), "claim", "claims"), rangeLine(claims)))
	}
	a.Text = strings.Join(lines, " ") + " None of these figures is independently verified."
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
	d, err := knowledge.ParseLoose(q)
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
	for _, m := range b.kb.Tagger().TagFuzzy(q) {
		ids[m.ID] = true
	}
	date, dated := knowledge.FindDate(q)
	qw := b.contentWords(q)
	best := 0.0
	var out []*knowledge.Event
	for _, e := range b.eventsWithClaims() {
		if dated && !e.When.Overlaps(date) {
			continue
		}
		score := 0.0
		if b.involves(ids, e.Places, e.Targets, e.Actors) {
			score += 2
		}
		score += overlap(qw, b.eventWords[e.ID])
		switch {
		case score <= 0.5:
		case score > best:
			best, out = score, []*knowledge.Event{e}
		case score == best:
			out = append(out, e)
		}
	}
	return out
}

var claimantLabel = map[string]string{
	"us-official":     "US official",
	"iraqi-official":  "Iraqi official",
	"syrian-official": "Syrian official",
	"militia":         "militia",
	"armed-group":     "armed group",
	"monitor":         "monitor",
	"state-media":     "state media",
	"anonymous":       "anonymous sources",
	"report":          "unattributed report",
}

func (b *Bot) claimResult(c *knowledge.Casualty) Result {
	var s strings.Builder
	fmt.Fprintf(&s, "%s (%s): ", c.Claimant, claimantLabel[c.ClaimantType])
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
	r := Result{Text: s.String(), Claimant: c.Claimant, Casualty: &Casualty{Who: c.Who, ClaimantType: c.ClaimantType, Disputes: c.Disputes}, Citations: []Citation{b.cite(c.Doc, c.Quote)}}
	r.Killed, r.KilledMax = figure(c.Killed)
	r.Injured, r.InjuredMax = figure(c.Injured)
	for _, al := range c.Also {
		r.Citations = append(r.Citations, b.cite(al.Doc, al.Quote))
	}
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

// rangeLine says how far the claims of deaths range, from the lowest stated
// figure to the highest, without adding or averaging them.
func rangeLine(claims []*knowledge.Casualty) string {
	s := killedRange(claims)
	unknown := 0
	for _, c := range claims {
		if c.Killed.Stated && !c.Killed.Known {
			unknown++
		}
	}
	if unknown > 0 {
		s += fmt.Sprintf(" (%d %s no number)", unknown, Plural(unknown, "claim gives", "claims give"))
	}
	return s
}

func killedRange(claims []*knowledge.Casualty) string {
	lo, hi, open, n := 0, 0, false, 0
	for _, c := range claims {
		if !c.Killed.Known {
			continue
		}
		top, isOpen := c.Killed.Min, c.Killed.Max == nil
		if c.Killed.Max != nil {
			top = *c.Killed.Max
		}
		if n == 0 || c.Killed.Min < lo {
			lo = c.Killed.Min
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
	case open:
		return fmt.Sprintf("claims of deaths range from %d to at least %d", lo, hi)
	}
	return fmt.Sprintf("claims of deaths range from %d to %d", lo, hi)
}
