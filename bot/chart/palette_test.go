package chart

import (
	"image/color"
	"math"
	"testing"
)

// Discord's dark theme: the message background and the embed background.
var (
	discordMessage = color.RGBA{0x31, 0x33, 0x38, 0xff}
	discordEmbed   = color.RGBA{0x2b, 0x2d, 0x31, 0xff}
)

// TestPalette checks the colours the charts draw data with: each stands
// out from Discord's dark backgrounds (WCAG's 3:1 for graphics) and the
// claimant types differ from each other at a glance (CIELAB ΔE of 20 or
// more; 2.3 is the smallest difference people notice).
func TestPalette(t *testing.T) {
	marks := map[string]color.RGBA{"strike": strikeCol, "attack": attackCol, "background event": backgroundCol, "muted text": muted}
	for name, c := range typeColour {
		marks[name] = c
	}
	for name, c := range marks {
		for bgName, bg := range map[string]color.RGBA{"chart": background, "message": discordMessage, "embed": discordEmbed} {
			if r := contrast(c, bg); r < 3 {
				t.Errorf("contrast(%s %v, %s background) = %.2f, want at least 3", name, c, bgName, r)
			}
		}
	}
	for a, ca := range typeColour {
		for b, cb := range typeColour {
			if a < b {
				if d := deltaE(ca, cb); d < 20 {
					t.Errorf("deltaE(%s, %s) = %.1f, want at least 20", a, b, d)
				}
			}
		}
	}
	if background != discordEmbed {
		t.Errorf("chart background %v, want Discord's embed background %v, where charts are shown", background, discordEmbed)
	}
}

func linear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// luminance is WCAG's relative luminance.
func luminance(c color.RGBA) float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// contrast is WCAG's contrast ratio.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// lab converts sRGB to CIELAB under D65.
func lab(c color.RGBA) (l, a, b float64) {
	r, g, bl := linear(c.R), linear(c.G), linear(c.B)
	x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*bl
	z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return 116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
}

// deltaE is the CIE76 colour difference.
func deltaE(a, b color.RGBA) float64 {
	l1, a1, b1 := lab(a)
	l2, a2, b2 := lab(b)
	return math.Sqrt((l1-l2)*(l1-l2) + (a1-a2)*(a1-a2) + (b1-b2)*(b1-b2))
}
