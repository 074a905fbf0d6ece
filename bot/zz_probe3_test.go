package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

func TestZZRankingAlone(t *testing.T) {
	st := bottest.New(t, index.BM25)
	w := index.DefaultWeights
	w.MinCovered, w.MinCoveredKnown, w.TypeGate = 0.0001, 0.0001, false
	b := bot.New(weighted{st.Index, w}, st.KB, nil)
	rep, err := bot.Evaluate(t.Context(), b.AskQuestion, tuningCases(t), st.Docs, 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("tuning: %s", rep.Summary())
	for _, set := range heldOutSets {
		rep, err := bot.Evaluate(t.Context(), b.AskQuestion, loadEval(t, set), st.Docs, 3)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s", set, rep.Summary())
	}
}

func TestZZRankingAloneFails(t *testing.T) {
	st := bottest.New(t, index.BM25)
	w := index.DefaultWeights
	w.MinCovered, w.MinCoveredKnown, w.TypeGate = 0.0001, 0.0001, false
	b := bot.New(weighted{st.Index, w}, st.KB, nil)
	rep, err := bot.Evaluate(t.Context(), b.AskQuestion, tuningCases(t), st.Docs, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failures {
		if f.Why != "answered out-of-scope" {
			t.Logf("%s: %s → %.150s", f.Why, f.Q, f.Got)
		}
	}
}
