package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

func TestCmpTmp(t *testing.T) {
	st := bottest.New(t, index.BM25)
	cases := loadEval(t, "testdata/tune2.yaml")
	for _, c := range cases {
		if c.Out {
			continue
		}
		one := []bot.EvalCase{c}
		a, _ := bot.Evaluate(t.Context(), st.Bot.AskQuestion, one, st.Docs, 3)
		b, _ := bot.Evaluate(t.Context(), bot.BareMatch(st.Index), one, st.Docs, 3)
		if a.Hits == 0 && b.Hits == 1 {
			t.Logf("BARE WINS: %s → %s", c.Q, a.Failures[0].Got[:min(150, len(a.Failures[0].Got))])
		}
		if a.Hits == 1 && b.Hits == 0 {
			t.Logf("WE WIN: %s", c.Q)
		}
	}
}
