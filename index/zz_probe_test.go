package index

import "testing"

func TestZZProbeHits(t *testing.T) {
	ix := buildSeeds(t, Options{})
	rk, err := ix.Rank(t.Context(), "on june 30 rockets were fired at us troops near al omar oil field?")
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rk.Hits[:min(8, len(rk.Hits))] {
		t.Logf("%d %s %s %.2f date %+.0f support %.2f", i, h.ID, h.Kind, h.Features.Score, h.Features.Date, h.support)
	}
}
