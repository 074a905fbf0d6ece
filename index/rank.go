package index

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Weights are the reranker's feature weights and the coverage under which
// a question counts as not covered.
type Weights struct {
	// BM25 … Proximity weigh the features of the same names (Features).
	BM25, Coverage, Window, Entities, AnswerType, Date, Speaker, Proximity float64
	// Bare weighs the candidate's rank in a bare full-text match of the
	// question's words (Features.Bare).
	Bare float64
	// MinCovered is the share of the question's weight some candidate must
	// hold for the question to count as covered.
	MinCovered float64
	// MinCoveredKnown replaces MinCovered for a question whose every word
	// the corpus uses somewhere.
	MinCoveredKnown float64
	// TypeGate, when set, refuses a "how many", "when" or "where" question
	// no candidate holding enough of it answers with a number, date or place.
	TypeGate bool
	// Unknown scales the weight of a word the corpus never uses: it may
	// be another way of saying what the sources do say ("preceded").
	Unknown float64
}

// DefaultWeights were fitted on the tuning set (bot/testdata/eval.yaml)
// only, never on the held-out set.
var DefaultWeights = Weights{BM25: 2, Coverage: 2, Window: 0, Entities: 1, AnswerType: 1, Date: 1, Speaker: 1.5, Proximity: 0, MinCovered: 0.5, MinCoveredKnown: 0.4, Unknown: 0.5, TypeGate: true}

// maxWindow bounds, in bytes, an answer window widened only because its
// neighbour speaks of the question too.
const maxWindow = 420

// windowTypeBonus is what holding the kind of answer asked for adds to a
// sentence's share of the question when the answer window is chosen.
const windowTypeBonus = 0.3

// entityWeight is what a named actor weighs in coverage beside a focus
// term's inverse document frequency (about 0.7 to 5 on the seeds).
const entityWeight = 3.0

// kindPrior is what a candidate's kind adds to its score: a headline or a
// reporter's question repeats a topic's words without answering it, and a
// curated event is a summary where a passage holds the source's own words.
// A quote record answers questions about words and speakers, a casualty
// record questions about how many were killed or hurt, and who; for other
// questions they yield to the passages they cite.
func kindPrior(kind, answer string) float64 {
	switch kind {
	case string(seeds.KindHeading):
		return -0.6
	case string(seeds.KindQuestion):
		return -0.4
	case "event":
		return -0.5
	case "quote":
		if answer != TypeWords && answer != TypeSpeaker && answer != TypeAgent {
			return -0.4
		}
	case "casualty":
		if answer != TypeCount && answer != TypeAgent && answer != "" {
			return -0.6
		}
	}
	return 0
}

// Features are what the reranker scored a candidate on. Each lies in [0, 1]
// except Date (−1 when the candidate names only other dates) and Kind.
type Features struct {
	// BM25 is Bleve's score, divided by the best candidate's.
	BM25 float64 `json:"bm25"`
	// Coverage is the share of the question's focus terms and entities,
	// by weight, the candidate holds anywhere (its label included).
	Coverage float64 `json:"coverage"`
	// Window is the same share within the answer window.
	Window float64 `json:"window"`
	// Entities is the share of the named actors the candidate involves.
	Entities float64 `json:"entities"`
	// AnswerType is 1 when the window holds the kind of answer asked
	// for: a number beside the counted noun, a date, a person, a place, a
	// cause, someone's own words.
	AnswerType float64 `json:"answer_type"`
	// Date compares the question's dates with the candidate's.
	Date float64 `json:"date"`
	// Speaker is 1 when the candidate is the asked speaker's own words
	// (0.5 for words reported as theirs in narrative).
	Speaker float64 `json:"speaker"`
	// Proximity is how close together the window's matches lie: the
	// number of distinct terms and actors matched over the length, in
	// words, of the shortest stretch holding them all.
	Proximity float64 `json:"proximity"`
	// Bare is 1 for the passage a bare full-text match of the question
	// ranks first, falling by rank to 0 past the first bareDepth.
	Bare float64 `json:"bare"`
	// Kind is the prior of the candidate's kind.
	Kind float64 `json:"kind"`
	// Score is the weighted sum the candidates were ranked by.
	Score float64 `json:"score"`
}

// String lists the features for people, as --explain shows them.
func (f Features) String() string {
	return fmt.Sprintf("score %.2f: bm25 %.2f, bare %.2f, coverage %.2f, window %.2f, proximity %.2f, entities %.2f, answer type %.0f, date %+.0f, speaker %.1f, kind %+.1f",
		f.Score, f.BM25, f.Bare, f.Coverage, f.Window, f.Proximity, f.Entities, f.AnswerType, f.Date, f.Speaker, f.Kind)
}

