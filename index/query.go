package index

import (
	"math"
	"sort"
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
	candidates       = 20  // hits fetched before re-ranking
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
	// soft marks a date word (a month, a year, a day number): it helps
	// ranking, but passages rarely restate the date of what they describe,
	// so it does not count toward how much of the question a passage covers.
	soft bool
}

// plan is a question turned into concepts; it is built by code, never by
// parsing user text as query syntax, so + - : * ? ~ / ^ " are plain text.
type plan struct {
	concepts []concept
	bigrams  [][]string
	cues     []string // stems the kind of question looks for; rank only
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
	p.cues = ix.cues(toks)
	seenStem := map[string]bool{}
	var prev string // previous content stem, for bigrams
	for i, t := range toks {
		if covered[i] || ix.questionWords[t.Norm] {
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
		if ix.knows(t.Norm, s) {
			c.terms = append(c.terms, weighted{s, 1})
			c.known = true
			if prev != "" {
				p.bigrams = append(p.bigrams, []string{prev, s})
			}
			prev = s
		} else {
			prev = ""
		}
		// A synonym counts less than the word itself, unless the corpus
		// never uses the word ("died" for "killed").
		synBoost := 0.6
		if !c.known {
			synBoost = 1
		}
		for _, mb := range ix.syn[s] {
			if len(mb) == 1 {
				if mb[0] != s && ix.byStem[mb[0]] {
					c.terms = append(c.terms, weighted{mb[0], synBoost})
					c.known = true
				}
			} else if ix.allKnown(mb) {
				c.phrases = append(c.phrases, mb)
				c.known = true
			}
		}
		if !c.known && misspelt(t.Norm, ix.kb.Words.QuestionWords) {
			continue // "Whta did …"
		}
		if !c.known {
			if fix := ix.correct(t.Norm); fix != "" {
				c.terms = append(c.terms, weighted{fix, 0.8})
				c.known = true
			}
		}
		r, _ := utf8.DecodeRuneInString(t.Raw)
		c.name = i > 0 && unicode.IsUpper(r)
		c.soft = isDateWord(t.Norm)
		p.concepts = append(p.concepts, c)
	}
	return p
}

// isDateWord reports whether a folded word is a month or a number of up to
// four digits (a day or a year).
func isDateWord(w string) bool {
	if _, ok := knowledge.Month(w); ok {
		return true
	}
	if len(w) == 0 || len(w) > 4 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// misspelt reports whether an unknown word is one edit from a question word.
func misspelt(word string, questionWords []string) bool {
	if len(word) < 4 {
		return false
	}
	for _, q := range questionWords {
		if len(q) >= 3 && q[0] == word[0] && knowledge.WithinOneEdit(word, q) {
			return true
		}
	}
	return false
}

// cues returns the stems that the kind of question (its opening words, "why",
// "how many") looks for.
func (ix *Index) cues(toks []knowledge.Token) []string {
	var out []string
	for kind, words := range ix.kb.Words.Cues {
		kt := knowledge.Tokenize(kind)
		if len(kt) == 0 || len(kt) > len(toks) {
			continue
		}
		match := true
		for i := range kt {
			match = match && toks[i].Norm == kt[i].Norm
		}
		if !match {
			continue
		}
		for _, w := range words {
			for _, st := range ix.stems(w) {
				if ix.byStem[st] {
					out = append(out, st)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// knows reports whether the corpus uses word: the word itself, or another
// form with the same stem. A stem of one or two letters only counts for the
// word itself, so "died" (stem "di") does not match "Di Maio".
func (ix *Index) knows(word, stem string) bool {
	if _, ok := ix.meta.Vocab[word]; ok {
		return ix.meta.Vocab[word] != ""
	}
	return len(stem) > 2 && ix.byStem[stem]
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

// query builds the Bleve query for a plan. Each concept is a clause (its
// stems and synonyms, in the passage and in its label). The rules the
// results must meet anyway are part of the query, so Bleve never scores a
// passage only to have it dropped: when the question names actors, one of
// them must be involved; and at least half of the concepts must match.
// Dates, adjacent-word phrases and cue words only add to the score.
func (ix *Index) query(p *plan) query.Query {
	var actors, hard, extra []query.Query
	hardCount := 0
	for _, c := range p.concepts {
		if !c.soft {
			hardCount++
		}
		if !c.known {
			continue
		}
		clause := ix.conceptClause(c)
		switch {
		case c.soft:
			extra = append(extra, clause)
		case c.actor != "":
			actors = append(actors, clause)
			hard = append(hard, clause)
		default:
			hard = append(hard, clause)
		}
	}
	if len(p.cues) > 0 {
		var alts []query.Query
		for _, c := range p.cues {
			alts = append(alts, term(fieldText, c, 0.3))
		}
		extra = append(extra, bleve.NewDisjunctionQuery(alts...))
	}
	for _, bg := range p.bigrams {
		q := bleve.NewPhraseQuery(bg, fieldText)
		q.SetBoost(0.5)
		extra = append(extra, q)
	}
	if len(hard) == 0 {
		// Only dates: they are what is asked about.
		return bleve.NewDisjunctionQuery(extra...)
	}
	need := bleve.NewDisjunctionQuery(hard...)
	need.SetMin(float64(max(1, int(math.Ceil(minCoverage*float64(hardCount)-0.001)))))
	must := []query.Query{need}
	if len(actors) > 0 {
		must = append(must, bleve.NewDisjunctionQuery(actors...))
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	if len(extra) > 0 {
		b.AddShould(extra...)
	}
	return b
}

// conceptClause matches one concept: an actor by entity id, a word by its
// stem and synonyms in the text and, with less weight, in the label — except
// dates, for which a label's date ("27 June 2021") is exactly when the
// passage or fact happened.
func (ix *Index) conceptClause(c concept) query.Query {
	var alts []query.Query
	if c.actor != "" {
		alts = append(alts, term(fieldEntity, c.actor, 1.2))
	}
	labelWeight := 0.4
	if c.soft {
		labelWeight = 1
	}
	for _, w := range c.terms {
		alts = append(alts, term(fieldText, w.stem, w.boost), term(fieldContext, w.stem, w.boost*labelWeight))
	}
	for _, ph := range c.phrases {
		q := bleve.NewPhraseQuery(ph, fieldText)
		q.SetBoost(0.6)
		alts = append(alts, q)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

func term(field, t string, boost float64) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
