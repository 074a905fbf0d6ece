package knowledge

import (
	"fmt"

	"github.com/dossier/dossier/seeds"
)

// Problem is one inconsistency in the knowledge base, located by file, line
// and record.
type Problem struct {
	File   string
	Line   int
	Record string
	Msg    string
}

// String renders the problem as file:line: record: message.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Record, p.Msg)
}

// check verifies every record against the documents it cites: the document
// exists and each quote is verbatim in it (white space aside), what the
// record shows is in its cited words (the attribution rule), actor ids are
// known, dates have their precision, links between records resolve and
// each summary item names one record. It also remembers which passage each
// quote sits in, for citations (PassageOf).
func (b *Base) check(docs []*seeds.Document) Problems {
	c := &checker{texts: make(map[string]string, len(docs)), located: map[string]string{}, attr: newAttribution(b.tagger, b.Words, docs)}
	for _, d := range docs {
		c.texts[d.Name] = seeds.NormalizeSpace(d.Text)
	}
	c.passages = normalizePassages(docs)
	defer func() { b.located, b.passages = c.located, c.passages }()
	actorIDs := func(file string, line int, rec, field string, ids []string) {
		for _, id := range ids {
			if b.Actor(id) == nil {
				c.add(file, line, rec, "%s names unknown actor %q", field, id)
			}
		}
	}
	date := func(file string, line int, rec string, d Date, precision Precision) {
		if d.Year == 0 {
			c.add(file, line, rec, "date is required")
			return
		}
		var want bool
		switch precision {
		case PrecisionDay:
			want = d.Day != 0
		case PrecisionMonth:
			want = d.Month != 0 && d.Day == 0
		case PrecisionYear:
			want = d.Month == 0
		case PrecisionApproximate:
			want = true
		default:
			c.add(file, line, rec, "precision is required")
			return
		}
		if !want {
			c.add(file, line, rec, "date %s does not have %s precision", d.ISO(), precision)
		}
	}
	ids := map[string]string{}
	unique := func(file string, line int, rec, id string) {
		if id == "" {
			c.add(file, line, rec, "id is required")
		} else if prev, dup := ids[id]; dup {
			c.add(file, line, rec, "id %q is already used by %s", id, prev)
		} else {
			ids[id] = rec
		}
	}

	for _, a := range b.Actors {
		rec := "actor " + a.ID
		if a.ID == "" || a.Name == "" {
			c.add("actors.yaml", a.Line, rec, "id and name are required")
		}
		verbatim := c.cites("actors.yaml", a.Line, rec, a.Source)
		shown := []Shown{{"name", a.Name, a.lineOf("name", a.Line)}}
		if a.Kind == "person" {
			// A person's role is shown beside their words in summaries.
			shown = append(shown, Shown{"role", a.Role, a.lineOf("role", a.Line)})
		}
		if verbatim {
			c.attributed("actors.yaml", a.Line, rec, shown, a.Cites())
		}
		actorIDs("actors.yaml", a.lineOf("member_of", a.Line), rec, "member_of", a.MemberOf)
		actorIDs("actors.yaml", a.lineOf("part_of", a.Line), rec, "part_of", a.PartOf)
		actorIDs("actors.yaml", a.lineOf("in", a.Line), rec, "in", a.In)
		if len(a.In) > 0 && a.Kind != "place" {
			c.add("actors.yaml", a.lineOf("in", a.Line), rec, "only a place lies in another (kind %q)", a.Kind)
		}
		for _, id := range a.In {
			if o := b.actors[id]; o != nil && o.Kind != "place" && o.Kind != "state" {
				c.add("actors.yaml", a.lineOf("in", a.Line), rec, "in names %q, a %s, not a place or state", id, o.Kind)
			}
			if id == a.ID || b.Within(id, a.ID) {
				c.add("actors.yaml", a.lineOf("in", a.Line), rec, "in names %q, which lies within it", id)
			}
		}
	}

	const ef = "events.yaml"
	for _, e := range b.Events {
		rec := "event " + e.ID
		unique(ef, e.Line, rec, e.ID)
		date(ef, e.lineOf("date", e.Line), rec, e.When, e.Precision)
		if e.Kind == "" {
			c.add(ef, e.Line, rec, "kind is required")
		}
		if e.Summary == "" {
			c.add(ef, e.Line, rec, "summary is required")
		}
		actorIDs(ef, e.lineOf("places", e.Line), rec, "places", e.Places)
		actorIDs(ef, e.lineOf("actors", e.Line), rec, "actors", e.Actors)
		actorIDs(ef, e.lineOf("targets", e.Line), rec, "targets", e.Targets)
		for _, r := range e.RetaliationFor {
			if b.Event(r) == nil {
				c.add(ef, e.lineOf("retaliation_for", e.Line), rec, "retaliation_for links to unknown event %q", r)
			}
		}
		verbatim := c.cites(ef, e.Line, rec, e.Source)
		if verbatim {
			c.attributed(ef, e.Line, rec, []Shown{{"summary", e.Summary, e.lineOf("summary", e.Line)}, {"where", e.Where, e.lineOf("where", e.Line)}}, e.Cites())
		}
	}

	const qf = "quotes.yaml"
	for _, q := range b.Quotes {
		rec := "quote " + q.ID
		unique(qf, q.Line, rec, q.ID)
		date(qf, q.lineOf("date", q.Line), rec, q.When, q.Precision)
		actorIDs(qf, q.lineOf("speaker", q.Line), rec, "speaker", []string{q.Speaker})
		if q.Event != "" && b.Event(q.Event) == nil {
			c.add(qf, q.lineOf("event", q.Line), rec, "event links to unknown event %q", q.Event)
		}
		verbatim := c.cites(qf, q.Line, rec, q.Source)
		speaker := ""
		if a := b.Actor(q.Speaker); a != nil {
			speaker = a.Name
		}
		if verbatim {
			c.attributed(qf, q.Line, rec, []Shown{{"speaker", speaker, q.lineOf("speaker", q.Line)}, {"context", q.Context, q.lineOf("context", q.Line)}}, q.Cites())
		}
	}

	const cf = "casualties.yaml"
	casualty := map[string]bool{}
	for _, k := range b.Casualties {
		casualty[k.ID] = true
	}
	for _, k := range b.Casualties {
		rec := "casualty " + k.ID
		unique(cf, k.Line, rec, k.ID)
		if b.Event(k.Event) == nil {
			c.add(cf, k.lineOf("event", k.Line), rec, "event links to unknown event %q", k.Event)
		}
		if k.Claimant == "" {
			c.add(cf, k.Line, rec, "claimant is required")
		}
		if k.ClaimantType == "" {
			c.add(cf, k.Line, rec, "claimant_type is required")
		}
		if k.ClaimantActor != "" {
			actorIDs(cf, k.lineOf("claimant_actor", k.Line), rec, "claimant_actor", []string{k.ClaimantActor})
		}
		for _, d := range k.Disputes {
			if !casualty[d] {
				c.add(cf, k.lineOf("disputes", k.Line), rec, "disputes links to unknown claim %q", d)
			}
		}
		verbatim := c.cites(cf, k.Line, rec, k.Source)
		if verbatim {
			c.attributed(cf, k.Line, rec, []Shown{{"claimant", k.Claimant, k.lineOf("claimant", k.Line)}, {"who", k.Who, k.lineOf("who", k.Line)}, {"note", k.Note, k.lineOf("note", k.Line)}}, k.Cites())
		}
	}
	const sf = "summary.yaml"
	for _, t := range b.Topics {
		rec := "topic " + t.Name
		if t.Name == "" {
			c.add(sf, t.Line, rec, "topic name is required")
		}
		for _, sec := range t.Sections {
			var cites []Cite
			for _, it := range sec.Items {
				cites = append(cites, b.itemCites(it)...)
			}
			c.attributed(sf, sec.Line, rec, []Shown{{"heading", sec.Heading, sec.Line}}, cites)
			for _, it := range sec.Items {
				named := 0
				for _, f := range []string{it.Event, it.Quote, it.Casualties, it.Attacks} {
					if f != "" {
						named++
					}
				}
				switch {
				case named != 1:
					c.add(sf, it.Line, rec, "a summary item names %d records; it must name exactly one (event, quote, casualties or attacks)", named)
				case it.Event != "" && b.Event(it.Event) == nil:
					c.add(sf, it.Line, rec, "unknown event %q", it.Event)
				case it.Casualties != "" && b.Event(it.Casualties) == nil:
					c.add(sf, it.Line, rec, "unknown event %q", it.Casualties)
				case it.Casualties != "" && len(b.claimsAbout(it.Casualties)) == 0:
					c.add(sf, it.Line, rec, "event %q has no casualty claims", it.Casualties)
				case it.Quote != "" && b.Quote(it.Quote) == nil:
					c.add(sf, it.Line, rec, "unknown quote %q", it.Quote)
				case it.Attacks != "":
					if _, _, err := ParseRange(it.Attacks); err != nil {
						c.add(sf, it.Line, rec, "%v", err)
					}
				}
			}
		}
	}
	return c.problems
}
