package chart

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"

	"gonum.org/v1/plot/vg"
)

// Claim is one casualty claim to draw as a bar.
type Claim struct {
	Claimant string
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

// Claimant-type colours, distinguishable on a dark background.
var typeColour = map[string]color.RGBA{
	"us-official":     {0x5b, 0x9b, 0xf0, 0xff},
	"iraqi-official":  {0x8b, 0xd3, 0x8b, 0xff},
	"syrian-official": {0x4e, 0xc9, 0xb0, 0xff},
	"militia":         {0xf4, 0xa2, 0x61, 0xff},
	"armed-group":     {0xe9, 0xc4, 0x6a, 0xff},
	"monitor":         {0xc3, 0x9b, 0xf0, 0xff},
	"state-media":     {0xf0, 0x71, 0x8b, 0xff},
	"anonymous":       {0xa0, 0xa0, 0xa0, 0xff},
	"report":          {0xd0, 0xd0, 0xd0, 0xff},
}

// Casualty chart geometry, in points.
const (
	csTop    vg.Length = 44
	csBarX   vg.Length = 210 // bars start here; claimant names to the left
	csRight  vg.Length = 500 // the scale ends here; figures may follow
	csRowH   vg.Length = 16
	csGroupH vg.Length = 20
)

// Casualties draws one bar per claim, grouped by event, coloured by
// claimant type and named after its claimant. An exact figure is a bar
// from 0 to it; "at least N" is a bar to N and a dashed open arrow beyond;
// a claim with no number is a question mark.
func Casualties(title string, groups []Group) ([]byte, error) {
	f := newFonts()
	face, small, bold, head := f.face(9, false), f.face(8, false), f.face(13, true), f.face(9.5, true)

	top := 0
	types := map[string]string{} // type → label
	rows := 0
	for _, g := range groups {
		rows += len(g.Claims)
		for _, cl := range g.Claims {
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
	legendRows := (len(legend) + 3) / 4
	y0 := csTop + vg.Length(legendRows)*13 + 8
	height := y0 + vg.Length(len(groups))*csGroupH + vg.Length(rows)*csRowH + 34

	c := newCanvas(height)
	c.text(bold, foreground, 12, 10, fitText(bold, title, Width-24))
	for i, t := range legend {
		x, y := 12+vg.Length(i%4)*132, csTop+vg.Length(i/4)*13
		c.rect(typeColour[t], Box{X: x, Y: y + 1, W: 10, H: 8})
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
	c.text(small, muted, csBarX, axisBottom+14, "killed, as claimed (not independently verified)")

	y := y0
	for _, g := range groups {
		c.text(head, foreground, 12, y+4, fitText(head, g.Title, Width-24))
		y += csGroupH
		for _, cl := range g.Claims {
			col := typeColour[cl.Type]
			c.text(face, foreground, 20, y+2, fitText(face, cl.Claimant, csBarX-28))
			bar := Box{X: csBarX, Y: y + 3, H: csRowH - 6}
			var label string
			switch {
			case !cl.Known:
				label = "? no number given"
				c.text(face, col, csBarX+2, y+2, label)
			case cl.Max == nil: // open: at least Min
				bar.W = scale(cl.Min) - csBarX
				c.rect(col, bar)
				label = fmt.Sprintf("at least %d", cl.Min)
				c.text(small, foreground, bar.X+bar.W+4, y+2, label)
				// The open end: a dashed arrow from the label to past the scale.
				from, end := bar.X+bar.W+8+small.Width(label), max(csRight+6, bar.X+bar.W+small.Width(label)+24)
				mid := bar.Y + bar.H/2
				c.line(col, 1.2, []vg.Length{3, 2}, vg.Point{X: from, Y: mid}, vg.Point{X: end, Y: mid})
				c.fill(col, vg.Point{X: end + 6, Y: mid}, vg.Point{X: end, Y: mid - 3.5}, vg.Point{X: end, Y: mid + 3.5})
			default:
				bar.W = max(scale(*cl.Max)-csBarX, 1.5)
				lo := scale(cl.Min) - csBarX
				c.rect(col, Box{X: bar.X, Y: bar.Y, W: lo, H: bar.H})
				if *cl.Max > cl.Min { // a range: the uncertain part lighter
					c.rect(color.RGBA{col.R, col.G, col.B, 0x70}, Box{X: bar.X + lo, Y: bar.Y, W: bar.W - lo, H: bar.H})
					label = fmt.Sprintf("%d–%d", cl.Min, *cl.Max)
				} else {
					label = strconv.Itoa(cl.Min)
				}
				if cl.Min == 0 && *cl.Max == 0 {
					label = "0 (none reported)"
				}
				c.text(small, foreground, bar.X+bar.W+4, y+2, label)
			}
			y += csRowH
		}
	}
	return c.png()
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
