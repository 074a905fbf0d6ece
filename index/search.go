package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

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
	// Cites is, for a fact, the passage its quote is from.
	Cites string
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
	// askedA is the reporter's question an answer in a Q&A transcript
	// follows, analyzed: its words count as the label's do.
	askedA *analyzed
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

// Search answers a question with up to limit hits: the ranking of Rank,
// cut to the candidates that hold enough of the question, with their
// snippets. The question is plain text: it is never parsed as query syntax,
// and the work it can cause is bounded.
func (ix *Index) Search(ctx context.Context, question string, limit int) (*Result, error) {
	if limit <= 0 {
		limit = 3
	}
	rk, err := ix.Rank(ctx, question)
	if err != nil {
		return nil, err
	}
	res := &Result{Missing: rk.Missing, Unsearchable: rk.Unsearchable}
	if !rk.Covered() {
		res.Weak = !res.Unsearchable && len(res.Missing) == 0
		return res, nil
	}
	for i := range rk.Hits {
		r := &rk.Hits[i]
		if !rk.Shows(r) {
			continue
		}
		h := r.Hit
		h.Snippet, h.Score = r.Snippet(), r.Features.Score
		h.Matched, h.Concepts = r.matched, rk.concepts()
		res.Hits = append(res.Hits, h)
		if len(res.Hits) == limit {
			break
		}
	}
	return res, nil
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
	q := matchQuery(question)
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

// run returns the size best matches of q, ties broken by ID, with their
// stored fields; the slice has room for spare more.
func (ix *Index) run(ctx context.Context, q query.Query, size, spare int) ([]Hit, error) {
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
	hits := make([]Hit, 0, len(ms)+spare)
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
// sorts by score and ID, reading the ID of every match, and the search
// fetches twice as many until the tie group, once scores are rounded, is
// whole. fellBack reports that case. Scores are rounded to nine decimals
// (quantize); two equal scores whose last bits straddle a rounding
// boundary still round apart, which is rare enough to leave.
func (ix *Index) top(ctx context.Context, q query.Query, size, win int) (ms []match, fellBack bool, err error) {
	if win > size {
		ms, err := ix.collect(ctx, q, win)
		if err != nil {
			return nil, false, fmt.Errorf("search: %w", err)
		}
		quantize(ms)
		byScoreThenID(ms)
		if len(ms) < win || ms[size-1].Score > ms[len(ms)-1].Score {
			// Every match is in the window, or the kept hits all score
			// above its edge: the order by score and ID is settled here.
			return ms[:min(size, len(ms))], false, nil
		}
	}
	// Bleve sorts by the raw scores: fetch past the kept hits until the
	// rounded score at the cut is above the last one fetched, so a group
	// that ties once rounded is whole before it is ordered by ID.
	for n := 2 * size; ; n *= 2 {
		req := bleve.NewSearchRequestOptions(q, n, 0, false)
		req.SortBy([]string{"-_score", "_id"})
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, true, fmt.Errorf("search: %w", err)
		}
		ms := make([]match, len(sr.Hits))
		for i, d := range sr.Hits {
			ms[i] = match{ID: d.ID, Score: d.Score}
		}
		quantize(ms)
		byScoreThenID(ms)
		if len(ms) < n || size == 0 || ms[size-1].Score > ms[len(ms)-1].Score {
			return ms[:min(size, len(ms))], true, nil
		}
	}
}

// match is a search hit: a document's ID and score.
type match struct {
	ID    string
	Score float64
}

// collect returns the best n matches of q by score alone, in no order:
// every match left out scores no higher than every one returned. It does
// what Bleve's SearchInContext and top-N collector do for such a request,
// without what Dossier never asks of them: a stored-field and highlight
// pass over every hit, and a fresh pool of document matches per search (a
// third of what ask allocated on the seeds); the pool is kept for the next
// search instead. The scores are the same: the searcher is built with the
// same scoring model and options, and TestTieBreakInGo compares the hits
// with SearchInContext's.
func (ix *Index) collect(ctx context.Context, q query.Query, n int) ([]match, error) {
	if n <= 0 {
		return nil, nil
	}
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	model := bleveindex.DefaultScoringModel
	if m, ok := ix.bi.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == bleveindex.BM25Scoring {
		model = bleveindex.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey, search.GetScoringModelCallbackFn(func() string { return model }))
	ctx = search.ContextWithTermSearchersCounter(ctx)
	s, err := q.Searcher(ctx, r, ix.bi.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	pool, _ := ix.matchPools.Get().(*search.DocumentMatchPool)
	if pool == nil {
		pool = search.NewDocumentMatchPool(n+1+s.DocumentMatchPoolSize(), 0)
	}
	best, err := keepBest(ctx, s, &search.SearchContext{DocumentMatchPool: pool, IndexReader: r}, n)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	var out []match
	if err == nil {
		out = make([]match, len(best))
		for i, dm := range best {
			if out[i].ID, err = r.ExternalID(dm.IndexInternalID); err != nil {
				break
			}
			out[i].Score = dm.Score
		}
	}
	for _, dm := range best {
		pool.Put(dm)
	}
	ix.matchPools.Put(pool)
	return out, err
}

// keepBest runs searcher s to the end and keeps its n best-scoring matches,
// the lowest first; the others go back to the pool as soon as they lose
// their place.
func keepBest(ctx context.Context, s search.Searcher, sctx *search.SearchContext, n int) (matchHeap, error) {
	best := make(matchHeap, 0, n)
	for i := 0; ; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return best, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return best, err
		}
		switch {
		case len(best) < n:
			heap.Push(&best, dm)
		case dm.Score > best[0].Score:
			sctx.DocumentMatchPool.Put(best[0])
			best[0] = dm
			heap.Fix(&best, 0)
		default:
			sctx.DocumentMatchPool.Put(dm)
		}
	}
}

