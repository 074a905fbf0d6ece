package bot_test

import (
	"context"
	"flag"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

var fit = flag.Bool("fit", false, "fit the reranker's weights on the tuning set and print them")

// weighted ranks with given weights, for fitting them.
type weighted struct {
	*index.Index
	w index.Weights
}

func (s weighted) Rank(ctx context.Context, q string) (*index.Ranking, error) {
	return s.RankWith(ctx, q, s.w)
}

// TestFitWeights fits the reranker's weights on the tuning set
// (testdata/eval.yaml) by coordinate ascent: each weight in turn takes the
// value from its grid that scores best, until nothing improves. It runs only
// with -fit, and never reads the held-out set.
func TestFitWeights(t *testing.T) {
	if !*fit {
		t.Skip("run with -fit to fit the weights")
	}
	st := bottest.New(t, index.BM25)
	cases := loadEval(t, "testdata/eval.yaml")
	score := func(w index.Weights) float64 {
		b := bot.New(weighted{st.Index, w}, st.KB, nil)
		rep, err := bot.Evaluate(t.Context(), b.AskQuestion, cases, st.Docs, 3)
		if err != nil {
			t.Fatal(err)
		}
		return float64(rep.Hits+rep.Refused) - 0.01*float64(rep.BadCitations)
	}
	w := index.DefaultWeights
	best := score(w)
	t.Logf("start: %.0f correct of %d", best, len(cases))
	fields := []struct {
		name string
		p    *float64
		grid []float64
	}{
		{"BM25", &w.BM25, []float64{0, 0.5, 1, 1.5, 2, 3}},
		{"Coverage", &w.Coverage, []float64{0, 1, 2, 3, 4}},
		{"Window", &w.Window, []float64{0, 1, 2, 3, 4}},
		{"Entities", &w.Entities, []float64{0, 0.5, 1, 2}},
		{"AnswerType", &w.AnswerType, []float64{0, 0.5, 1, 1.5, 2, 3, 4}},
		{"Date", &w.Date, []float64{0, 0.5, 1, 2, 3}},
		{"Speaker", &w.Speaker, []float64{0, 0.5, 1, 1.5, 2, 3, 4}},
		{"Proximity", &w.Proximity, []float64{0, 0.5, 1, 2, 3}},
		{"MinCovered", &w.MinCovered, []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65}},
		{"Unknown", &w.Unknown, []float64{0.25, 0.5, 0.75, 1}},
		{"MinCoveredKnown", &w.MinCoveredKnown, []float64{0, 0.25, 0.3, 0.35, 0.4, 0.45}},
	}
	for round := 0; round < 4; round++ {
		improved := false
		for _, f := range fields {
			keep := *f.p
			for _, v := range f.grid {
				*f.p = v
				if s := score(w); s > best {
					best, keep, improved = s, v, true
				}
			}
			*f.p = keep
		}
		t.Logf("round %d: %.0f correct: %+v", round, best, w)
		if !improved {
			break
		}
	}
}