// Ranked is a candidate the reranker scored, with its answer window.
type Ranked struct {
	Hit
	Features Features
	// window is the answer window's byte span in Text; marks the matched
	// words within Text.
	window seeds.Span
	marks  []seeds.Span
	// matched counts the question's terms, actors and dates the candidate
	// holds.
	matched int
}

// Quoted reports whether the answer window holds quoted words: it opens
// inside a quotation, or a quotation opens in it. A statement's label names
// the speaker of its quotations, not of the narrative between them ("…
// deterrent message." Iraqi militia groups … named four members).
func (r *Ranked) Quoted() bool {
	w := r.window
	return insideQuote(r.Text, w.Start) || strings.ContainsAny(r.Text[w.Start:w.End], "“\"")
}

// insideQuote reports whether byte pos of text lies within a quotation:
// after an opening mark not yet closed.
func insideQuote(text string, pos int) bool {
	open := false
	for i, c := range text[:pos] {
		switch c {
		case '“':
			open = true
		case '”':
			open = false
		case '"':
			// A straight mark opens at the start or after a space or an
			// opening bracket, and closes otherwise.
			open = i == 0 || strings.ContainsRune(" \n\t([", rune(text[i-1]))
		}
	}
	return open
}

// Snippet is the answer window, verbatim, with the matched words marked.
// It is built on demand, so only the results shown pay for it.
func (r *Ranked) Snippet() Snippet {
	w := r.window
	quote := r.Text[w.Start:w.End]
	var spans []seeds.Span
	for _, m := range r.marks {
		if m.Start >= w.Start && m.End <= w.End {
			spans = append(spans, seeds.Span{Start: m.Start - w.Start, End: m.End - w.Start})
		}
	}
	return Snippet{Quote: quote, Start: w.Start, End: w.End, Marks: mergeSpans(quote, spans)}
}

// Ranking is the index's answer to a question: candidates ranked best
// first, or why the sources cannot answer.
type Ranking struct {
	Question *Question
	// Hits are every candidate, best first; the caller takes as many as it
	// shows.
	Hits []Ranked
	// Missing lists names and words of the question the corpus never
	// mentions; Uncovered the focus words the best candidate lacks. Either
	// makes the question not covered.
	Missing   []string
	Uncovered []string
	// Unsearchable is set when the question has nothing to search for.
	Unsearchable bool
	// Weak is set when no candidate holds enough of the question.
	Weak bool

	minCovered float64
}

// Answers reports whether a candidate holds enough of the question to
// answer it: enough of its weight and, when the question names actors, at
// least one of them.
func (r *Ranking) Answers(h *Ranked) bool {
	return r.holds(h, r.minCovered)
}

// Shows reports whether a candidate may be shown beside a better one that
// answers: it holds at least half of what an answer must.
func (r *Ranking) Shows(h *Ranked) bool {
	return r.holds(h, r.minCovered/2)
}

func (r *Ranking) holds(h *Ranked, share float64) bool {
	if h.Features.Coverage < share || h.Features.Date < 0 {
		return false // too little of the question, or another date
	}
	return len(r.Question.Entities) == 0 || h.Features.Entities > 0
}

// concepts is how many things the question asks about: terms, actors and
// dates.
func (r *Ranking) concepts() int {
	return len(r.Question.Terms) + len(r.Question.Entities) + len(r.Question.Dates)
}

// Covered reports whether the sources answer the question.
func (r *Ranking) Covered() bool {
	return !r.Unsearchable && !r.Weak && len(r.Missing) == 0 && len(r.Uncovered) == 0 && len(r.Hits) > 0
}

// Rank answers a question: it analyses it, fetches candidates (passages and
// curated facts) from Bleve, and reranks them on features of the question
// and of each candidate's best answer window.
func (ix *Index) Rank(ctx context.Context, question string) (*Ranking, error) {
	return ix.RankWith(ctx, question, DefaultWeights)
}

