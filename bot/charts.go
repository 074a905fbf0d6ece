package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier/dossier/bot/chart"
	"github.com/dossier/dossier/knowledge"
)

// TimelineChart draws the US strikes and militia attacks a timeline request
// selects, with the links from each attack to the strike that answered it.
func (b *Bot) TimelineChart(ctx context.Context, req TimelineRequest) ([]byte, error) {
	events, err := b.timelineEvents(req)
	if err != nil {
		return nil, err
	}
	var marks []chart.Event
	var first, last knowledge.Date
	for _, e := range events {
		strike := e.Kind == "us-strike"
		if !strike && e.Kind != "militia-attack" && e.Kind != "protest" {
			continue
		}
		if len(marks) == 0 {
			first = e.When
		}
		last = e.When
		label := shortDate(e.When) + "  " + e.Where
		if strike {
			label = shortDate(e.When) + "  US strike: " + e.Where
		}
		marks = append(marks, chart.Event{ID: e.ID, Date: dayOf(e.When), Label: label, Strike: strike, Answers: e.RetaliationFor})
	}
	title := "US strikes and militia attacks"
	if len(marks) > 0 {
		title = fmt.Sprintf("%s, %s – %s", title, first.Human(), last.Human())
	}
	return chart.Timeline(title, marks)
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
			g.Claims = append(g.Claims, chart.Claim{Claimant: c.Claimant, Type: string(c.ClaimantType), TypeLabel: c.ClaimantType.Label(), Known: c.Killed.Known, Min: c.Killed.Min, Max: c.Killed.Max})
		}
		if len(g.Claims) > 0 && (q != "" || !allNone(g.Claims)) {
			groups = append(groups, g)
		}
	}
	return chart.Casualties(title, groups)
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
