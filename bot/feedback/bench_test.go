package feedback_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dossier/dossier/bot/feedback"
	"github.com/dossier/dossier/bot/feedback/pgtest"
)

// BenchmarkStoreWrite measures the writes a Discord click or answer makes,
// reporting the median and 99th-percentile latency of each. The target is
// a p99 under 5 ms on SQLite.
func BenchmarkStoreWrite(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			var dsn string
			if kind == "sqlite" {
				dsn = filepath.Join(b.TempDir(), "feedback.db")
			} else {
				dsn = pgtest.Start(b).NewDatabase(b)
			}
			s, err := feedback.Open(b.Context(), dsn, feedback.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			record(b, s, answer("a1", "Benchmarked?", false, t0))
			b.Run("vote", func(b *testing.B) {
				// A thousand voters: the first votes insert, later ones
				// change a vote.
				i := 0
				latencies(b, func() error {
					i++
					v := feedback.Down
					if i%3 == 0 {
						v = feedback.Up
					}
					return s.Vote(b.Context(), feedback.Vote{Answer: "a1", User: fmt.Sprint("u", i%1000), Verdict: v})
				})
			})
			n := 0 // answer ids stay new across the benchmark's runs
			b.Run("answer", func(b *testing.B) {
				latencies(b, func() error {
					n++
					return s.RecordAnswer(b.Context(), answer(fmt.Sprint("b", n), "What did the Pentagon say the targets were used for?", n%4 == 0, time.Now()))
				})
			})
		})
	}
}

// latencies runs op b.N times and reports the median and 99th percentile.
func latencies(b *testing.B, op func() error) {
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := op(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
