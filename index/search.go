package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/dossier/dossier/seeds"
)

// minCoverage is the share of a question's concepts (known to the corpus
// or not) a passage must match to count as answering it. Calibrated on the
// evaluation set in testdata: below it, answers were weak matches on one
// common word ("units", "near").
const minCoverage = 0.5

// kindWeight scales a passage's score by what the passage is: a headline or
// a reporter's question repeats the words of a topic without answering it.
//
// Curated facts count less than passages: a passage is the source's own
// words, while an event's text is a curated summary. Facts still surface
// where they add what passages lack — a year, a speaker, a claimant.
var kindWeight = map[string]float64{
	string(seeds.KindHeading):  0.6,
	string(seeds.KindQuestion): 0.7,
	"event":                    0.5,
	"casualty":                 0.8,
	"quote":                    0.9,
}

// Hit is one passage or fact that answers a question.
type Hit struct {
	// ID is the passage ID ("003:12") or fact ID.
	ID string
	// Type is "passage" or "fact".
	Type string
	// Doc is the document the passage is from, or the fact cites.
	Doc string
	// Kind is the passage kind (paragraph, bullet, statement, …).
	Kind string
	// Label is the passage's label: the speaker of the statement it belongs
	// to, or the date of the timeline entry.
	Label string
	// Text is the whole passage, verbatim.
	Text string
	// Start and End are the passage's byte offsets in Doc.
	Start, End int
	// Score ranks hits; higher is better.
	Score float64
	// Matched and Concepts say how many of the question's concepts the hit
	// matched, out of how many.
	Matched, Concepts int
	// Snippet is the best-matching sentences of the passage.
	Snippet Snippet

	// textA and labelA are Text and Label analyzed in advance (in-memory
	// indexes only).
	textA, labelA *analyzed
}

// Result is the answer of the index to one question.
type Result struct {
	// Hits are ranked best first.
	Hits []Hit
	// Missing lists words of the question that name something the corpus
	// never mentions ("Putin"). When set, Hits is empty.
	Missing []string
	// Unsearchable is set when the question has no words to search for.
	Unsearchable bool
	// Weak is set when the best matches covered too little of the question.
	Weak bool
}

// Search answers a question with up to limit hits. The question is plain
// text: it is never parsed as query syntax, and the work it can cause is
// bounded.
func (ix *Index) Search(ctx context.Context, question string, limit int) (*Result, error) {
	if limit <= 0 {
		limit = 3
	}
	p := ix.plan(question)
	res := &Result{}
	if len(p.concepts) == 0 {
		res.Unsearchable = true
		return res, nil
	}
	if miss := p.missing(); uncovered(p, miss) {
		for _, c := range miss {
			res.Missing = append(res.Missing, c.word)
		}
		return res, nil
	}
	hits, err := ix.run(ctx, ix.query(p), candidates)
	if err != nil {
		return nil, err
	}
	hard := 0
	for _, c := range p.concepts {
		if !c.soft {
			hard++
		}
	}
	if hard == 0 {
		// Only dates ("June 27"): then the dates are what is asked about.
		for i := range p.concepts {
			p.concepts[i].soft = false
		}
		hard = len(p.concepts)
	}
	named := false
	for _, c := range p.concepts {
		named = named || c.actor != ""
	}
	m := ix.newMatcher(p)
	kept := hits[:0]
	for _, h := range hits {
		var actor bool
		h.Snippet, h.Matched, actor = m.snippet(&h)
		h.Concepts = hard
		if float64(h.Matched) < minCoverage*float64(h.Concepts) {
			continue // a weak match on a fraction of the question
		}
		if named && !actor {
			continue // the question is about someone this passage does not involve
		}
		if w, ok := kindWeight[h.Kind]; ok {
			h.Score *= w
		}
		kept = append(kept, h)
	}
	hits = kept
	sortHits(hits)
	if len(hits) == 0 {
		res.Weak = true
		return res, nil
	}
	if len(hits) > limit {
		hits = hits[:limit]
	}
	res.Hits = hits
	return res, nil
}

// uncovered decides that the corpus cannot answer: the question names a
// thing (a capitalized word) the corpus never mentions, or most of what it
// asks about is unknown.
func uncovered(p *plan, miss []concept) bool {
	if len(miss) == 0 {
		return false
	}
	for _, c := range miss {
		if c.name {
			return true
		}
	}
	return 2*len(miss) >= len(p.concepts)
}

// window returns how many hits run asks Bleve for, per hit it returns, on
// an index of docs documents. Bleve sorts them by score alone, which needs
// no stored field; the tie-break by ID is then done here on the window, and
// a tie group cut by the window's edge is the only case that needs Bleve's
// own, slower sort by ID. On a small corpus each hit returned costs about
// as much as the search itself, so the window is small; on a large one the
// search dominates, and a wider window makes a second search rare (on the
// synthetic 100k corpus, 3 of the 77 evaluation questions instead of 13).
func window(docs int) int {
	if docs < 10_000 {
		return 2
	}
	return 8
}

