package index

import (
	"sort"
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// maxSnippet bounds a snippet's length in bytes when more than one sentence
// would add to it; a single best sentence is never cut.
const maxSnippet = 420

// shortPassage is the length under which a passage is quoted whole: its
// other sentences cost little to read and often carry the answer.
const shortPassage = 320

// Snippet is the part of a passage that best answers a question: whole
// sentences, verbatim, with the words that matched marked.
type Snippet struct {
	// Quote is the snippet text, a verbatim substring of the passage.
	Quote string
	// Start and End are Quote's byte offsets within the passage.
	Start, End int
	// Marks are the matched words, as byte spans within Quote.
	Marks []seeds.Span
}

// matcher finds which of a question's concepts a text matches.
type matcher struct {
	ix      *Index
	soft    map[int]bool   // concepts that do not count toward coverage
	actors  map[int]bool   // concepts that are named actors
	byStem  map[string]int // stem → concept index
	byActor map[string]int
	phrases []phrase
}

type phrase struct {
	stems   []string
	concept int
}

func (ix *Index) newMatcher(p *plan) *matcher {
	m := &matcher{ix: ix, byStem: map[string]int{}, byActor: map[string]int{}, soft: map[int]bool{}, actors: map[int]bool{}}
	for i, c := range p.concepts {
		m.soft[i] = c.soft
		m.actors[i] = c.actor != ""
		if !c.known {
			continue
		}
		if c.actor != "" {
			m.byActor[c.actor] = i
		}
		for _, w := range c.terms {
			if _, ok := m.byStem[w.stem]; !ok {
				m.byStem[w.stem] = i
			}
		}
		for _, ph := range c.phrases {
			m.phrases = append(m.phrases, phrase{ph, i})
		}
	}
	return m
}

// hit is one match of a concept in a text.
type hit struct {
	concept int
	span    seeds.Span
}

// analyzed is a text tokenized, stemmed and tagged: what matching needs,
// computed once per passage of an in-memory index.
type analyzed struct {
	toks     []knowledge.Token
	stems    []string
	mentions []knowledge.Mention
}

func (ix *Index) analyze(text string) *analyzed {
	a := &analyzed{toks: knowledge.Tokenize(text)}
	a.stems = make([]string, len(a.toks))
	for i, t := range a.toks {
		a.stems[i] = ix.stem(t.Norm)
	}
	a.mentions = ix.kb.Tagger().TagTokens(a.toks, false)
	return a
}

// matches finds every match of the question's concepts in text, in one
// pass: words by stem, multi-word synonyms by stem sequence, actors (and the
// institutions they speak for) by alias. pre, when set, is text's analysis.
func (m *matcher) matches(text string, pre *analyzed) []hit {
	if pre == nil {
		pre = m.ix.analyze(text)
	}
	var hits []hit
	toks, stems := pre.toks, pre.stems
	for i, t := range toks {
		if c, ok := m.byStem[stems[i]]; ok && stems[i] != "" {
			hits = append(hits, hit{c, seeds.Span{Start: t.Start, End: t.End}})
		}
	}
	for _, ph := range m.phrases {
		for i := 0; i+len(ph.stems) <= len(stems); i++ {
			if equal(stems[i:i+len(ph.stems)], ph.stems) {
				hits = append(hits, hit{ph.concept, seeds.Span{Start: toks[i].Start, End: toks[i+len(ph.stems)-1].End}})
			}
		}
	}
	if len(m.byActor) > 0 {
		for _, mt := range pre.mentions {
			for _, id := range m.ix.kb.Institutions(mt.ID) {
				if c, ok := m.byActor[id]; ok {
					hits = append(hits, hit{c, seeds.Span{Start: mt.Start, End: mt.End}})
				}
			}
		}
	}
	return hits
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// mergeSpans sorts spans, drops overlaps and joins spans separated only by
// white space, so "deter future action" is marked once, not word by word.
func mergeSpans(text string, spans []seeds.Span) []seeds.Span {
	if len(spans) == 0 {
		return nil
	}
	sortSpans(spans)
	out := []seeds.Span{spans[0]}
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End || strings.TrimSpace(text[last.End:s.Start]) == "" {
			if s.End > last.End {
				last.End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortSpans(s []seeds.Span) {
	sort.Slice(s, func(i, j int) bool {
		return s[i].Start < s[j].Start || (s[i].Start == s[j].Start && s[i].End > s[j].End)
	})
}

// snippet picks the sentence of text that matches the most concepts (ties:
// the earlier), then adds other sentences that match concepts it lacks,
// within maxSnippet. It returns the snippet, how many concepts the passage
// as a whole, with its label, matches, and whether one of them is an actor
// the question names.
func (m *matcher) snippet(h *Hit) (Snippet, int, bool) {
	text, label := h.Text, h.Label
	sents := seeds.Sentences(text)
	if len(sents) == 0 {
		return Snippet{Quote: text, End: len(text)}, 0, false
	}
	type scored struct {
		found map[int]bool
		marks int
	}
	// Match the passage once, then share the matches out by sentence.
	hits := m.matches(text, h.textA)
	// Concepts the label already answers (the speaker of a statement) do
	// not make a sentence better: the best sentence answers the rest.
	fromLabel := map[int]bool{}
	if label != "" {
		for _, lh := range m.matches(label, h.labelA) {
			fromLabel[lh.concept] = true
		}
	}
	all := map[int]bool{}
	for c := range fromLabel {
		all[c] = true
	}
	sc := make([]scored, len(sents))
	fresh := make([]int, len(sents))
	for i := range sc {
		sc[i].found = map[int]bool{}
	}
	for _, h := range hits {
		for i, s := range sents {
			if h.span.Start >= s.Start && h.span.End <= s.End {
				if !sc[i].found[h.concept] && !fromLabel[h.concept] {
					fresh[i]++
				}
				sc[i].found[h.concept] = true
				sc[i].marks++
				break
			}
		}
		all[h.concept] = true
	}
	matched, actor := 0, false
	for c := range all {
		if !m.soft[c] {
			matched++
		}
		actor = actor || m.actors[c]
	}
	best := 0
	for i := range sc {
		switch {
		case fresh[i] != fresh[best]:
			if fresh[i] > fresh[best] {
				best = i
			}
		case len(sc[i].found) != len(sc[best].found):
			if len(sc[i].found) > len(sc[best].found) {
				best = i
			}
		case sc[i].marks > sc[best].marks:
			best = i
		}
	}
	lo, hi := best, best
	have := map[int]bool{}
	for c := range sc[best].found {
		have[c] = true
	}
	// adds reports whether sentence i brings a concept the snippet lacks
	// and the snippet stretched to reach it stays within maxSnippet.
	adds := func(i int) bool {
		if max(sents[hi].End, sents[i].End)-min(sents[lo].Start, sents[i].Start) > maxSnippet {
			return false
		}
		for c := range sc[i].found {
			if !have[c] {
				return true
			}
		}
		return false
	}
	for grew := true; grew; {
		grew = false
		for i := range sents {
			if (i > hi || i < lo) && adds(i) {
				lo, hi = min(lo, i), max(hi, i)
				for c := range sc[i].found {
					have[c] = true
				}
				grew = true
				break
			}
		}
	}
	if len(text) <= shortPassage {
		lo, hi = 0, len(sents)-1
	}
	// A very short best sentence ("No casualties were reported.") needs the
	// sentence before it to make sense.
	if lo == hi && sents[lo].End-sents[lo].Start < 60 && lo > 0 {
		lo--
	}
	start, end := sents[lo].Start, sents[hi].End
	quote := text[start:end]
	var spans []seeds.Span
	for _, h := range hits {
		if h.span.Start >= start && h.span.End <= end {
			spans = append(spans, seeds.Span{Start: h.span.Start - start, End: h.span.End - start})
		}
	}
	return Snippet{Quote: quote, Start: start, End: end, Marks: mergeSpans(quote, spans)}, matched, actor
}
