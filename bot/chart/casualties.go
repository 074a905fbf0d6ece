package chart

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// Claim is one casualty claim to draw as a bar.
type Claim struct {
	Claimant string
	// Source, when set, is shown under the claimant: the article whose own
	// account the claim is.
	Source string
	// Type grades the claimant (us-official, militia, monitor, …); it picks
	// the bar's colour.
	Type string
	// TypeLabel names the type in the legend ("US official").
	TypeLabel string
	// Known is false for "several" and the like: stated, but no number.
	Known bool
	Min   int
	// Max is nil for an open range ("at least 7").
	Max *int
}

// Group is the claims about one event.
type Group struct {
	Title  string
	Claims []Claim
}

// typeColour is the bar colour of each claimant type: distinct from each
// other and readable on Discord's dark backgrounds (TestPalette measures
// both). Claims from anonymous sources are also hatched, so that they never
// rest on colour alone.
var typeColour = map[string]color.RGBA{
	"us-official":     {0x5b, 0x9b, 0xf0, 0xff},
	"iraqi-official":  {0x8b, 0xd3, 0x8b, 0xff},
	"syrian-official": {0x4e, 0xc9, 0xb0, 0xff},
	"militia":         {0xf4, 0xa2, 0x61, 0xff},
	"armed-group":     {0xe9, 0xc4, 0x6a, 0xff},
	"monitor":         {0xc3, 0x9b, 0xf0, 0xff},
	"state-media":     {0xf0, 0x71, 0x8b, 0xff},
	"anonymous":       {0x86, 0x8b, 0x94, 0xff},
	"report":          {0xeb, 0xeb, 0xeb, 0xff},
}

// hatched reports whether bars of a claimant type are striped: claims from
// anonymous sources, so that they never rest on colour alone.
func hatched(typ string) bool { return typ == "anonymous" }

// Casualty chart geometry, in points.
const (
	csTop    vg.Length = 38
	csBarX   vg.Length = 210 // bars start here; claimant names to the left
	csRight  vg.Length = 500 // the scale ends here; figures may follow
	csRowH   vg.Length = 17
	csLineH  vg.Length = 12 // a claimant's line height
	csNoteH  vg.Length = 11 // a source line's height
	csGroupH vg.Length = 21
	csHeadH  vg.Length = 14 // an event title's line height
)

