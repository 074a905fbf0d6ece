package chart

import (
	"image/color"
	"sort"
	"time"

	"gonum.org/v1/plot/vg"
)

// Event is one mark on the timeline.
type Event struct {
	ID    string
	Date  time.Time
	Label string
	// Strike marks a US strike; otherwise the event is a militia attack.
	Strike bool
	// Answers lists the IDs of the attacks a strike answered.
	Answers []string
}

// Timeline geometry, in points.
const (
	tlTop      vg.Length = 62  // first event's y
	tlAxisX    vg.Length = 176 // the time axis
	tlLabelX   vg.Length = 192 // label column
	tlLineH    vg.Length = 14  // label line height
	tlPerDay   vg.Length = 1.1 // vertical scale within a run of events
	tlMaxGap             = 45  // days; longer gaps are drawn compressed
	tlGapLen   vg.Length = 34  // the height of a compressed gap
	tlMarkR    vg.Length = 4.5
	tlFontSize vg.Length = 9.5
)

// TimelineLayout is where everything of a timeline goes, computed before
// drawing so tests can measure it.
type TimelineLayout struct {
	Height vg.Length
	// Marks and Labels are per event, in the order of the events.
	Marks, Labels []Box
	// Texts are the labels as drawn (shortened to fit).
	Texts []string
	// Breaks are the y of compressed gaps in time.
	Breaks []vg.Length
	// Ticks are month ticks: their y and text.
	Ticks  []Tick
	events []Event
	markY  []vg.Length
	title  string
}

// Tick is a month on the time axis.
type Tick struct {
	Y    vg.Length
	Text string
}

// LayoutTimeline places events by date on a vertical axis, compressing
// long empty gaps, and stacks their labels so that none overlaps another.
func LayoutTimeline(title string, events []Event) *TimelineLayout {
	evs := append([]Event(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date.Before(evs[j].Date) })
	f := newFonts()
	face := f.face(tlFontSize, false)
	l := &TimelineLayout{events: evs, title: title}
	days := func(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 }

	// Mark positions: proportional to time within runs but at least a
	// label's height apart, so marks never overlap; fixed across gaps.
	y := tlTop
	for i, e := range evs {
		if i > 0 {
			d := days(evs[i-1].Date, e.Date)
			if d > tlMaxGap {
				l.Breaks = append(l.Breaks, y+tlGapLen/2)
				y += tlGapLen
			} else {
				y += max(vg.Length(d)*tlPerDay, tlLineH)
			}
		}
		l.markY = append(l.markY, y)
		l.Marks = append(l.Marks, Box{X: tlAxisX - tlMarkR, Y: y - tlMarkR, W: 2 * tlMarkR, H: 2 * tlMarkR})
	}
	// Labels: each as close to its mark as the label above allows.
	bottom := vg.Length(0)
	for i, e := range evs {
		top := max(l.markY[i]-tlLineH/2, bottom+1)
		text := fitText(face, e.Label, Width-tlLabelX-8)
		l.Texts = append(l.Texts, text)
		l.Labels = append(l.Labels, Box{X: tlLabelX, Y: top, W: face.Width(text), H: tlLineH - 1})
		bottom = top + tlLineH - 1
	}
	// Month ticks inside runs, spaced so their texts do not collide.
	lastTick := vg.Length(-100)
	for i := 0; i+1 < len(evs); i++ {
		a, b := evs[i].Date, evs[i+1].Date
		if days(a, b) > tlMaxGap {
			continue
		}
		for m := time.Date(a.Year(), a.Month()+1, 1, 0, 0, 0, 0, time.UTC); !m.After(b); m = m.AddDate(0, 1, 0) {
			// Between two marks, time runs linearly from one to the other.
			ty := l.markY[i] + (l.markY[i+1]-l.markY[i])*vg.Length(days(a, m)/days(a, b))
			if ty-lastTick >= 12 {
				l.Ticks = append(l.Ticks, Tick{Y: ty, Text: m.Format("Jan 2006")})
				lastTick = ty
			}
		}
	}
	l.Height = tlTop + 40
	if n := len(l.markY); n > 0 {
		l.Height = max(bottom, l.markY[n-1]) + 30
	}
	return l
}