// Match is the floor the pipeline is measured against in benchmarks and
// evaluation: Bleve's own match query over the passage text, sorted by
// score, with none of Dossier's plumbing (no query planning, no BM25
// length statistics, no tie-break), and the stored fields of the hits it
// returns.
func (ix *Index) Match(ctx context.Context, question string, limit int) ([]Hit, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField(fieldText)
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	if ix.stored == nil {
		req.Fields = storedFields
	}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]Hit, 0, len(sr.Hits))
	for _, d := range sr.Hits {
		h := hitFromFields(d.ID, d.Fields)
		if ix.stored != nil {
			h = ix.stored[d.ID]
		}
		h.Score = d.Score
		hits = append(hits, h)
	}
	return hits, nil
}

func (ix *Index) run(ctx context.Context, q query.Query, size int) ([]Hit, error) {
	ctx = context.WithValue(ctx, search.MaxTermSearchersKey, maxTermSearchers)
	if ix.meta.Scoring == BM25 && ix.bm25 != nil && ix.bm25.DocCount > 0 {
		// Bleve's BM25 takes the average field length from the number of
		// distinct terms, which over-penalizes long passages; give it the
		// real token counts instead.
		ctx = context.WithValue(ctx, search.BM25StatsKey, ix.bm25)
	}
	win := window(ix.meta.Docs) * size
	if ix.sortAll {
		win = size
	}
	ms, _, err := ix.top(ctx, q, size, win)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(ms))
	for _, d := range ms {
		var h Hit
		if ix.stored != nil {
			h = ix.stored[d.ID]
			h.textA, h.labelA = ix.analysisOf(&h)
		} else if h, err = ix.load(d.ID); err != nil {
			return nil, err
		}
		h.Score = d.Score
		hits = append(hits, h)
	}
	return hits, nil
}

// top returns the size best matches of q by score, ties broken by ID:
// scorch's internal order depends on how its segments happened to merge,
// and answers must not change between runs. It asks Bleve for the best win
// matches by score alone and breaks the ties itself, unless the hits it
// keeps reach into the tie group at the window's edge, which may go on
// beyond the window: then (and when win is not larger than size) Bleve
// sorts by score and ID, reading the ID of every match. fellBack reports
// that case.
func (ix *Index) top(ctx context.Context, q query.Query, size, win int) (ms search.DocumentMatchCollection, fellBack bool, err error) {
	if win > size {
		sr, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, win, 0, false))
		if err != nil {
			return nil, false, fmt.Errorf("search: %w", err)
		}
		ms = sr.Hits
		if len(ms) < win || ms[size-1].Score > ms[len(ms)-1].Score {
			// Every match is in the window, or the kept hits all score
			// above its edge: the order by score and ID is settled here.
			sort.SliceStable(ms, func(i, j int) bool {
				if ms[i].Score != ms[j].Score {
					return ms[i].Score > ms[j].Score
				}
				return ms[i].ID < ms[j].ID
			})
			return ms[:min(size, len(ms))], false, nil
		}
	}
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, true, fmt.Errorf("search: %w", err)
	}
	return sr.Hits, true, nil
}

// load reads a hit's stored fields from an on-disk index.
func (ix *Index) load(id string) (Hit, error) {
	doc, err := ix.bi.Document(id)
	if err != nil {
		return Hit{}, fmt.Errorf("load %s: %w", id, err)
	}
	if doc == nil {
		return Hit{}, fmt.Errorf("load %s: not in the index", id)
	}
	fields := make(map[string]interface{}, len(storedFields))
	doc.VisitFields(func(f bleveindex.Field) {
		switch v := f.(type) {
		case bleveindex.TextField:
			fields[f.Name()] = v.Text()
		case bleveindex.NumericField:
			if n, err := v.Number(); err == nil {
				fields[f.Name()] = n
			}
		}
	})
	return hitFromFields(id, fields), nil
}

// analysisOf returns the cached analysis of a stored hit's text and label,
// making it on first use.
func (ix *Index) analysisOf(h *Hit) (*analyzed, *analyzed) {
	if a, ok := ix.analyses.Load(h.ID); ok {
		pair := a.([2]*analyzed)
		return pair[0], pair[1]
	}
	pair := [2]*analyzed{ix.analyze(h.Text), ix.analyze(h.Label)}
	ix.analyses.Store(h.ID, pair)
	return pair[0], pair[1]
}

// hitFromFields reads a hit's stored fields.
func hitFromFields(id string, fields map[string]interface{}) Hit {
	h := Hit{ID: id}
	h.Text, _ = fields[fieldRaw].(string)
	h.Doc, _ = fields[fieldDoc].(string)
	h.Kind, _ = fields[fieldKind].(string)
	h.Type, _ = fields[fieldType].(string)
	h.Label, _ = fields[fieldLabel].(string)
	if f, ok := fields[fieldStart].(float64); ok {
		h.Start = int(f)
	}
	if f, ok := fields[fieldEnd].(float64); ok {
		h.End = int(f)
	}
	return h
}

// sortHits orders hits best first, ties by ID, so equal scores rank the same
// way on every run.
func sortHits(hits []Hit) {
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
}