// matchHeap is a min-heap of document matches by score.
type matchHeap []*search.DocumentMatch

func (h matchHeap) Len() int           { return len(h) }
func (h matchHeap) Less(i, j int) bool { return h[i].Score < h[j].Score }
func (h matchHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *matchHeap) Push(x any)        { *h = append(*h, x.(*search.DocumentMatch)) }
func (h *matchHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// byScoreThenID sorts matches by score, best first, ties by ID. IDs are
// unique, so the order is total and needs no stable sort.
func byScoreThenID(ms []match) {
	slices.SortFunc(ms, func(a, b match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// quantize rounds scores to nine decimal places. Bleve sums a score's parts
// in the order its documents happen to lie in, so two equal scores may
// differ in their last bits from one build to the next; rounded, they tie,
// and the tie is broken by ID, the same every time.
func quantize(ms []match) {
	for i := range ms {
		ms[i].Score = math.Round(ms[i].Score*1e9) / 1e9
	}
}

// load reads a hit's stored fields from an on-disk index.
func (ix *Index) load(id string) (Hit, error) {
	h, found, err := ix.loadFound(id)
	if err == nil && !found {
		err = fmt.Errorf("load %s: not in the index", id)
	}
	return h, err
}

// loadFound reads a hit's stored fields from an on-disk index, reporting
// whether the index has it.
func (ix *Index) loadFound(id string) (Hit, bool, error) {
	doc, err := ix.bi.Document(id)
	if err != nil {
		return Hit{}, false, fmt.Errorf("load %s: %w", id, err)
	}
	if doc == nil {
		return Hit{}, false, nil
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
	return hitFromFields(id, fields), true, nil
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
	h.Cites, _ = fields[fieldCites].(string)
	if f, ok := fields[fieldStart].(float64); ok {
		h.Start = int(f)
	}
	if f, ok := fields[fieldEnd].(float64); ok {
		h.End = int(f)
	}
	return h
}
