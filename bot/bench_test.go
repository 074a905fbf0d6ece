package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
)

var benchQuestions = []string{
	"Who said the strikes would deter future action?",
	"What did Iran's foreign ministry spokesman say?",
	"What legal authority did the President rely on?",
	"Which militias were targeted on June 27?",
	"What aircraft carried out the strikes?",
	"What did the Fatah Coalition demand?",
}

// BenchmarkAsk runs the whole ask pipeline through the command layer.
func BenchmarkAsk(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := st.Bot.Ask(b.Context(), bot.AskRequest{Question: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBareMatch is the floor ask is measured against: a bare Bleve
// match query on the same index.
func BenchmarkBareMatch(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := st.Index.Match(b.Context(), benchQuestions[i%len(benchQuestions)], 3); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkWhoSaid(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Bot.WhoSaid(b.Context(), bot.WhoSaidRequest{Speaker: "Blinken"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCasualties(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Bot.Casualties(b.Context(), bot.CasualtiesRequest{Event: "2021-06-27"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTimeline(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Bot.Timeline(b.Context(), bot.TimelineRequest{Actor: "Kataib Hezbollah"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummary(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Bot.Summary(b.Context(), bot.SummaryRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTimelineChart(b *testing.B) {
	st := bottest.New(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.Bot.TimelineChart(b.Context(), bot.TimelineRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}
