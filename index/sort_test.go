package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/seeds"
)

// evalQuestions returns the questions of the command layer's evaluation set.
func evalQuestions(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "bot", "testdata", "eval.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Cases []struct {
			Q string `yaml:"q"`
		} `yaml:"cases"`
	}
	if err := yaml.Unmarshal(raw, &set); err != nil {
		t.Fatalf("decode eval.yaml: %v", err)
	}
	var qs []string
	for _, c := range set.Cases {
		qs = append(qs, c.Q)
	}
	if len(qs) < 50 {
		t.Fatalf("eval.yaml has %d questions, want at least 50", len(qs))
	}
	return qs
}

// TestTieBreakInGo checks that breaking score ties in Go, on a window
// sorted by score alone, answers every evaluation question byte for byte
// as Bleve's sort by score and ID does, on the seeds (stored fields in
// memory) and on a synthetic corpus of 100,000 passages on disk (stored
// fields read from the index).
func TestTieBreakInGo(t *testing.T) {
	qs := evalQuestions(t)
	t.Run("seeds", func(t *testing.T) {
		sameAsFullSort(t, buildSeeds(t, Options{}), qs, 1, 3, candidates)
	})
	t.Run("synthetic 100k", func(t *testing.T) {
		if testing.Short() || raceEnabled {
			t.Skip("builds a 100,000-passage index (too slow under -short and -race; the plain run checks it)")
		}
		docs, kb := seedsAndKB(t)
		const n = 100_000
		start := time.Now()
		ix, err := BuildFrom(t.Context(), seeds.Synthetic(docs, n, 1), n, kb, Options{Path: filepath.Join(t.TempDir(), "ix")})
		if err != nil {
			t.Fatalf("BuildFrom(synthetic %d) error: %v", n, err)
		}
		defer ix.Close()
		t.Logf("built in %s", time.Since(start))
		sameAsFullSort(t, ix, qs, candidates)
	})
}

// sameAsFullSort compares, for each question, the whole answer of Search
// and the top matches for each size in sizes, with the tie-break in Go
// and with Bleve's sort by score and ID.
func sameAsFullSort(t *testing.T, ix *Index, qs []string, sizes ...int) {
	t.Helper()
	answer := func(q string, all bool) []byte {
		ix.sortAll = all
		defer func() { ix.sortAll = false }()
		res, err := ix.Search(t.Context(), q, 6)
		if err != nil {
			t.Fatalf("Search(%q) error: %v", q, err)
		}
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hits := 0
	for _, q := range qs {
		got, want := answer(q, false), answer(q, true)
		if !bytes.Equal(got, want) {
			t.Errorf("Search(%q) with the tie-break in Go = %s, want %s", q, got, want)
		}
		hits += bytes.Count(got, []byte(`"ID":`))
	}
	if hits == 0 {
		t.Fatal("no question found anything: the comparison is empty")
	}

	// The window's edge: with windows barely larger than what is kept, a
	// tie group cut by the edge must send the search to Bleve's full sort,
	// and every other case must still come out in the same order.
	var fellBack, settled, real, realFell int
	for _, q := range qs {
		queries := []query.Query{matchText(q)}
		if aq := ix.Analyze(q); len(aq.Terms)+len(aq.Entities)+len(aq.Dates) > 0 {
			queries = append(queries, ix.rankQuery(aq))
		}
		for _, bq := range queries {
			for _, size := range sizes {
				want, _, err := ix.top(t.Context(), bq, size, size)
				if err != nil {
					t.Fatal(err)
				}
				wins := []int{size + 1, 2 * size, window(ix.DocCount()) * size}
				slices.Sort(wins)
				for _, win := range slices.Compact(wins) {
					got, fell, err := ix.top(t.Context(), bq, size, win)
					if err != nil {
						t.Fatal(err)
					}
					if fell {
						fellBack++
					} else {
						settled++
					}
					if size == candidates && win == window(ix.DocCount())*size {
						real++
						if fell {
							realFell++
						}
					}
					if g, w := order(got), order(want); g != w {
						t.Errorf("top(%q, size %d, window %d) = %s, want %s", q, size, win, g, w)
					}
				}
			}
		}
	}
	t.Logf("%d questions: %d hits; windows settled in Go %d times, fell back to the full sort %d times (%d of %d at the size and window searches use)", len(qs), hits, settled, fellBack, realFell, real)
	if settled == 0 {
		t.Error("no window was settled in Go: the fast path is never taken")
	}
}

func matchText(q string) query.Query {
	m := bleve.NewMatchQuery(q)
	m.SetField(fieldText)
	return m
}

// order renders matches as ID and score, in order.
func order(ms []match) string {
	var b bytes.Buffer
	for _, m := range ms {
		fmt.Fprintf(&b, "%s=%v ", m.ID, m.Score)
	}
	return b.String()
}

// TestFloors checks that the cold-start floors answer with a whole seed
// passage that has the question's words, built in memory and opened from
// disk.
func TestFloors(t *testing.T) {
	docs, kb := seedsAndKB(t)
	passages := map[string]bool{}
	for _, d := range docs {
		for _, p := range d.Passages {
			passages[p.Text] = true
		}
	}
	good := func(text string) bool { return passages[text] && strings.Contains(text, "carried out") }
	const q = "What aircraft carried out the strikes?"
	got, err := FloorBuild(t.Context(), docs, q)
	if err != nil || !good(got) {
		t.Errorf("FloorBuild(%q) = %q, %v; want a seed passage with the question's words", q, got, err)
	}
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Build(t.Context(), docs, kb, Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	got, err = FloorOpen(t.Context(), dir, q)
	if err != nil || !good(got) {
		t.Errorf("FloorOpen(%q) = %q, %v; want a seed passage with the question's words", q, got, err)
	}
}
