package index

import (
	"os"
	"testing"
)

func TestDebugRank(t *testing.T) {
	q := os.Getenv("DQ")
	if q == "" {
		t.Skip()
	}
	ix := buildSeeds(t, Options{})
	rk, err := ix.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("missing %v uncovered %v untyped %q weak %v", rk.Missing, rk.Uncovered, rk.Untyped, rk.Weak)
	for i, h := range rk.Hits {
		if i > 8 {
			break
		}
		t.Logf("%s %s answers=%v %s | %.80s", h.ID, h.Kind, rk.Answers(&rk.Hits[i]), h.Features, h.Text)
	}
}
