package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/seeds"
)

func TestZZProbeWindows(t *testing.T) {
	st := bottest.New(t, index.BM25)
	passages := map[string]string{}
	for name, text := range st.Docs {
		for _, p := range seeds.Split(name, text) {
			passages[p.ID()] = p.Text
		}
	}
	has := func(text string, want []string) bool {
		n := strings.ToLower(seeds.NormalizeSpace(text))
		for _, w := range want {
			if strings.Contains(n, strings.ToLower(seeds.NormalizeSpace(w))) {
				return true
			}
		}
		return false
	}
	for _, set := range append(append([]string{}, tuningSets...), heldOutSets...) {
		counts := map[string]int{}
		for _, c := range loadEval(t, set) {
			if c.Out {
				continue
			}
			a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: c.Q, Limit: 3, Explain: true})
			if err != nil {
				t.Fatal(err)
			}
			hit := false
			for i, r := range a.Results {
				if i == 3 {
					break
				}
				if has(r.Text, c.Want) {
					hit = true
				}
				for _, cit := range r.Citations {
					if has(cit.Quote, c.Want) {
						hit = true
					}
				}
			}
			if hit {
				continue
			}
			kind := ""
			for i, r := range a.Results {
				if i == 3 || kind != "" {
					break
				}
				rec := r.Explain != nil && r.Explain.Kind != "paragraph" && r.Explain.Kind != "caption" && r.Explain.Kind != "headline"
				for j, cit := range r.Citations {
					if has(passages[cit.Passage], c.Want) {
						switch {
						case j == 0 && !rec:
							kind = "passage-window"
						case j == 0:
							kind = "record-origin"
						default:
							kind = "other-citation:" + string(cit.Role)
						}
						if i > 0 {
							kind += "@" + string(rune('0'+i))
						}
						if !strings.Contains(set, "heldout") {
							t.Logf("%s %s: %s", set, kind, c.Q)
						}
						break
					}
				}
			}
			if kind != "" {
				counts[kind]++
			}
		}
		t.Logf("%s: %v", set, counts)
	}
}
