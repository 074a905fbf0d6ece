package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier/seeds"
)

func buildSeeds(t testing.TB, opts Options) *Index {
	t.Helper()
	docs, kb := seedsAndKB(t)
	ix, err := Build(t.Context(), docs, kb, opts)
	if err != nil {
		t.Fatalf("Build error: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestQuerySyntaxIsPlainText sends Bleve query-string syntax and expects it
// to be searched as words: no error, and no match-everything behaviour.
func TestQuerySyntaxIsPlainText(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, q := range []string{
		"text:x", "/.*/", "/(a+)+b/", "a*", "*", "x~2", "+a -b", `"unterminated`, "(((", "^5", "kirby^100",
		"doc:000_e51b216b118453fc.txt", "_id:003:12", "entity:kirby", strings.Repeat("a* ", 200),
	} {
		res, err := ix.Search(t.Context(), q, 3)
		if err != nil {
			t.Errorf("Search(%q) error: %v", q, err)
			continue
		}
		for _, h := range res.Hits {
			if h.Matched == 0 {
				t.Errorf("Search(%q) returned %s, which matches none of its words", q, h.ID)
			}
		}
	}
}

func TestNotMentioned(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q    string
		want []string
	}{
		{"What did Putin say?", []string{"Putin"}},
		{"Which Turkish units were shelled near Erbil?", []string{"Turkish"}},
		{"What did Kirby say?", nil},
	}
	for _, tt := range tests {
		res, err := ix.Search(t.Context(), tt.q, 3)
		if err != nil {
			t.Fatalf("Search(%q) error: %v", tt.q, err)
		}
		if strings.Join(res.Missing, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Search(%q).Missing = %v, want %v", tt.q, res.Missing, tt.want)
		}
		if len(tt.want) > 0 && len(res.Hits) > 0 {
			t.Errorf("Search(%q) has %d hits alongside missing words", tt.q, len(res.Hits))
		}
	}
}

func TestSnippetIsWholeSentencesWithMarks(t *testing.T) {
	ix := buildSeeds(t, Options{})
	res, err := ix.Search(t.Context(), "Who said the strikes would deter future action?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	for _, h := range res.Hits {
		s := h.Snippet
		if h.Text[s.Start:s.End] != s.Quote {
			t.Errorf("%s: snippet offsets [%d:%d] do not give the quote", h.ID, s.Start, s.End)
		}
		var marked []string
		for _, m := range s.Marks {
			marked = append(marked, s.Quote[m.Start:m.End])
		}
		if !slices.Contains(marked, "deter future action") {
			t.Errorf("%s: marks %q, want the matched phrase marked whole", h.ID, marked)
		}
		first := s.Quote[0]
		if !(first >= 'A' && first <= 'Z') && !strings.ContainsAny(string(first), `"“`) {
			t.Errorf("%s: snippet %q does not start at a sentence", h.ID, s.Quote)
		}
	}
}

// TestOpenRebuildsOnMappingChange writes an on-disk index, reopens it, and
// checks that a version mismatch is reported as stale.
func TestOpenRebuildsOnMappingChange(t *testing.T) {
	dir := t.TempDir() + "/ix"
	ix := buildSeeds(t, Options{Path: dir})
	want := ix.DocCount()
	ix.Close()

	_, kb := seedsAndKB(t)
	re, err := Open(dir, kb)
	if err != nil {
		t.Fatalf("Open error: %v", err)
	}
	if re.DocCount() != want {
		t.Errorf("reopened DocCount = %d, want %d", re.DocCount(), want)
	}
	res, err := re.Search(t.Context(), "Khatibzadeh", 1)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("Search on reopened index = %v, %v; want a hit", res, err)
	}
	re.Close()

	// Simulate an index written by another version. (Build returns the
	// index it wrote opened read-only; build returns it still writable.)
	dir = t.TempDir() + "/old"
	w, err := build(t.Context(), dir, slices.Values([]*seeds.Document(nil)), 0, kb, Options{Scoring: BM25})
	if err == nil {
		if err := w.bi.SetInternal(keyVersion, []byte("old")); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	if _, err := Open(dir, kb); err == nil || !strings.Contains(err.Error(), ErrStale.Error()) {
		t.Errorf("Open(stale) error = %v, want %v", err, ErrStale)
	}
}

// TestLongQuestion checks that a question of many words is answered from
// the words considered, not refused by Bleve's bound on term searchers
// (the bare match query took every word).
func TestLongQuestion(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, q := range []string{
		"how many rockets hit erbil" + strings.Repeat(" 1", 987) + "?",
		"who ordered the strikes" + strings.Repeat(" strikes", 600) + "?",
		strings.Repeat("空", 600),
	} {
		if _, err := ix.Search(t.Context(), q, 3); err != nil {
			t.Errorf("Search(%d-byte question) error: %v", len(q), err)
		}
		if _, err := ix.Match(t.Context(), q, 3); err != nil {
			t.Errorf("Match(%d-byte question) error: %v", len(q), err)
		}
	}
}
