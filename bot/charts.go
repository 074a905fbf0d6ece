package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/bot/chart"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// ErrNothingToDraw reports that a request selects nothing a chart shows,
// such as a timeline of statements only. The text answer still stands;
// callers leave the picture out and may say why.
var ErrNothingToDraw = errors.New("nothing to draw")

// TimelineChart draws the US strikes and militia attacks a timeline request
// selects, with the links from each attack to the strike that answered it,
// and the background events when the request includes them. A footnote
// counts the events the chart leaves to the text answer (statements and
// the like).
func (b *Bot) TimelineChart(ctx context.Context, req TimelineRequest) ([]byte, error) {
	events, _, _, err := b.timelineEvents(req)
	if err != nil {
		return nil, err
	}
	var marks []chart.Event
	var left []*knowledge.Event
	for _, e := range events {
		m, ok := timelineMark(e.Kind)
		if !ok {
			left = append(left, e)
			continue
		}
		label := e.Where
		switch {
		case e.Kind == knowledge.USStrike:
			label = "US strike: " + e.Where
		case e.Kind == knowledge.Protest:
			label = "protest: " + e.Where
		case label == "":
			label = e.Summary
		}
		marks = append(marks, chart.Event{ID: e.ID, Date: dayOf(e.When), When: shortDate(e.When), Label: label, Mark: m, Answers: e.RetaliationFor})
	}
	if len(marks) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNothingToDraw, noneDrawn(events))
	}
	var first, last knowledge.Date
	for _, e := range events {
		if _, ok := timelineMark(e.Kind); ok {
			if first.Year == 0 {
				first = e.When
			}
			last = e.When
		}
	}
	// The title names what the chart shows.
	shown := map[chart.Mark]bool{}
	for _, m := range marks {
		shown[m.Mark] = true
	}
	var parts []string
	for _, k := range []struct {
		m    chart.Mark
		name string
	}{{chart.Strike, "US strikes"}, {chart.Attack, "militia attacks"}, {chart.Background, "background events"}} {
		if shown[k.m] {
			parts = append(parts, k.name)
		}
	}
	title := joinList(parts, "and")
	title = strings.ToUpper(title[:1]) + title[1:]
	if first == last {
		title += ", " + first.Human()
	} else {
		title += fmt.Sprintf(", %s – %s", first.Human(), last.Human())
	}
	var note string
	if len(left) > 0 {
		note = fmt.Sprintf("Not drawn: %s (listed in the text answer).", countKinds(left))
	}
	return chart.Timeline(title, note, marks)
}

// timelineMark is how the timeline chart draws an event of a kind; ok is
// false for the kinds it leaves to the text answer.
func timelineMark(kind knowledge.Kind) (m chart.Mark, ok bool) {
	switch kind {
	case knowledge.USStrike:
		return chart.Strike, true
	case knowledge.MilitiaAttack, knowledge.Protest:
		return chart.Attack, true
	case knowledge.Background:
		return chart.Background, true
	}
	return 0, false
}

// CasualtiesChart draws every casualty claim about the events a casualties
// request names (all events with claims when it names none), one bar each.
func (b *Bot) CasualtiesChart(ctx context.Context, req CasualtiesRequest) ([]byte, error) {
	q := Clean(req.Event)
	events := b.eventsWithClaims()
	title := "Casualty claims by event"
	if q != "" {
		var err error
		if events, err = b.findEvents(q); err != nil {
			return nil, err
		}
		title = "Casualty claims — " + q
		if len(events) == 1 {
			title = fmt.Sprintf("Casualty claims — %s, %s", events[0].When.Human(), events[0].Kind.Label())
		}
	}
	var groups []chart.Group
	for _, e := range events {
		g := chart.Group{Title: fmt.Sprintf("%s — %s", e.When.Human(), e.Where)}
		for _, c := range b.claims(e.ID) {
			if !c.Killed.Stated {
				continue
			}
			cl := chart.Claim{Claimant: c.Claimant, Type: string(c.ClaimantType), TypeLabel: c.ClaimantType.Label(), Known: c.Killed.Known, Min: c.Killed.Min, Max: c.Killed.Max}
			if c.ClaimantType == knowledge.Report {
				// The claimant of an article's own account is the article:
				// name it by its headline, not by its file.
				cl.Claimant, cl.Source = "the article's own account", headline(c.Doc)
			}
			g.Claims = append(g.Claims, cl)
		}
		if len(g.Claims) > 0 && (q != "" || !allNone(g.Claims)) {
			groups = append(groups, g)
		}
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("%w: no claim about %s gives a death toll", ErrNothingToDraw, Plural(len(events), "that event", "those events"))
	}
	return chart.Casualties(title, groups)
}

// noneDrawn says why a selection of events gives no timeline chart.
func noneDrawn(events []*knowledge.Event) string {
	if len(events) == 0 {
		return "no events match"
	}
	if len(events) == 1 {
		return "the chart shows strikes and attacks, and the one event that matches is a " + events[0].Kind.Label()
	}
	return "the chart shows strikes and attacks, and the events that match are " + countKinds(events)
}

// countKinds counts events by kind in prose: "3 statements and 1 parade".
func countKinds(events []*knowledge.Event) string {
	n := map[knowledge.Kind]int{}
	var order []knowledge.Kind
	for _, e := range events {
		if n[e.Kind] == 0 {
			order = append(order, e.Kind)
		}
		n[e.Kind]++
	}
	var parts []string
	for _, k := range order {
		name := k.Label()
		parts = append(parts, fmt.Sprintf("%d %s", n[k], Plural(n[k], name, name+"s")))
	}
	return joinList(parts, "and")
}

// shortDate is "27 Jun 2021", or "Apr 2021" for a month.
func shortDate(d knowledge.Date) string {
	t := dayOf(d)
	switch {
	case d.Month == 0:
		return t.Format("2006")
	case d.Day == 0:
		return t.Format("Jan 2006")
	}
	return t.Format("2 Jan 2006")
}

func dayOf(d knowledge.Date) time.Time { return d.Time() }

// allNone reports whether every claim says no one was killed; the overview
// chart leaves such events out to stay readable.
func allNone(claims []chart.Claim) bool {
	for _, c := range claims {
		if !c.Known || c.Min > 0 {
			return false
		}
	}
	return true
}

// headline is the quoted title of a seed document, from its metadata file,
// or "" when it has none. Curated facts cite the seeds, so their metadata
// names the articles; reading it needs no index.
func headline(doc string) string {
	data, err := fs.ReadFile(seeds.Embedded(), strings.TrimSuffix(doc, ".txt")+".yaml")
	if err != nil {
		return ""
	}
	var m seeds.Metadata
	if err := yaml.Unmarshal(data, &m); err != nil || m.Title == "" {
		return ""
	}
	return "“" + m.Title + "”"
}
