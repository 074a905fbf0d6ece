package bot_test

import (
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

// TestAskSee points a short question that names a list to the command that
// lists it, and leaves a question ask answers alone.
func TestAskSee(t *testing.T) {
	st := bottest.New(t, index.BM25)
	for _, tc := range []struct{ q, want string }{
		{"timeline pls", "timeline"},
		{"any timelines?", "timeline"},
		{"casualty count", "casualties"},
		{"kh casualties?", "casualties"},
		{"timeline https://t.co/x", "timeline"},
		{"what do militia sources claim", ""},
		{"who said what", "who-said"},
		{"what are your sources", "sources"},
		{"who said the strikes would deter future action?", ""},
		{"what is the timeline of the strikes in june 2021", ""},
		{"how many drones were shot down", ""},
		{"who is the source of the casualty figure", ""},
		{"what did iraqi sources say", ""},
		{"summary of the strikes pls", ""},
		{"timeline of drone attacks near erbil", ""},
		{"list all us strikes", "timeline"}, // a verb asking for a list
		{"is kh on the terror list", ""},
		// What came before or after the strikes is the timeline's.
		{"did the militias attack again after the strikes", "timeline"},
		{"what happened before the june airstrikes", "timeline"},
		{"what did the pentagon say after the strikes", ""}, // their words, not the timeline
		{"list what kirby said", ""},
		{"how many died after the strikes", "casualties"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			a, err := st.Bot.Ask(t.Context(), bot.AskRequest{Question: tc.q})
			if err != nil {
				t.Fatalf("Ask(%q) error: %v", tc.q, err)
			}
			if a.See != tc.want {
				t.Errorf("Ask(%q).See = %q, want %q", tc.q, a.See, tc.want)
			}
			p := a.Pointer("/")
			if (p != "") != (tc.want != "") || (tc.want != "" && !strings.Contains(p, "/"+tc.want+":")) {
				t.Errorf("Ask(%q).Pointer(\"/\") = %q, want a pointer to /%s", tc.q, p, tc.want)
			}
		})
	}
}