// Casualties draws one bar per claim, grouped by event, coloured by
// claimant type and named after its claimant. An exact figure is a bar
// from 0 to it; "at least N" is a bar to N and a dashed open arrow beyond;
// a claim with no number is a question mark. Names and titles wrap; none
// is shortened.
func Casualties(title string, groups []Group) ([]byte, error) {
	f := newFonts()
	face, small, bold, head := f.face(10, false), f.face(9, false), f.face(13, true), f.face(10.5, true)

	// Wrap every text first: rows are as tall as their names need.
	titleLines := wrap(bold, title, Width-24)
	type row struct {
		claimant, source []string
		h                vg.Length
	}
	heads := make([][]string, len(groups))
	rows := make([][]row, len(groups))
	top := 0
	types := map[string]string{} // type → label
	for i, g := range groups {
		heads[i] = wrap(head, g.Title, Width-24)
		for _, cl := range g.Claims {
			r := row{claimant: wrap(face, cl.Claimant, csBarX-28)}
			if cl.Source != "" {
				r.source = wrap(small, cl.Source, csBarX-28)
			}
			r.h = max(csRowH, vg.Length(len(r.claimant))*csLineH+vg.Length(len(r.source))*csNoteH+5)
			rows[i] = append(rows[i], r)
			types[cl.Type] = cl.TypeLabel
			top = max(top, cl.Min)
			if cl.Max != nil {
				top = max(top, *cl.Max)
			}
		}
	}
	scaleMax := niceMax(top)
	var legend []string
	for t := range types {
		legend = append(legend, t)
	}
	sort.Strings(legend)
	legendTop := csTop + vg.Length(len(titleLines)-1)*17
	legendRows := (len(legend) + 3) / 4
	y0 := legendTop + vg.Length(legendRows)*13 + 8
	height := y0 + 34
	for i := range groups {
		height += csGroupH + vg.Length(len(heads[i])-1)*csHeadH
		for _, r := range rows[i] {
			height += r.h
		}
	}

	c := newCanvas(height)
	for i, s := range titleLines {
		c.text(bold, foreground, 12, 10+vg.Length(i)*17, s)
	}
	for i, t := range legend {
		x, y := 12+vg.Length(i%4)*132, legendTop+vg.Length(i/4)*13
		c.bar(t, Box{X: x, Y: y + 1, W: 10, H: 8})
		c.text(small, foreground, x+14, y, types[t])
	}
	scale := func(n int) vg.Length {
		return csBarX + (csRight-csBarX)*vg.Length(n)/vg.Length(scaleMax)
	}
	// Grid and scale.
	axisBottom := height - 28
	for _, tick := range ticks(scaleMax) {
		x := scale(tick)
		c.line(grid, 0.7, nil, vg.Point{X: x, Y: y0}, vg.Point{X: x, Y: axisBottom})
		s := strconv.Itoa(tick)
		c.text(small, muted, x-small.Width(s)/2, axisBottom+3, s)
	}
	c.text(small, muted, csBarX, axisBottom+14, "killed, as each claimant gave it")

	y := y0
	for i, g := range groups {
		for k, s := range heads[i] {
			// Cut the grid behind the heading, so lines do not cross its words.
			hy := y + 4 + vg.Length(k)*csHeadH
			c.rect(background, Box{X: 10, Y: hy - 1, W: head.Width(s) + 6, H: csHeadH})
			c.text(head, foreground, 12, hy, s)
		}
		y += csGroupH + vg.Length(len(heads[i])-1)*csHeadH
		for j, cl := range g.Claims {
			r := rows[i][j]
			col := typeColour[cl.Type]
			ty := y + 2
			for _, s := range r.claimant {
				c.text(face, foreground, 20, ty, s)
				ty += csLineH
			}
			for _, s := range r.source {
				c.text(small, muted, 20, ty, s)
				ty += csNoteH
			}
			bar := Box{X: csBarX, Y: y + 3, H: csRowH - 6}
			var label string
			switch {
			case !cl.Known:
				label = "? no number given"
				c.text(face, col, csBarX+2, y+2, label)
			case cl.Max == nil: // open: at least Min
				bar.W = scale(cl.Min) - csBarX
				c.bar(cl.Type, bar)
				label = fmt.Sprintf("at least %d", cl.Min)
				c.label(small, bar.X+bar.W+4, y+2, label)
				// The open end: a dashed arrow from the label to past the scale.
				from, end := bar.X+bar.W+8+small.Width(label), max(csRight+6, bar.X+bar.W+small.Width(label)+24)
				mid := bar.Y + bar.H/2
				c.line(col, 1.2, []vg.Length{3, 2}, vg.Point{X: from, Y: mid}, vg.Point{X: end, Y: mid})
				c.fill(col, vg.Point{X: end + 6, Y: mid}, vg.Point{X: end, Y: mid - 3.5}, vg.Point{X: end, Y: mid + 3.5})
			default:
				bar.W = max(scale(*cl.Max)-csBarX, 1.5)
				lo := scale(cl.Min) - csBarX
				c.bar(cl.Type, Box{X: bar.X, Y: bar.Y, W: lo, H: bar.H})
				if *cl.Max > cl.Min { // a range: the uncertain part lighter
					c.rect(color.NRGBA{col.R, col.G, col.B, 0x70}, Box{X: bar.X + lo, Y: bar.Y, W: bar.W - lo, H: bar.H})
					label = fmt.Sprintf("%d–%d", cl.Min, *cl.Max)
				} else {
					label = strconv.Itoa(cl.Min)
				}
				if cl.Min == 0 && *cl.Max == 0 {
					label = "0 (none reported)"
				}
				c.label(small, bar.X+bar.W+4, y+2, label)
			}
			y += r.h
		}
	}
	return c.png()
}

// label writes a figure after its bar, cutting the grid behind it.
func (c canvas) label(face font.Face, x, y vg.Length, s string) {
	c.rect(background, Box{X: x - 1, Y: y, W: face.Width(s) + 2, H: face.Extents().Height})
	c.text(face, foreground, x, y, s)
}

// bar fills a box in the colour of a claimant type, striped for the types
// that are hatched.
func (c canvas) bar(typ string, b Box) {
	c.rect(typeColour[typ], b)
	if hatched(typ) {
		c.hatch(background, b)
	}
}

// niceMax rounds a maximum up to a round scale end.
func niceMax(n int) int {
	for _, m := range []int{5, 10, 20, 30, 50, 100, 200, 500, 1000} {
		if n <= m*9/10 || (m >= 10 && n < m) {
			return m
		}
	}
	return n + n/10 + 1
}

func ticks(scaleMax int) []int {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200} {
		step = s
		if scaleMax/s <= 6 {
			break
		}
	}
	var out []int
	for t := 0; t <= scaleMax; t += step {
		out = append(out, t)
	}
	return out
}