// RankWith is Rank with other weights, for fitting them.
func (ix *Index) RankWith(ctx context.Context, question string, w Weights) (*Ranking, error) {
	q := ix.Analyze(question)
	res := &Ranking{Question: q, minCovered: w.MinCovered}
	// A question whose every word the sources use somewhere is about
	// their topics: words they put otherwise ("approve" for "authorise")
	// lower its coverage, so less of it must be found together.
	known := true
	for _, t := range q.Terms {
		known = known && t.Known
	}
	if known && w.MinCoveredKnown > 0 {
		res.minCovered = w.MinCoveredKnown
	}
	if len(q.Terms) == 0 && len(q.Entities) == 0 && len(q.Dates) == 0 {
		res.Unsearchable = true
		return res, nil
	}
	for _, t := range q.Terms {
		if !t.Known && t.Name {
			res.Missing = append(res.Missing, t.Word)
		}
	}
	res.Missing = append(res.Missing, q.Future...)
	res.Missing = append(res.Missing, ix.afterSources(q)...)
	if len(res.Missing) > 0 {
		return res, nil
	}
	hits, err := ix.run(ctx, ix.rankQuery(q), candidates)
	if err != nil {
		return nil, err
	}
	// The passages a bare match of the question's words ranks first are
	// candidates too, and their rank a feature: the reranker must not do
	// worse than the plain full-text match it starts from.
	bare, err := ix.bareRanks(ctx, question)
	if err != nil {
		return nil, err
	}
	m := ix.newFeaturer(q, w)
	best := 0.0
	have := make(map[string]bool, len(hits))
	for _, h := range hits {
		best = max(best, h.Score)
		have[h.ID] = true
	}
	for _, h := range bare.hits {
		if !have[h.ID] {
			h.Score = 0 // not among the focused query's matches
			hits = append(hits, h)
		}
	}
	res.Hits = make([]Ranked, 0, len(hits))
	for _, h := range hits {
		r := m.score(h, best, bare.rank)
		res.Hits = append(res.Hits, r)
	}
	sort.SliceStable(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i].Features.Score, res.Hits[j].Features.Score
		if a != b {
			return a > b
		}
		return res.Hits[i].ID < res.Hits[j].ID
	})
	if len(res.Hits) == 0 {
		res.Weak = true
		for _, t := range q.Terms {
			res.Uncovered = append(res.Uncovered, t.Word)
		}
		return res, nil
	}
	// Covered when some candidate answers — with a number beside what is
	// counted for "how many", a date for "when", a place for "where"; if
	// none does, name what the closest one lacks.
	closest := 0
	for i := range res.Hits {
		if res.Answers(&res.Hits[i]) && (!w.TypeGate || !needsType[q.Type] || res.Hits[i].Features.AnswerType > 0) {
			return res, nil
		}
		if res.Hits[i].Features.Coverage > res.Hits[closest].Features.Coverage {
			closest = i
		}
	}
	res.Weak = true
	res.Uncovered = m.lacking(&res.Hits[closest])
	return res, nil
}

// bareDepth is how many passages of a bare match are candidates.
const bareDepth = 10

// bareMatch is a bare full-text match of a question: its first passages
// and their ranks from 0.
type bareMatch struct {
	hits []Hit
	rank map[string]int
}

// bareRanks runs a bare match query of the question's words over the
// passages' text (never parsed as query syntax).
func (ix *Index) bareRanks(ctx context.Context, question string) (bareMatch, error) {
	mq := bleve.NewMatchQuery(question)
	mq.SetField(fieldText)
	hits, err := ix.run(ctx, mq, 2*bareDepth)
	if err != nil {
		return bareMatch{}, err
	}
	b := bareMatch{rank: map[string]int{}}
	for _, h := range hits {
		if h.Type != "passage" || len(b.hits) == bareDepth {
			continue
		}
		b.rank[h.ID] = len(b.hits)
		b.hits = append(b.hits, h)
	}
	return b, nil
}

// afterSources returns the question's dates that fall after the newest
// source was written: the sources cannot speak of them.
func (ix *Index) afterSources(q *Question) []string {
	latest := knowledge.Date{}
	for _, s := range ix.meta.Sources {
		if d, err := knowledge.ParseISO(s.Date); err == nil && latest.Before(d) {
			latest = d
		}
	}
	var out []string
	for _, d := range q.Dates {
		if latest.Year != 0 && d.From.Year > latest.Year {
			out = append(out, d.Word)
		}
	}
	return out
}

