// Package chart draws Dossier's pictures — the timeline of strikes and
// attacks, and the casualty claims side by side — as PNG images with gonum's
// plotting canvas and its embedded Liberation fonts: no network, and the same
// bytes for the same input.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// Width is the drawing width in points; at DPI it is 2×Width pixels, which
// Discord shows at about 550 pixels, so 10-point text reads as 10 pixels.
const (
	Width vg.Length = 550
	DPI   int       = 144
)

// Palette: readable on Discord's dark theme. The background is that of an
// embed (where the bot shows its charts), so a chart sits in it seamlessly.
var (
	background    = color.RGBA{0x2b, 0x2d, 0x31, 0xff}
	foreground    = color.RGBA{0xdb, 0xde, 0xe1, 0xff}
	muted         = color.RGBA{0x9c, 0xa3, 0xac, 0xff}
	grid          = color.RGBA{0x4e, 0x50, 0x58, 0xff}
	strikeCol     = color.RGBA{0x5b, 0x9b, 0xf0, 0xff}
	attackCol     = color.RGBA{0xf4, 0xa2, 0x61, 0xff}
	backgroundCol = color.RGBA{0xa8, 0xae, 0xb6, 0xff}
)

// Box is a rectangle in top-down coordinates (Y grows downwards), the
// coordinates layouts are computed in.
type Box struct{ X, Y, W, H vg.Length }

// Overlaps reports whether two boxes share any area.
func (b Box) Overlaps(o Box) bool {
	return b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H
}

// fonts looks up faces in gonum's embedded Liberation collection.
type fonts struct{ cache *font.Cache }

func newFonts() fonts { return fonts{cache: font.NewCache(liberation.Collection())} }

func (f fonts) face(size vg.Length, bold bool) font.Face {
	fnt := font.Font{Typeface: "Liberation", Variant: "Sans"}
	if bold {
		fnt.Weight = 700 // font.WeightBold
	}
	return f.cache.Lookup(fnt, size)
}

// wrap breaks s into lines at most w wide in face, at spaces; a word wider
// than w on its own is broken between letters. Text is never shortened.
// The lines are balanced: as narrow as they can be without needing one
// more, so that a label does not end in a lone word.
func wrap(face font.Face, s string, w vg.Length) []string {
	lines := wrapGreedy(face, s, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := w/2, w
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if len(wrapGreedy(face, s, mid)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return wrapGreedy(face, s, hi)
}

// wrapGreedy fills each line as far as it goes.
func wrapGreedy(face font.Face, s string, w vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && face.Width(line+" "+word) <= w {
			line += " " + word
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for face.Width(line) > w && len([]rune(line)) > 1 {
			// The longest prefix that fits, at least one letter.
			r := []rune(line)
			n, hi := 1, len(r)-1
			for n < hi {
				mid := (n + hi + 1) / 2
				if face.Width(string(r[:mid])) <= w {
					n = mid
				} else {
					hi = mid - 1
				}
			}
			lines = append(lines, string(r[:n]))
			line = string(r[n:])
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// canvas wraps a vgimg canvas with top-down coordinates.
type canvas struct {
	c *vgimg.Canvas
	h vg.Length
}

func newCanvas(h vg.Length) canvas {
	c := vgimg.NewWith(vgimg.UseWH(Width, h), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(background))
	return canvas{c: c, h: h}
}

func (c canvas) pt(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: c.h - y} }

// text draws s with its top-left corner at (x, y).
func (c canvas) text(face font.Face, col color.Color, x, y vg.Length, s string) {
	c.c.SetColor(col)
	c.c.FillString(face, c.pt(x, y+face.Extents().Ascent), s)
}

// path joins points given in top-down coordinates.
func (c canvas) path(pts []vg.Point) vg.Path {
	var p vg.Path
	for i, q := range pts {
		q = c.pt(q.X, q.Y)
		if i == 0 {
			p.Move(q)
		} else {
			p.Line(q)
		}
	}
	return p
}

func (c canvas) line(col color.Color, width vg.Length, dash []vg.Length, pts ...vg.Point) {
	p := c.path(pts)
	c.c.SetColor(col)
	c.c.SetLineWidth(width)
	c.c.SetLineDash(dash, 0)
	c.c.Stroke(p)
	c.c.SetLineDash(nil, 0)
}

func (c canvas) fill(col color.Color, pts ...vg.Point) {
	p := c.path(pts)
	p.Close()
	c.c.SetColor(col)
	c.c.Fill(p)
}

func (c canvas) rect(col color.Color, b Box) {
	c.fill(col, vg.Point{X: b.X, Y: b.Y}, vg.Point{X: b.X + b.W, Y: b.Y}, vg.Point{X: b.X + b.W, Y: b.Y + b.H}, vg.Point{X: b.X, Y: b.Y + b.H})
}

func (c canvas) circle(col color.Color, x, y, r vg.Length) {
	var p vg.Path
	ctr := c.pt(x, y)
	p.Move(vg.Point{X: ctr.X + r, Y: ctr.Y})
	p.Arc(ctr, r, 0, 2*3.141592653589793)
	p.Close()
	c.c.SetColor(col)
	c.c.Fill(p)
}

func (c canvas) triangle(col color.Color, x, y, r vg.Length) {
	c.fill(col, vg.Point{X: x, Y: y - r}, vg.Point{X: x + r, Y: y + r*0.8}, vg.Point{X: x - r, Y: y + r*0.8})
}

// png encodes the picture. Charts are flat colour, so the fastest
// compression costs little in size and halves the time a chart takes.
func (c canvas) png() ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, c.c.Image()); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return b.Bytes(), nil
}

// hatch strokes diagonal stripes across a box, clipped to it.
func (c canvas) hatch(col color.Color, b Box) {
	const step = 4
	for s := vg.Length(step); s < b.W+b.H; s += step {
		// The stripe is the points (X+s-u, Y+u) that lie inside the box.
		u1, u2 := max(0, s-b.W), min(b.H, s)
		if u2 <= u1 {
			continue
		}
		c.line(col, 1.2, nil, vg.Point{X: b.X + s - u1, Y: b.Y + u1}, vg.Point{X: b.X + s - u2, Y: b.Y + u2})
	}
}
