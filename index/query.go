package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dossier/dossier/knowledge"
)

// Bounds on the work one question can cause.
const (
	maxQuestionWords = 48  // words of a question that are considered
	maxTermSearchers = 512 // leaf term searchers one query may open
	candidates       = 40  // hits fetched before re-ranking
)

// weighted is a stem and how much a match on it counts.
type weighted struct {
	stem  string
	boost float64
}

// concept is one thing a question asks about: a word with its synonyms and
// spelling corrections, or an actor named by any alias.
type concept struct {
	word    string // as the user wrote it
	actor   string // actor id, for a named actor
	terms   []weighted
	phrases [][]string // multi-word synonyms, as stem sequences
	known   bool       // the corpus has the word, a synonym or a near spelling
	name    bool       // written capitalized mid-question: likely a name
}

// plan is a question turned into concepts; it is built by code, never by
// parsing user text as query syntax, so + - : * ? ~ / ^ " are plain text.
type plan struct {
	concepts []concept
	bigrams  [][]string
}

// missing returns the concepts the corpus knows nothing about.
func (p *plan) missing() []concept {
	var out []concept
	for _, c := range p.concepts {
		if !c.known {
			out = append(out, c)
		}
	}
	return out
}

func (ix *Index) plan(question string) *plan {
	toks := knowledge.Tokenize(question)
	if len(toks) > maxQuestionWords {
		toks = toks[:maxQuestionWords]
	}
	p := &plan{}
	covered := make([]bool, len(toks))
	seenActor := map[string]bool{}
	for _, m := range ix.kb.Tagger().TagTokens(toks, true) {
		for i, t := range toks {
			if t.Start >= m.Start && t.End <= m.End {
				covered[i] = true
			}
		}
		if seenActor[m.ID] {
			continue
		}
		seenActor[m.ID] = true
		p.concepts = append(p.concepts, concept{word: question[m.Start:m.End], actor: m.ID, known: true})
	}
	question_ := map[string]bool{}
	for _, w := range ix.kb.Words.QuestionWords {
		question_[w] = true
	}
	seenStem := map[string]bool{}
	var prev string // previous content stem, for bigrams
	for i, t := range toks {
		if covered[i] || question_[t.Norm] {
			prev = ""
			continue
		}
		s := ix.stem(t.Norm)
		if s == "" || seenStem[s] {
			prev = ""
			continue
		}
		seenStem[s] = true
		c := concept{word: t.Raw}
		if ix.byStem[s] {
			c.terms = append(c.terms, weighted{s, 1})
			c.known = true
			if prev != "" {
				p.bigrams = append(p.bigrams, []string{prev, s})
			}
			prev = s
		} else {
			prev = ""
		}
		for _, mb := range ix.syn[s] {
			if len(mb) == 1 {
				if mb[0] != s && ix.byStem[mb[0]] {
					c.terms = append(c.terms, weighted{mb[0], 0.6})
					c.known = true
				}
			} else if ix.allKnown(mb) {
				c.phrases = append(c.phrases, mb)
				c.known = true
			}
		}
		if !c.known {
			if fix := ix.correct(t.Norm); fix != "" {
				c.terms = append(c.terms, weighted{fix, 0.8})
				c.known = true
			}
		}
		r, _ := utf8.DecodeRuneInString(t.Raw)
		c.name = i > 0 && unicode.IsUpper(r)
		p.concepts = append(p.concepts, c)
	}
	return p
}

func (ix *Index) allKnown(stems []string) bool {
	for _, s := range stems {
		if !ix.byStem[s] {
			return false
		}
	}
	return true
}

// correct returns the stem of the most likely intended corpus word for an
// unknown word of four letters or more: one edit away, same first letter.
func (ix *Index) correct(word string) string {
	if len(word) < 4 {
		return ""
	}
	best, bestLen := "", 0
	for _, w := range ix.byFirst[word[0]] {
		if d := len(w) - len(word); d < -1 || d > 1 {
			continue
		}
		if knowledge.WithinOneEdit(word, w) {
			// Prefer the longest candidate, then the alphabetically first, so
			// the choice is stable.
			if len(w) > bestLen || (len(w) == bestLen && w < best) {
				best, bestLen = w, len(w)
			}
		}
	}
	if best == "" {
		return ""
	}
	return ix.meta.Vocab[best]
}

// query builds the Bleve query for a plan: a disjunction of one clause per
// concept (its stems and synonyms, in the passage and in its label), plus
// adjacent-word phrases that reward passages using the question's wording.
func (ix *Index) query(p *plan) query.Query {
	var clauses []query.Query
	for _, c := range p.concepts {
		if !c.known {
			continue
		}
		var alts []query.Query
		if c.actor != "" {
			alts = append(alts, term(fieldEntity, c.actor, 1.2))
		}
		for _, w := range c.terms {
			alts = append(alts, term(fieldText, w.stem, w.boost), term(fieldContext, w.stem, w.boost*0.4))
		}
		for _, ph := range c.phrases {
			q := bleve.NewPhraseQuery(ph, fieldText)
			q.SetBoost(0.6)
			alts = append(alts, q)
		}
		clauses = append(clauses, bleve.NewDisjunctionQuery(alts...))
	}
	for _, bg := range p.bigrams {
		q := bleve.NewPhraseQuery(bg, fieldText)
		q.SetBoost(0.5)
		clauses = append(clauses, q)
	}
	return bleve.NewDisjunctionQuery(clauses...)
}

func term(field, t string, boost float64) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