// rankQuery fetches candidates broadly: any focus term in any of its forms,
// any named actor, any date word. Precision is the reranker's job.
func (ix *Index) rankQuery(q *Question) query.Query {
	var alts []query.Query
	for _, t := range q.Terms {
		if !t.Known && !ix.byStem[t.Stem] {
			continue
		}
		for _, s := range append([]string{t.Stem}, t.Alts...) {
			if ix.byStem[s] {
				alts = append(alts, term(fieldText, s, 1), term(fieldContext, s, 0.4))
			}
		}
		for _, ph := range t.Phrases {
			pq := bleve.NewPhraseQuery(ph, fieldText)
			pq.SetBoost(0.8)
			alts = append(alts, pq)
		}
	}
	for _, e := range q.Entities {
		boost := 1.2
		if e.ID == q.Speaker {
			boost = 3 // the speaker's own words are what is asked for
		}
		alts = append(alts, term(fieldEntity, e.ID, boost))
	}
	for _, d := range q.Dates {
		for _, w := range ix.stems(d.Word) {
			if ix.byStem[w] {
				alts = append(alts, term(fieldText, w, 0.3), term(fieldContext, w, 0.5))
			}
		}
	}
	if len(alts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// needsType are the answer types a question is not answered without: a
// passage with no number does not say how many, one with no date when, one
// with no place where.
var needsType = map[string]bool{TypeCount: true, TypeDate: true, TypePlace: true}

// featurer scores candidates against one analysed question.
type featurer struct {
	ix      *Index
	q       *Question
	byStem  map[string]uint64 // stem → the terms it counts for
	phrases []phrase
	ents    map[string]int // actor id → entity
	total   float64        // weight of all terms and entities
	termW   []float64      // each term's weight
	counted map[string]bool
	w       Weights
	words   map[string]bool // the question's words, folded
}

func (ix *Index) newFeaturer(q *Question, w Weights) *featurer {
	f := &featurer{ix: ix, q: q, byStem: map[string]uint64{}, ents: map[string]int{}, counted: q.counted, w: w, words: map[string]bool{}}
	for _, e := range q.Entities {
		for _, t := range knowledge.Tokenize(e.Word) {
			f.words[t.Norm] = true
		}
	}
	for _, t := range q.Terms {
		f.words[strings.ToLower(t.Word)] = true
	}
	for i, t := range q.Terms {
		tw := t.Weight
		if !t.Known && !t.Noun {
			tw *= w.Unknown
		}
		f.termW = append(f.termW, tw)
		f.total += tw
		if i >= 64 {
			continue
		}
		for _, s := range append([]string{t.Stem}, t.Alts...) {
			f.byStem[s] |= 1 << i
		}
		for _, ph := range t.Phrases {
			f.phrases = append(f.phrases, phrase{ph, i})
		}
	}
	for i, e := range q.Entities {
		f.ents[e.ID] = i
		f.total += entityWeight
	}
	f.total += entityWeight * float64(len(q.Dates))
	return f
}

// found is what a text holds of the question, per sentence.
type found struct {
	terms  []uint64 // per sentence: bit i set when term i occurs
	ents   []uint64 // per sentence: bit i set when entity i occurs
	all    uint64   // terms anywhere
	allEnt uint64
	marks  []seeds.Span
}

func (f *featurer) find(a *analyzed) found {
	fd := found{terms: make([]uint64, len(a.sents)), ents: make([]uint64, len(a.sents))}
	for i, s := range a.stems {
		if mask := f.byStem[s]; mask != 0 && s != "" {
			fd.terms[a.sentOf[i]] |= mask
			fd.marks = append(fd.marks, seeds.Span{Start: a.toks[i].Start, End: a.toks[i].End})
		}
	}
	for _, ph := range f.phrases {
		for i := 0; i+len(ph.stems) <= len(a.stems); i++ {
			if equal(a.stems[i:i+len(ph.stems)], ph.stems) && ph.concept < 64 {
				fd.terms[a.sentOf[i]] |= 1 << ph.concept
				fd.marks = append(fd.marks, seeds.Span{Start: a.toks[i].Start, End: a.toks[i+len(ph.stems)-1].End})
			}
		}
	}
	if len(f.ents) > 0 {
		for _, m := range a.mentions {
			for _, id := range f.ix.kb.Institutions(m.ID) {
				if k, ok := f.ents[id]; ok && k < 64 {
					s := sentenceAt(a, m.Start)
					fd.ents[s] |= 1 << k
					fd.marks = append(fd.marks, seeds.Span{Start: m.Start, End: m.End})
				}
			}
		}
	}
	for i := range fd.terms {
		fd.all |= fd.terms[i]
		fd.allEnt |= fd.ents[i]
	}
	return fd
}

func sentenceAt(a *analyzed, pos int) int {
	for i, s := range a.sents {
		if pos < s.End {
			return i
		}
	}
	return len(a.sents) - 1
}

// weight is the share of the question's weight the masks hold, with the
// number of the question's dates matched.
func (f *featurer) weight(terms, ents uint64, dates int) float64 {
	if f.total == 0 {
		return 0
	}
	w := 0.0
	for i := range f.q.Terms {
		if i < 64 && terms&(1<<i) != 0 {
			w += f.termW[i]
		}
	}
	for i := range f.q.Entities {
		if i < 64 && ents&(1<<i) != 0 {
			w += entityWeight
		}
	}
	w += entityWeight * float64(dates)
	return w / f.total
}

// score computes a candidate's features, its answer window and its score.
func (f *featurer) score(h Hit, best float64, bare map[string]int) Ranked {
	r := Ranked{Hit: h}
	text, label := h.textA, h.labelA
	if text == nil {
		text, label = f.ix.analyze(h.Text), f.ix.analyze(h.Label)
	}
	fd := f.find(text)
	var lab found
	if h.Label != "" {
		lab = f.find(label)
	}
	labTerms, labEnts := lab.all, lab.allEnt
	ft := &r.Features
	if best > 0 {
		ft.BM25 = h.Score / best
	}
	// A statement's or a quotation's label dates when the words were said,
	// not what they speak of: it does not agree or disagree with the date
	// a question asks about.
	dateLabel := label
	if h.Kind == string(seeds.KindStatement) || h.Kind == "quote" {
		dateLabel = nil
	}
	dates := f.datesIn(text, dateLabel, 0, len(text.sents)-1)
	ft.Coverage = f.weight(fd.all|labTerms, fd.allEnt|labEnts, dates)
	r.matched = popcount(fd.all|labTerms) + popcount(fd.allEnt|labEnts) + dates
	if n := len(f.q.Entities); n > 0 {
		ft.Entities = float64(popcount(fd.allEnt|labEnts)) / float64(n)
	}

	// The answer window: the sentence holding most of the question, then
	// a neighbour when it holds what the sentence lacks (a term, a date,
	// the kind of answer asked for).
	n := len(text.sents)
	bestS, bestW, bestT := 0, -1.0, false
	for s := 0; s < n; s++ {
		// The label counts for the score, not for where the answer lies
		// in the text: a timeline entry's date label is not in its later
		// paragraphs.
		t := f.answerType(h, text, nil, s, s)
		w := f.weight(fd.terms[s]|labTerms, fd.ents[s]|labEnts, f.datesIn(text, dateLabel, s, s))
		if t {
			w += windowTypeBonus
		}
		if w > bestW {
			bestS, bestW, bestT = s, w, t
		}
	}
	lo, hi := bestS, bestS
	have, haveE := fd.terms[bestS], fd.ents[bestS]
	typed := bestT
	dated := f.dateIn(text, lo, hi) > 0
	for _, nb := range []int{bestS - 1, bestS + 1} {
		if nb < 0 || nb >= n {
			continue
		}
		adds := fd.terms[nb]&^have != 0 || fd.ents[nb]&^haveE != 0
		adds = adds || (!typed && f.answerType(h, text, nil, nb, nb))
		adds = adds || (len(f.q.Dates) > 0 && !dated && f.dateIn(text, nb, nb) > 0)
		// A neighbour that speaks of the question too goes on with the
		// answer ("…near the crossing. Many of the weapons have then been
		// stored at …"), while the window stays short.
		span := max(text.sents[hi].End, text.sents[nb].End) - min(text.sents[lo].Start, text.sents[nb].Start)
		adds = adds || ((fd.terms[nb] != 0 || fd.ents[nb] != 0) && span <= maxWindow)
		if adds {
			lo, hi = min(lo, nb), max(hi, nb)
			have, haveE = have|fd.terms[nb], haveE|fd.ents[nb]
		}
	}
	if len(h.Text) <= shortPassage {
		lo, hi = 0, n-1
	}
	// A very short sentence ("No casualties were reported.") needs the one
	// before it to make sense.
	if lo == hi && lo > 0 && text.sents[lo].End-text.sents[lo].Start < 60 {
		lo--
	}
	r.window = seeds.Span{Start: text.sents[lo].Start, End: text.sents[hi].End}
	r.marks = fd.marks
	for s := lo; s <= hi; s++ {
		have, haveE = have|fd.terms[s], haveE|fd.ents[s]
	}
	ft.Window = f.weight(have|labTerms, haveE|labEnts, f.datesIn(text, dateLabel, lo, hi))
	if f.answerType(h, text, label, lo, hi) {
		ft.AnswerType = 1
	}
	ft.Date = f.dateAgreement(h, text, dateLabel, lo, hi)
	ft.Speaker = f.speaker(h, text, label, lo, hi)
	ft.Kind = kindPrior(h.Kind, f.q.Type)
	ft.Proximity = f.proximity(text, lo, hi)
	if k, ok := bare[h.ID]; ok {
		ft.Bare = 1 - float64(k)/bareDepth
	}
	w := f.w
	ft.Score = w.Bare*ft.Bare + w.BM25*ft.BM25 + w.Coverage*ft.Coverage + w.Window*ft.Window + w.Entities*ft.Entities +
		w.AnswerType*ft.AnswerType + w.Date*ft.Date + w.Speaker*ft.Speaker + w.Proximity*ft.Proximity + ft.Kind
	return r
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// tokensIn returns the token range of sentences lo..hi.
func tokensIn(a *analyzed, lo, hi int) (int, int) {
	from, to := len(a.toks), 0
	for i, s := range a.sentOf {
		if s >= lo && s <= hi {
			from, to = min(from, i), max(to, i+1)
		}
	}
	if from > to {
		from = to
	}
	return from, to
}

// answerType reports whether sentences lo..hi (with the label, where it
// speaks to the question) hold the kind of answer the question asks for.
func (f *featurer) answerType(h Hit, a, label *analyzed, lo, hi int) bool {
	from, to := tokensIn(a, lo, hi)
	switch f.q.Type {
	case TypeCount, TypeDuration:
		return f.countNear(a, from, to)
	case TypeDate:
		return f.dateIn(a, lo, hi) > 0 || (label != nil && len(label.dates) > 0)
	case TypeSpeaker:
		// Who said it: the speaker of a statement or a quotation.
		if h.Kind == string(seeds.KindStatement) || h.Kind == "quote" {
			return true
		}
		return f.otherActor(a, from, to, agentKinds)
	case TypeAgent:
		return f.otherActor(a, from, to, f.agents())
	case TypePlace:
		return f.place(a, from, to)
	case TypeInstance:
		if f.q.bodies {
			return f.otherActor(a, from, to, bodyKinds)
		}
		return f.otherActor(a, from, to, agentKinds) || f.properName(a, from, to)
	case TypeReason:
		for i := from; i < to; i++ {
			if f.ix.grammar.reason[a.toks[i].Norm] {
				return true
			}
		}
	case TypeWords:
		return h.Kind == string(seeds.KindStatement) || h.Kind == "quote" || strings.ContainsAny(a.toksText(from, to), "“\"")
	case TypeExpansion:
		return f.expands(h.Text, a, from, to)
	case TypeDefinition:
		return f.describes(h.Text, a, from, to)
	}
	return false
}

// expands reports whether tokens [from, to) hold an abbreviation of the
// question's in brackets: "Popular Mobilization Forces (PMF)".
func (f *featurer) expands(text string, a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		t := a.toks[i]
		if t.Start > 0 && t.End < len(text) && text[t.Start-1] == '(' && text[t.End] == ')' && f.words[t.Norm] {
			return true
		}
	}
	return false
}

// asked reports whether token i is one the question asks about: a focus
// term or part of a named actor.
func (f *featurer) asked(a *analyzed, i int) bool {
	if f.byStem[a.stems[i]] != 0 {
		return true
	}
	for _, m := range a.mentions {
		if a.toks[i].Start >= m.Start && a.toks[i].End <= m.End {
			for _, id := range f.ix.kb.Institutions(m.ID) {
				if _, ok := f.ents[id]; ok {
					return true
				}
			}
		}
	}
	return false
}

// describes reports whether tokens [from, to) describe what the question
// asks about: an apposition or a copula right after it ("the PMF, an
// umbrella group", "Kirby is the Pentagon's press secretary").
func (f *featurer) describes(text string, a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		if !f.asked(a, i) || (i+1 < to && f.asked(a, i+1)) {
			continue // the last word of the name
		}
		rest := text[a.toks[i].End:]
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, "(") {
			if k := strings.IndexByte(rest, ')'); k > 0 {
				rest = strings.TrimLeft(rest[k+1:], " ")
			}
		}
		j := i + 1
		for j < to && a.toks[j].Start < a.toks[i].End+len(text[a.toks[i].End:])-len(rest) {
			j++
		}
		if j >= to {
			continue
		}
		sep := strings.TrimSpace(text[a.toks[i].End:a.toks[j].Start])
		next := a.toks[j].Norm
		if strings.HasSuffix(sep, ",") || strings.HasSuffix(sep, "–") || strings.HasSuffix(sep, "—") || strings.HasSuffix(sep, "-") {
			if next == "a" || next == "an" || next == "the" {
				return true
			}
		}
		if sep == "" && f.ix.grammar.be[next] && j+1 < to {
			if n2 := a.toks[j+1].Norm; n2 == "a" || n2 == "an" || n2 == "the" {
				return true
			}
		}
	}
	return false
}

