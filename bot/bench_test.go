package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/loadgen"
)

// BenchmarkAsk runs the whole ask pipeline through the command layer.
func BenchmarkAsk(b *testing.B) {
	st := bottest.New(b, "")
	questions := loadgen.AskQuestions()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := st.Bot.Ask(b.Context(), bot.AskRequest{Question: questions[i%len(questions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkMatch is the floor ask is measured against: Bleve's own match
// query for the same questions on the same index, sorted by score.
func BenchmarkMatch(b *testing.B) {
	st := bottest.New(b, "")
	questions := loadgen.AskQuestions()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := st.Index.Match(b.Context(), questions[i%len(questions)], bot.DefaultLimit); err != nil {
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
