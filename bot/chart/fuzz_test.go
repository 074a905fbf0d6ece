package chart_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/chart"
)

// FuzzTimelineLayout lays out timelines of arbitrary labels and dates:
// never a panic, no two labels or marks overlapping, every label inside
// the image and drawn whole.
func FuzzTimelineLayout(f *testing.F) {
	f.Add("27 Jun 2021", "US strike: two sites in Syria and one in Iraq near the Abu Kamal–al Qaim crossing", uint16(0), uint8(3))
	f.Add("", "", uint16(400), uint8(1))
	f.Add("2002", strings.Repeat("Supercalifragilistic", 12), uint16(9000), uint8(7))
	f.Add("x", "a b c d e f g h i j k l m n o p q r s t u v w x y z", uint16(1), uint8(20))
	f.Fuzz(func(t *testing.T, when, label string, spread uint16, n uint8) {
		if r := []rune(when); len(r) > 12 {
			when = string(r[:12]) // When is a short date, as Event says
		}
		base := time.Date(2019, 12, 27, 0, 0, 0, 0, time.UTC)
		var events []chart.Event
		for i := range int(n % 40) {
			events = append(events, chart.Event{
				ID:    strings.Repeat("e", i+1),
				Date:  base.AddDate(0, 0, i*int(spread)%5000),
				When:  when,
				Label: strings.Repeat(label+" ", i%3+1),
				Mark:  chart.Mark(i % 3),
			})
		}
		l := chart.LayoutTimeline(label, label, events)
		for i := range l.Labels {
			b := l.Labels[i]
			if b.X+b.W > chart.Width {
				t.Errorf("label %d runs off the image: %+v", i, b)
			}
			for j := i + 1; j < len(l.Labels); j++ {
				if b.Overlaps(l.Labels[j]) {
					t.Errorf("labels %d and %d overlap: %+v %+v", i, j, b, l.Labels[j])
				}
				if l.Marks[i].Overlaps(l.Marks[j]) {
					t.Errorf("marks %d and %d overlap", i, j)
				}
			}
		}
		// Labels are laid out in date order; compare them as sorted lists,
		// ignoring only where lines break.
		var want, got []string
		for i, e := range events {
			want = append(want, strings.Join(strings.Fields(e.Label), ""))
			got = append(got, strings.Join(strings.Fields(strings.Join(l.Lines[i], "")), ""))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("labels drawn as %q, want every letter of %q", got, want)
		}
		if l.Height <= 0 {
			t.Errorf("height %v", l.Height)
		}
	})
}
