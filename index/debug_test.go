package index

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

func TestDebugRank(t *testing.T) {
	qs := os.Getenv("DQ")
	if qs == "" {
		t.Skip()
	}
	kb, _ := knowledge.Load(knowledge.Embedded())
	docs, _ := seeds.Load(seeds.Embedded())
	ix, err := Build(t.Context(), docs, kb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(qs, "|") {
		p := ix.plan(q)
		fmt.Printf("\n## %s\n", q)
		for _, c := range p.concepts {
			fmt.Printf("  concept %q actor=%s known=%v terms=%v\n", c.word, c.actor, c.known, c.terms)
		}
		res, err := ix.Search(t.Context(), q, 8)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			s := h.Snippet.Quote
			if len(s) > 110 {
				s = s[:110]
			}
			fmt.Printf("  %6.3f %d/%d %s %s\n", h.Score, h.Matched, h.Concepts, h.ID, s)
		}
	}
}