// toksText is the raw text of tokens [from, to) and what lies between.
func (a *analyzed) toksText(from, to int) string {
	if from >= to {
		return ""
	}
	var b strings.Builder
	for i := from; i < to; i++ {
		b.WriteString(a.toks[i].Raw)
		b.WriteByte(' ')
	}
	return b.String()
}

// countNear reports whether a number (not part of a date) stands within
// three words of a counted word, or of any matched term when the question
// names nothing to count.
func (f *featurer) countNear(a *analyzed, from, to int) bool {
	inDate := func(i int) bool {
		for _, d := range a.dates {
			if i >= d.from && i < d.to {
				return true
			}
		}
		return false
	}
	for i := from; i < to; i++ {
		if _, ok := f.ix.forms.number(a.toks[i].Norm); !ok || inDate(i) {
			continue
		}
		for j := max(from, i-3); j < min(to, i+4); j++ {
			s := a.stems[j]
			if len(f.counted) > 0 {
				if f.counted[s] {
					return true
				}
				for k, t := range f.q.Terms {
					if k < 64 && f.byStem[s]&(1<<k) != 0 && f.counted[t.Stem] {
						return true
					}
				}
				continue
			}
			if f.byStem[s] != 0 && j != i {
				return true
			}
		}
	}
	return false
}

