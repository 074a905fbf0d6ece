package chart

import (
	"image/color"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"
)

// Mark is how the timeline draws an event.
type Mark int

// The marks: a militia attack (a circle), a US strike (a triangle) and a
// background event the sources mention for context (a grey diamond).
const (
	Attack Mark = iota
	Strike
	Background
)

// Event is one mark on the timeline.
type Event struct {
	ID   string
	Date time.Time
	// When is the date as people read it ("27 Jun 2021", "2014"), shown in
	// its own column before the label; it is short (a dozen characters at
	// most) and never wraps.
	When  string
	Label string
	Mark  Mark
	// Answers lists the IDs of the attacks a strike answered.
	Answers []string
}

// Timeline geometry, in points.
const (
	tlMargin   vg.Length = 12
	tlAxisX    vg.Length = 100 // the time axis; month ticks and arcs to its left
	tlLabelX   vg.Length = 114 // the date column; the label column follows it
	tlLineH    vg.Length = 14  // label line height
	tlPerDay   vg.Length = 1.1 // vertical scale within a run of events
	tlMaxGap             = 45  // days; longer gaps are drawn compressed
	tlGapLen   vg.Length = 30  // the height of a compressed gap
	tlMarkR    vg.Length = 4.5
	tlFontSize vg.Length = 10.5
	tlTitleH   vg.Length = 17 // title line height
	tlNoteH    vg.Length = 12 // footnote line height
)

// TimelineLayout is where everything of a timeline goes, computed before
// drawing so tests can measure it.
type TimelineLayout struct {
	Height vg.Length
	// Title and Note are the title and the footnote, wrapped into lines.
	Title, Note []string
	// Marks and Labels are per event, in the order of the events. A label
	// box holds the date column and every line of the label.
	Marks, Labels []Box
	// Lines are the labels as drawn: wrapped, never shortened.
	Lines [][]string
	// Breaks are the y of compressed gaps in time.
	Breaks []vg.Length
	// Ticks are month ticks: their y and text.
	Ticks []Tick

	events  []Event
	markY   []vg.Length
	textX   vg.Length // where label text starts, after the date column
	legendY vg.Length
	noteY   vg.Length
}

// Tick is a month on the time axis.
type Tick struct {
	Y    vg.Length
	Text string
}

// LayoutTimeline places events by date on a vertical axis, compressing
// long empty gaps, and wraps each label into as many lines as it needs;
// marks are spaced so that no label runs into the next.
func LayoutTimeline(title, note string, events []Event) *TimelineLayout {
	evs := append([]Event(nil), events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Date.Before(evs[j].Date) })
	f := newFonts()
	face, bold, small := f.face(tlFontSize, false), f.face(13, true), f.face(9, false)
	l := &TimelineLayout{events: evs}
	days := func(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 }

	l.Title = wrap(bold, title, Width-2*tlMargin)
	l.legendY = 12 + vg.Length(len(l.Title))*tlTitleH + 8
	top := l.legendY + 34 // the first mark

	// The date column is as wide as the widest date; labels wrap in the
	// rest of the width.
	dateW := vg.Length(0)
	for _, e := range evs {
		dateW = max(dateW, face.Width(e.When))
	}
	l.textX = tlLabelX + dateW + 8
	for _, e := range evs {
		lines := wrap(face, e.Label, Width-tlMargin-l.textX)
		if len(lines) == 0 {
			lines = []string{""} // an empty label still takes its line
		}
		l.Lines = append(l.Lines, lines)
	}

	// Mark positions: proportional to time within runs, but far enough
	// apart that each label fits before the next; fixed across gaps.
	y := top
	for i, e := range evs {
		if i > 0 {
			need := vg.Length(len(l.Lines[i-1])) * tlLineH // the label above
			d := days(evs[i-1].Date, e.Date)
			if d > tlMaxGap {
				l.Breaks = append(l.Breaks, y+need-tlLineH/2+tlGapLen/2)
				y += need - tlLineH + tlGapLen
			} else {
				y += max(vg.Length(d)*tlPerDay, need)
			}
		}
		l.markY = append(l.markY, y)
		l.Marks = append(l.Marks, Box{X: tlAxisX - tlMarkR, Y: y - tlMarkR, W: 2 * tlMarkR, H: 2 * tlMarkR})
	}
	// Labels: the first line centred on the mark, or below the label above
	// if that would overlap (it cannot, given the spacing, but a layout
	// that guards itself is cheaper than a test that finds out).
	bottom := vg.Length(0)
	for i := range evs {
		top := max(l.markY[i]-tlLineH/2, bottom+1)
		w := l.textX - tlLabelX
		for _, s := range l.Lines[i] {
			w = max(w, l.textX-tlLabelX+face.Width(s))
		}
		h := vg.Length(len(l.Lines[i]))*tlLineH - 1
		l.Labels = append(l.Labels, Box{X: tlLabelX, Y: top, W: w, H: h})
		bottom = top + h
	}
	// Month ticks beside the first mark of each month: a month's start
	// drawn between two marks, where time runs from one to the other, sat
	// beside a mark of the month before ("Jul 2021" beside 28 June), and
	// a month with no mark ticked nothing. Only a date that names its
	// month is ticked with it: "2014" is no January.
	for i := range evs {
		named := strings.Contains(evs[i].When, evs[i].Date.Format("Jan"))
		first := i == 0 || evs[i].Date.Year() != evs[i-1].Date.Year() || evs[i].Date.Month() != evs[i-1].Date.Month()
		if named && first {
			l.Ticks = append(l.Ticks, Tick{Y: l.markY[i], Text: evs[i].Date.Format("Jan 2006")})
		}
	}

	end := top + 10
	if n := len(l.markY); n > 0 {
		end = max(bottom, l.markY[n-1]+tlMarkR) + 14
	}
	l.Note = wrap(small, note, Width-2*tlMargin)
	l.noteY = end
	l.Height = end + vg.Length(len(l.Note))*tlNoteH + 12
	return l
}

