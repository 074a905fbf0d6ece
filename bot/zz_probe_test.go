package bot_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge/lexicon"
)

func TestZZProbe(t *testing.T) {
	if os.Getenv("PROBE") == "" {
		t.Skip()
	}
	st := bottest.New(t, index.BM25)
	for _, c := range tuningCases(t) {
		rk, err := st.Index.Rank(t.Context(), c.Q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Uncovered) == 0 {
			continue
		}
		unc := map[string]bool{}
		for _, u := range rk.Uncovered {
			unc[u] = true
		}
		var parts []string
		for _, tm := range rk.Question.Terms {
			mark := ""
			if unc[tm.Word] {
				mark = "*"
			}
			parts = append(parts, fmt.Sprintf("%s%s(w%.1f k%v n%v c%v)", mark, tm.Word, tm.Weight, b2i(tm.Known), b2i(tm.Noun), b2i(lexicon.Common(strings.ToLower(tm.Word)))))
		}
		kind := "IN "
		if c.Out {
			kind = "OUT"
		}
		cov := 0.0
		if len(rk.Hits) > 0 {
			cov = rk.Hits[0].Features.Coverage
		}
		fmt.Printf("%s %.2f %s | %s\n", kind, cov, c.Q, strings.Join(parts, " "))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
