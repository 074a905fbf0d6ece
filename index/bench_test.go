package index

import (
	"testing"
)

// BenchmarkBuildSeeds builds the in-memory index over the embedded seeds,
// the work every start without --index does.
func BenchmarkBuildSeeds(b *testing.B) {
	docs, kb := seedsAndKB(b)
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(b.Context(), docs, kb, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

// BenchmarkSearch runs the evaluation questions through Search with the
// tie-break in Go and with Bleve's sort by score and ID.
func BenchmarkSearch(b *testing.B) {
	ix := buildSeeds(b, Options{})
	qs := []string{
		"What did Iran's foreign ministry spokesman say?",
		"What legal authority did the President rely on?",
		"Which militias were targeted on June 27?",
		"What aircraft carried out the strikes?",
		"What did the Fatah Coalition demand?",
		"How did Iraq's government respond to the strikes?",
	}
	for _, all := range []bool{false, true} {
		name := "window"
		if all {
			name = "full sort"
		}
		b.Run(name, func(b *testing.B) {
			ix.sortAll = all
			defer func() { ix.sortAll = false }()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := ix.Search(b.Context(), qs[i%len(qs)], 6); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