// Timeline draws the events as a PNG: US strikes, militia attacks and
// background events as distinct marks, each labelled in full, with an arc
// from each attack to the strike that answered it, and a footnote (when
// note is not empty) that says what the chart leaves out.
func Timeline(title, note string, events []Event) ([]byte, error) {
	l := LayoutTimeline(title, note, events)
	c := newCanvas(l.Height)
	f := newFonts()
	face, small, bold := f.face(tlFontSize, false), f.face(9, false), f.face(13, true)

	for i, s := range l.Title {
		c.text(bold, foreground, tlMargin, 12+vg.Length(i)*tlTitleH, s)
	}
	// Legend: only the kinds of mark the chart shows.
	shown := map[Mark]bool{}
	for _, e := range l.events {
		shown[e.Mark] = true
	}
	x, ly := tlMargin+6, l.legendY
	for _, m := range []Mark{Strike, Attack, Background} {
		if !shown[m] {
			continue
		}
		drawMark(c, m, x, ly+6)
		name := m.String()
		c.text(small, foreground, x+10, ly, name)
		x += 10 + small.Width(name) + 18
	}
	if shown[Strike] {
		c.line(arcCol, 1.2, nil, vg.Point{X: x - 6, Y: ly + 6}, vg.Point{X: x + 16, Y: ly + 6})
		c.text(small, foreground, x+21, ly, "attack → the strike that answered it")
	}
	if len(l.events) == 0 {
		c.text(face, muted, tlMargin, l.legendY+28, "Nothing to draw in this range.")
	}

	if len(l.events) > 0 {
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
			c.text(small, muted, tlMargin, t.Y-5, t.Text)
		}
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
			d := 16 + vg.Length(link%4)*9
			link++
			ya, ys := l.markY[j], l.markY[i]
			var p vg.Path
			p.Move(c.pt(tlAxisX-tlMarkR-1, ya))
			p.CubeTo(c.pt(tlAxisX-d, ya), c.pt(tlAxisX-d, ys), c.pt(tlAxisX-tlMarkR-3, ys))
			c.c.SetColor(arcCol)
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
		c.line(grid, 0.8, nil, vg.Point{X: tlAxisX + tlMarkR + 1, Y: y}, vg.Point{X: lb.X - 3, Y: lb.Y + tlLineH/2})
		drawMark(c, e.Mark, tlAxisX, y)
		text := foreground
		if e.Mark == Background {
			text = muted
		}
		c.text(face, muted, lb.X, lb.Y+1, e.When)
		for k, s := range l.Lines[i] {
			c.text(face, text, l.textX, lb.Y+1+vg.Length(k)*tlLineH, s)
		}
	}
	for i, s := range l.Note {
		c.text(small, muted, tlMargin, l.noteY+vg.Length(i)*tlNoteH, s)
	}
	return c.png()
}

// String names a mark as the legend does.
func (m Mark) String() string {
	switch m {
	case Strike:
		return "US strike"
	case Background:
		return "background"
	}
	return "militia attack"
}

// drawMark draws an event's mark centred at (x, y).
func drawMark(c canvas, m Mark, x, y vg.Length) {
	switch m {
	case Strike:
		c.triangle(strikeCol, x, y, tlMarkR+0.5)
	case Background:
		r := tlMarkR
		c.fill(backgroundCol, vg.Point{X: x, Y: y - r}, vg.Point{X: x + r, Y: y}, vg.Point{X: x, Y: y + r}, vg.Point{X: x - r, Y: y})
	default:
		c.circle(attackCol, x, y, tlMarkR)
	}
}

// arcCol is the strike colour, a little translucent so crossing arcs
// stay readable.
var arcCol = color.NRGBA{strikeCol.R, strikeCol.G, strikeCol.B, 0xb0}