// Timeline draws the events as a PNG: US strikes and militia attacks as
// distinct marks, each labelled, with an arc from each attack to the strike
// that answered it.
func Timeline(title string, events []Event) ([]byte, error) {
	l := LayoutTimeline(title, events)
	c := newCanvas(l.Height)
	f := newFonts()
	face, small, bold := f.face(tlFontSize, false), f.face(8.5, false), f.face(13, true)

	c.text(bold, foreground, 12, 10, fitText(bold, l.title, Width-24))
	// Legend.
	c.triangle(strikeCol, 18, 42, tlMarkR)
	c.text(small, foreground, 27, 36, "US strike")
	c.circle(attackCol, 90, 42, tlMarkR)
	c.text(small, foreground, 99, 36, "militia attack")
	c.line(strikeCol, 1.2, nil, vg.Point{X: 178, Y: 42}, vg.Point{X: 200, Y: 42})
	c.text(small, foreground, 205, 36, "attack → the strike that answered it")
	if len(l.events) == 0 {
		c.text(face, muted, 12, tlTop, "No strikes or attacks in this range.")
		return c.png()
	}

	// Axis, with a break mark where time is compressed.
	first, last := l.markY[0], l.markY[len(l.markY)-1]
	c.line(grid, 1.5, nil, vg.Point{X: tlAxisX, Y: first - 8}, vg.Point{X: tlAxisX, Y: last + 8})
	for _, by := range l.Breaks {
		c.rect(background, Box{X: tlAxisX - 5, Y: by - 4, W: 10, H: 8})
		c.line(muted, 1, nil, vg.Point{X: tlAxisX - 6, Y: by - 1}, vg.Point{X: tlAxisX + 6, Y: by - 5})
		c.line(muted, 1, nil, vg.Point{X: tlAxisX - 6, Y: by + 5}, vg.Point{X: tlAxisX + 6, Y: by + 1})
	}
	for _, t := range l.Ticks {
		c.line(grid, 1, nil, vg.Point{X: tlAxisX - 4, Y: t.Y}, vg.Point{X: tlAxisX, Y: t.Y})
		c.text(small, muted, 8, t.Y-5, t.Text)
	}

	// Retaliation arcs, left of the axis, each a little wider than the last.
	idx := map[string]int{}
	for i, e := range l.events {
		idx[e.ID] = i
	}
	link := 0
	for i, e := range l.events {
		for _, a := range e.Answers {
			j, ok := idx[a]
			if !ok {
				continue
			}
			d := 18 + vg.Length(link%5)*9
			link++
			ya, ys := l.markY[j], l.markY[i]
			var p vg.Path
			p.Move(c.pt(tlAxisX-tlMarkR-1, ya))
			p.CubeTo(c.pt(tlAxisX-d, ya), c.pt(tlAxisX-d, ys), c.pt(tlAxisX-tlMarkR-3, ys))
			c.c.SetColor(color.RGBA{0x5b, 0x9b, 0xf0, 0xb0})
			c.c.SetLineWidth(1.2)
			c.c.Stroke(p)
			tip := tlAxisX - tlMarkR - 1
			c.fill(strikeCol, vg.Point{X: tip, Y: ys}, vg.Point{X: tip - 5, Y: ys - 3}, vg.Point{X: tip - 5, Y: ys + 3})
		}
	}

	// Marks, leader lines and labels.
	for i, e := range l.events {
		y := l.markY[i]
		lb := l.Labels[i]
		col := attackCol
		if e.Strike {
			col = strikeCol
		}
		c.line(grid, 0.8, nil, vg.Point{X: tlAxisX + tlMarkR + 1, Y: y}, vg.Point{X: lb.X - 3, Y: lb.Y + lb.H/2})
		if e.Strike {
			c.triangle(col, tlAxisX, y, tlMarkR+0.5)
		} else {
			c.circle(col, tlAxisX, y, tlMarkR)
		}
		c.text(face, foreground, lb.X, lb.Y, l.Texts[i])
	}
	return c.png()
}
