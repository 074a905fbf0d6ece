package index

import (
	"testing"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// BenchmarkBuildSeeds builds the in-memory index over the embedded seeds,
// the work every start without --index does.
func BenchmarkBuildSeeds(b *testing.B) {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix, err := Build(b.Context(), docs, kb, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}
