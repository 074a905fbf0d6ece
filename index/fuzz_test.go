package index

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// FuzzSearch sends arbitrary text down the question → query path: it must
// never panic or fail, never return a hit that matches none of its words,
// and stay fast.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"Who said the strikes would deter future action?", "text:x", "/.*/", "/(a+)+b/", "a*", "*", "x~2",
		"+a -b", `"unterminated`, "(((", "@everyone <@&1>", "```code```", "\u202eKirby\u202c", "\xff\xfe",
		"2021-13-45", "Kata'ib Sayyid al-Shuhada", "كتائب حزب الله", "😀 strikes", "0", "",
	} {
		f.Add(s)
	}
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		f.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		f.Fatal(err)
	}
	ix, err := Build(context.Background(), docs, kb, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 2000 {
			q = q[:2000] // the command layer refuses longer questions
		}
		start := time.Now()
		res, err := ix.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatalf("Search(%q) error: %v", q, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Search(%q) took %v", q, d)
		}
		for _, h := range res.Hits {
			if h.Matched == 0 {
				t.Fatalf("Search(%q) returned %s matching none of its words", q, h.ID)
			}
			if !utf8.ValidString(h.Snippet.Quote) || h.Text[h.Snippet.Start:h.Snippet.End] != h.Snippet.Quote {
				t.Fatalf("Search(%q): snippet of %s is not a verbatim slice of its passage", q, h.ID)
			}
		}
	})
}
