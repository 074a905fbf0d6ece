package chart_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/chart"
	"github.com/dossier/dossier/knowledge"
)

var update = flag.Bool("update", false, "rewrite golden PNGs")

// pixelTolerance is the share of pixels allowed to differ (by more than a
// small colour step) from the golden image: room for anti-aliasing changes
// in the rasteriser, none for a moved label or bar.
const pixelTolerance = 0.005

func goldenPNG(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".png")
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (go test ./bot/chart -update): %v", err)
	}
	a, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		t.Fatalf("%s: output is not a PNG: %v", name, err)
	}
	b, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, a.Bounds().Size(), b.Bounds().Size())
	}
	if share := diff(a, b); share > pixelTolerance {
		t.Errorf("%s: %.2f%% of pixels differ from the golden image, over %.2f%%", name, 100*share, 100*pixelTolerance)
	}
}

// diff is the share of pixels whose colour differs by more than 24 in any
// channel.
func diff(a, b image.Image) float64 {
	r := a.Bounds()
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

func far(a, b uint32) bool {
	d := int(a>>8) - int(b>>8)
	return d > 24 || d < -24
}

func TestGoldenCharts(t *testing.T) {
	st := bottest.New(t, "")
	tests := []struct {
		name string
		draw func() ([]byte, error)
	}{
		{"timeline_full", func() ([]byte, error) { return st.Bot.TimelineChart(t.Context(), bot.TimelineRequest{}) }},
		{"timeline_june_july_2021", func() ([]byte, error) {
			return st.Bot.TimelineChart(t.Context(), bot.TimelineRequest{From: "2021-06-01", To: "2021-07-31"})
		}},
		{"timeline_all", func() ([]byte, error) { return st.Bot.TimelineChart(t.Context(), bot.TimelineRequest{All: true}) }},
		{"timeline_kataib_hezbollah", func() ([]byte, error) {
			return st.Bot.TimelineChart(t.Context(), bot.TimelineRequest{Actor: "Kataib Hezbollah"})
		}},
		{"casualties_june27", func() ([]byte, error) {
			return st.Bot.CasualtiesChart(t.Context(), bot.CasualtiesRequest{Event: "2021-06-27"})
		}},
		{"casualties_all", func() ([]byte, error) { return st.Bot.CasualtiesChart(t.Context(), bot.CasualtiesRequest{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := tt.draw()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := tt.draw()
			if !bytes.Equal(img, again) {
				t.Errorf("two draws of the same input differ")
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Width != 2*int(chart.Width) {
				t.Errorf("width = %d px, want %d (shown at about 550 px by Discord)", cfg.Width, 2*int(chart.Width))
			}
			goldenPNG(t, tt.name, img)
		})
	}
}

// TestTimelineLabelsNeverOverlap lays out the full timeline and measures
// every label and mark: no two labels overlap, no two marks overlap, no
// label covers a mark, every label starts level with its mark, and every
// label is drawn whole, wrapped but never shortened.
func TestTimelineLabelsNeverOverlap(t *testing.T) {
	st := bottest.New(t, "")
	mark := map[knowledge.Kind]chart.Mark{knowledge.USStrike: chart.Strike, knowledge.Background: chart.Background}
	var sameDay, real, all []chart.Event
	for _, e := range st.KB.Events {
		ev := chart.Event{ID: e.ID, Date: e.When.Time(), When: e.When.Human(), Label: e.Summary, Mark: mark[e.Kind], Answers: e.RetaliationFor}
		all = append(all, ev)
		if e.Kind == "us-strike" || e.Kind == "militia-attack" || e.Kind == "protest" {
			real = append(real, ev)
		}
		// Every event on the same day is the hardest case for the layout.
		ev.Date = st.KB.Events[0].When.Time()
		sameDay = append(sameDay, ev)
	}
	check := func(name string, events []chart.Event) {
		l := chart.LayoutTimeline("t", "", events)
		if len(l.Labels) != len(events) {
			t.Fatalf("%s: %d labels for %d events, want one each", name, len(l.Labels), len(events))
		}
		for i := range l.Labels {
			text := strings.Join(l.Lines[i], " ")
			for j := i + 1; j < len(l.Labels); j++ {
				if l.Labels[i].Overlaps(l.Labels[j]) {
					t.Errorf("%s: label %q overlaps label %q", name, text, strings.Join(l.Lines[j], " "))
				}
				if l.Marks[i].Overlaps(l.Marks[j]) {
					t.Errorf("%s: marks %d and %d overlap", name, i, j)
				}
			}
			for j := range l.Marks {
				if l.Labels[i].Overlaps(l.Marks[j]) {
					t.Errorf("%s: label %q covers mark %d", name, text, j)
				}
			}
			if l.Labels[i].X+l.Labels[i].W > chart.Width {
				t.Errorf("%s: label %q runs off the image", name, text)
			}
			if mid := l.Marks[i].Y + l.Marks[i].H/2; mid < l.Labels[i].Y || mid > l.Labels[i].Y+14 {
				t.Errorf("%s: label %q starts at y=%.0f, not level with its mark at y=%.0f", name, text, l.Labels[i].Y, mid)
			}
			if l.Labels[i].X > chart.Width/4 {
				t.Errorf("%s: label %q starts at x=%.0f of %.0f, leaving the left of the chart empty", name, text, l.Labels[i].X, chart.Width)
			}
		}
		// Labels are sorted by date as the events are; compare as sets.
		want, got := map[string]bool{}, map[string]bool{}
		for i, e := range events {
			want[strings.Join(strings.Fields(e.Label), " ")] = true
			got[strings.Join(l.Lines[i], " ")] = true
		}
		for w := range want {
			if !got[w] {
				t.Errorf("%s: label %q is not drawn whole", name, w)
			}
		}
	}
	if len(real) < 20 {
		t.Fatalf("the knowledge base has %d strikes and attacks, want at least 20", len(real))
	}
	check("all on one day", sameDay)
	check("strikes and attacks", real)
	check("every event", all)
}

// TestTimelineTicks checks the month ticks of the time axis: each month
// is ticked beside its first event's mark, however late in the month it
// falls (a tick between two marks sat beside the month before's), and no
// two tick texts collide.
func TestTimelineTicks(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	ev := func(id string, d time.Time) chart.Event {
		return chart.Event{ID: id, Date: d, When: d.Format("2 Jan 2006"), Label: id}
	}
	tests := []struct {
		name   string
		events []chart.Event
		want   []string
	}{
		{"one run from late June", []chart.Event{ev("a", day(2021, 6, 9)), ev("b", day(2021, 6, 27)), ev("c", day(2021, 7, 7))}, []string{"Jun 2021", "Jul 2021"}},
		{"a break before it", []chart.Event{ev("a", day(2019, 12, 10)), ev("b", day(2020, 1, 3)), ev("c", day(2021, 6, 9)), ev("d", day(2021, 7, 7))}, []string{"Dec 2019", "Jan 2020", "Jun 2021", "Jul 2021"}},
		{"one event", []chart.Event{ev("a", day(2021, 2, 25))}, []string{"Feb 2021"}},
		// July's marks are not left under "Jun 2021": July is ticked at
		// its first.
		{"a run from the end of June", []chart.Event{ev("a", day(2021, 6, 29)), ev("b", day(2021, 7, 7)), ev("c", day(2021, 7, 8))}, []string{"Jun 2021", "Jul 2021"}},
		// A date known only to its year names no month to tick.
		{"a year alone", []chart.Event{{ID: "aumf", Date: day(2002, 1, 1), When: "2002", Label: "The 2002 AUMF"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := chart.LayoutTimeline("t", "", tt.events)
			var got []string
			for i, tk := range l.Ticks {
				got = append(got, tk.Text)
				if !slices.ContainsFunc(l.Marks, func(m chart.Box) bool { return m.Y+m.H/2 == tk.Y }) {
					t.Errorf("tick %q at y %.1f is beside no mark", tk.Text, float64(tk.Y))
				}
				if i > 0 && tk.Y-l.Ticks[i-1].Y < 12 {
					t.Errorf("ticks %q and %q are %.1f apart, want at least 12", l.Ticks[i-1].Text, tk.Text, float64(tk.Y-l.Ticks[i-1].Y))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("LayoutTimeline(%s).Ticks = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestTimelineChartNothingToDraw asks for timelines whose events are none
// that a chart draws: the answer is ErrNothingToDraw, never a panic or an
// empty picture.
func TestTimelineChartNothingToDraw(t *testing.T) {
	st := bottest.New(t, "")
	for _, req := range []bot.TimelineRequest{
		{Actor: "Blinken"},
		{From: "2022-01-01"},
	} {
		t.Run(fmt.Sprintf("%+v", req), func(t *testing.T) {
			img, err := st.Bot.TimelineChart(t.Context(), req)
			if !errors.Is(err, bot.ErrNothingToDraw) || img != nil {
				t.Errorf("TimelineChart(%+v) = %d bytes, %v; want no image and ErrNothingToDraw", req, len(img), err)
			}
		})
	}
}

// TestChartsForEveryName draws the timeline chart for every actor and
// place the knowledge base knows (by name and by each alias), for every
// event date as a bound, with and without background events, and the
// casualty chart for every event (by id and by date). Each draw gives a
// PNG or ErrNothingToDraw: never a panic, an error or an empty image.
func TestChartsForEveryName(t *testing.T) {
	st := bottest.New(t, "")
	draw := func(name string, f func() ([]byte, error)) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s: panic: %v", name, r)
			}
		}()
		img, err := f()
		switch {
		case errors.Is(err, bot.ErrNothingToDraw):
			if img != nil {
				t.Errorf("%s: %d bytes with ErrNothingToDraw, want none", name, len(img))
			}
		case err != nil:
			t.Errorf("%s: %v", name, err)
		default:
			if _, err := png.DecodeConfig(bytes.NewReader(img)); err != nil {
				t.Errorf("%s: not a PNG: %v", name, err)
			}
		}
	}
	// A chart depends only on the events selected, so a selection drawn
	// once is not drawn again: the text answer names the selection.
	selections := map[string]bool{}
	timeline := func(req bot.TimelineRequest) {
		t.Helper()
		a, err := st.Bot.Timeline(t.Context(), req)
		if err != nil {
			t.Errorf("Timeline(%+v): %v", req, err)
			return
		}
		var key strings.Builder
		for _, r := range a.Results {
			key.WriteString(r.Date + " " + r.Text + "\n")
		}
		if selections[key.String()] {
			return
		}
		selections[key.String()] = true
		draw(fmt.Sprintf("TimelineChart(%+v)", req), func() ([]byte, error) { return st.Bot.TimelineChart(t.Context(), req) })
	}
	drawn := 0
	for _, a := range st.KB.Actors {
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			timeline(bot.TimelineRequest{Actor: name})
			drawn++
			if a.Kind == "place" {
				timeline(bot.TimelineRequest{Place: name, All: true})
				drawn++
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range st.KB.Events {
		for _, d := range []string{e.When.ISO(), e.When.Human()} {
			if seen[d] {
				continue
			}
			seen[d] = true
			for _, req := range []bot.TimelineRequest{{From: d}, {To: d}, {From: d, To: d}, {To: d, All: true}} {
				timeline(req)
				drawn++
			}
		}
		for _, q := range []string{e.ID, e.When.ISO()} {
			req := bot.CasualtiesRequest{Event: q}
			drawn++
			// As for the timeline: the same claims give the same chart.
			a, err := st.Bot.Casualties(t.Context(), req)
			if err != nil {
				t.Errorf("Casualties(%+v): %v", req, err)
				continue
			}
			key := "casualties\n" + a.Text
			for _, r := range a.Results {
				key += r.Text + "\n"
			}
			if selections[key] {
				continue
			}
			selections[key] = true
			draw(fmt.Sprintf("CasualtiesChart(%+v)", req), func() ([]byte, error) { return st.Bot.CasualtiesChart(t.Context(), req) })
		}
	}
	if drawn < 300 || len(selections) < 20 {
		t.Errorf("tried %d requests with %d distinct selections, want one per name, alias, date and event (at least 300, 20 distinct)", drawn, len(selections))
	}
	t.Logf("%d requests, %d distinct selections drawn", drawn, len(selections))
}

// TestTimelineAllDrawsBackground checks that --all draws more than the
// default timeline: the background events, not the same picture.
func TestTimelineAllDrawsBackground(t *testing.T) {
	st := bottest.New(t, "")
	height := func(req bot.TimelineRequest) int {
		img, err := st.Bot.TimelineChart(t.Context(), req)
		if err != nil {
			t.Fatalf("TimelineChart(%+v): %v", req, err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Height
	}
	if def, all := height(bot.TimelineRequest{}), height(bot.TimelineRequest{All: true}); all <= def {
		t.Errorf("timeline chart with All is %d px tall, without %d px; want the background events drawn too", all, def)
	}
}
