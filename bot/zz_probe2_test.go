package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

func TestZZProbeInSource(t *testing.T) {
	st := bottest.New(t, index.BM25)
	n := 0
	for _, set := range tuningSets {
		for _, c := range loadEval(t, set) {
			if c.Out {
				continue
			}
			a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: c.Q, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range a.Results {
				for _, cit := range r.Citations[1:] {
					if cit.Passage == r.Citations[0].Passage && cit.Role == bot.Origin {
						n++
						if n < 40 {
							t.Logf("%s want %q\n   T: %.120s\n   A: %.150s\n   B: %s", c.Q, c.Want, r.Text, r.Citations[0].Quote, cit.Quote)
						}
					}
				}
			}
		}
	}
	t.Logf("%d results", n)
}