// agentKinds are the kinds of actor that answer "who": people and bodies,
// not places.
var agentKinds = map[string]bool{"person": true, "group": true, "militia": true, "party": true, "monitor": true, "state-media": true, "us-official": true}

// bodyKinds are the kinds of actor that answer "which groups".
var bodyKinds = map[string]bool{"group": true, "militia": true, "party": true, "state-media": true, "us-official": true}

// agents returns the kinds of actor that answer the question's "who".
func (f *featurer) agents() map[string]bool {
	if f.q.bodies {
		return bodyKinds
	}
	return agentKinds
}

// otherActor reports whether tokens [from, to) name an actor the question
// does not (of the given kinds, if any).
func (f *featurer) otherActor(a *analyzed, from, to int, kinds map[string]bool) bool {
	if from >= to {
		return false
	}
	start, end := a.toks[from].Start, a.toks[to-1].End
	for _, m := range a.mentions {
		if m.Start < start || m.End > end {
			continue
		}
		if _, asked := f.ents[m.ID]; asked {
			continue
		}
		act := f.ix.kb.Actor(m.ID)
		if act != nil && (kinds == nil || kinds[act.Kind]) {
			return true
		}
	}
	return false
}

// place reports whether tokens [from, to) put something in a place the
// question does not name: a locative preposition before a place the
// sources know, or before a capitalized name ("near the al Omar oil field",
// "in Syria").
func (f *featurer) place(a *analyzed, from, to int) bool {
	for i := from; i+1 < to; i++ {
		if !f.ix.grammar.locative[a.toks[i].Norm] {
			continue
		}
		j := i + 1
		for j < to && (a.toks[j].Norm == "the" || a.toks[j].Norm == "a") {
			j++
		}
		if j >= to || f.asked(a, j) {
			continue
		}
		for _, m := range a.mentions {
			if m.Start == a.toks[j].Start {
				if act := f.ix.kb.Actor(m.ID); act != nil && (act.Kind == "place" || act.Kind == "state") {
					return true
				}
			}
		}
		if r := a.toks[j].Raw[0]; r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// properName reports whether tokens [from, to) hold a capitalized name,
// not opening a sentence, that the question does not name.
func (f *featurer) properName(a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		if i == 0 || a.sentOf[i-1] != a.sentOf[i] || f.asked(a, i) {
			continue
		}
		if r := a.toks[i].Raw[0]; r >= 'A' && r <= 'Z' && len(a.toks[i].Raw) > 1 {
			return true
		}
	}
	return false
}

// dateIn returns how many dates sentences lo..hi write.
func (f *featurer) dateIn(a *analyzed, lo, hi int) int {
	n := 0
	for _, d := range a.dates {
		if s := a.sentOf[d.from]; s >= lo && s <= hi {
			n++
		}
	}
	return n
}

// datesIn counts the question's dates that sentences lo..hi or the label
// agree with.
func (f *featurer) datesIn(a, label *analyzed, lo, hi int) int {
	if len(f.q.Dates) == 0 {
		return 0
	}
	var have []knowledge.Date
	for _, d := range a.dates {
		if s := a.sentOf[d.from]; s >= lo && s <= hi {
			have = append(have, d.date)
		}
	}
	if label != nil {
		for _, d := range label.dates {
			have = append(have, d.date)
		}
	}
	n := 0
	for _, w := range f.q.Dates {
		if dateAgreement([]DateSpan{w}, have) > 0 {
			n++
		}
	}
	return n
}

// dateAgreement compares the question's dates with those of the window and
// the label.
func (f *featurer) dateAgreement(h Hit, a, label *analyzed, lo, hi int) float64 {
	if len(f.q.Dates) == 0 {
		return 0
	}
	var have []knowledge.Date
	for _, d := range a.dates {
		if s := a.sentOf[d.from]; s >= lo && s <= hi {
			have = append(have, d.date)
		}
	}
	if label != nil {
		for _, d := range label.dates {
			have = append(have, d.date)
		}
	}
	return dateAgreement(f.q.Dates, have)
}

// speaker is 1 when the candidate is the asked speaker's own words: a
// statement labelled with their name, or a quote record of theirs.
func (f *featurer) speaker(h Hit, a, label *analyzed, lo, hi int) float64 {
	if f.q.Speaker == "" || label == nil {
		return 0
	}
	if h.Kind == string(seeds.KindStatement) && !(&Ranked{Hit: h, window: seeds.Span{Start: a.sents[lo].Start, End: a.sents[hi].End}}).Quoted() {
		return 0 // the narrative between a statement's quotations
	}
	if h.Kind != string(seeds.KindStatement) && h.Kind != "quote" {
		// Narrative: "…," Khatibzadeh said; Iran called on the U.S. to …
		from, to := tokensIn(a, lo, hi)
		for _, m := range a.mentions {
			if !f.speaks(m.ID) {
				continue
			}
			for i := from; i < to; i++ {
				t := a.toks[i]
				near := (t.Start >= m.End && t.Start-m.End < 12) || (m.Start >= t.End && m.Start-t.End < 12)
				if near && f.ix.grammar.speech[t.Norm] {
					return 0.5
				}
			}
		}
		return 0
	}
	for _, m := range label.mentions {
		if f.speaks(m.ID) {
			return 1
		}
	}
	return 0
}

// speaks reports whether an actor is the asked speaker or speaks for it.
func (f *featurer) speaks(id string) bool {
	for _, inst := range f.ix.kb.Institutions(id) {
		if inst == f.q.Speaker {
			return true
		}
	}
	return false
}

// lacking names the question's terms and actors a candidate does not hold.
func (f *featurer) lacking(r *Ranked) []string {
	text, label := r.textA, r.labelA
	if text == nil {
		text, label = f.ix.analyze(r.Text), f.ix.analyze(r.Label)
	}
	fd, lab := f.find(text), f.find(label)
	var out []string
	for i, t := range f.q.Terms {
		if i >= 64 || (fd.all|lab.all)&(1<<i) == 0 {
			out = append(out, t.Word)
		}
	}
	for i, e := range f.q.Entities {
		if i >= 64 || (fd.allEnt|lab.allEnt)&(1<<i) == 0 {
			out = append(out, e.Word)
		}
	}
	return out
}

// proximity scores how tightly sentences lo..hi hold the question's terms
// and actors: the number of distinct ones matched over the length, in
// words, of the shortest stretch that holds them all. One match alone
// scores 1; none scores 0.
func (f *featurer) proximity(a *analyzed, lo, hi int) float64 {
	from, to := tokensIn(a, lo, hi)
	type pos struct {
		i    int
		mask uint64
	}
	var ps []pos
	var all uint64
	for i := from; i < to; i++ {
		m := f.byStem[a.stems[i]]
		if a.stems[i] == "" {
			m = 0
		}
		for _, mt := range a.mentions {
			if a.toks[i].Start >= mt.Start && a.toks[i].End <= mt.End {
				for _, id := range f.ix.kb.Institutions(mt.ID) {
					if k, ok := f.ents[id]; ok && k < 64 {
						m |= 1 << (63 - k) // actors from the top bit down
					}
				}
			}
		}
		if m != 0 {
			ps = append(ps, pos{i, m})
			all |= m
		}
	}
	n := popcount(all)
	if n <= 1 {
		return float64(n)
	}
	best := to - from + 1
	for s := range ps {
		var have uint64
		for e := s; e < len(ps); e++ {
			have |= ps[e].mask
			if have == all {
				best = min(best, ps[e].i-ps[s].i+1)
				break
			}
		}
	}
	return min(1, float64(n)/float64(best))
}
