package index

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
)

// FuzzSearch sends arbitrary text down the question → query path: it must
// never panic or fail, never return a hit that matches none of its words,
// and open no more term searchers than the cap allows.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"Who said the strikes would deter future action?", "text:x", "/.*/", "/(a+)+b/", "a*", "*", "x~2",
		"+a -b", `"unterminated`, "(((", "@everyone <@&1>", "```code```", "\u202eKirby\u202c", "\xff\xfe",
		"2021-13-45", "Kata'ib Sayyid al-Shuhada", "كتائب حزب الله", "😀 strikes", "0", "",
		"wait so who ordered it lol", "lol right", "yes or no", "what's the name of the pentagon spokesman",
		"how long after the parade", "al-", "AP WH UN", "U.S.", "fatah is the biggest bloc isn't it",
		"how many IS fighters", "what did the Élysée Palace say", "what day of the", "how many 16s",
		"on 6/27/21", "2021-06-27", "27.06.2021", "12/31/gonna", "in early june", "at the end of", "mid-",
	} {
		f.Add(s)
	}
	docs, kb := seedsAndKB(f)
	ix, err := Build(context.Background(), docs, kb, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 2000 {
			q = q[:2000] // the command layer refuses longer questions
		}
		// No slow query: the work a question can cause is bounded by the
		// shape of the query built from it, not by a clock.
		if n := leafSearchers(ix.rankQuery(ix.Analyze(q))); n > maxTermSearchers {
			t.Fatalf("rankQuery(%q) opens %d term searchers, want at most %d", q, n, maxTermSearchers)
		}
		res, err := ix.Search(context.Background(), q, 5)
		if err != nil {
			t.Fatalf("Search(%q) error: %v", q, err)
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

// leafSearchers counts the term searchers Bleve opens for q.
func leafSearchers(q query.Query) int {
	switch q := q.(type) {
	case *query.DisjunctionQuery:
		n := 0
		for _, d := range q.Disjuncts {
			n += leafSearchers(d)
		}
		return n
	case *query.ConjunctionQuery:
		n := 0
		for _, c := range q.Conjuncts {
			n += leafSearchers(c)
		}
		return n
	case *query.PhraseQuery:
		return len(q.Terms)
	case *query.MatchNoneQuery:
		return 0
	default:
		return 1
	}
}
