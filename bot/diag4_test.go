package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

func TestDiagTune2(t *testing.T) {
	st := bottest.New(t, index.BM25)
	rep, _ := bot.Evaluate(t.Context(), st.Bot.AskQuestion, loadEval(t, "testdata/tune2.yaml"), st.Docs, 3)
	for _, f := range rep.Failures {
		g := f.Got
		if len(g) > 160 {
			g = g[:160]
		}
		t.Logf("%s: %s → %s", f.Why, f.Q, g)
	}
}
