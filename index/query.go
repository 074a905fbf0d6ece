package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dossier/dossier/knowledge"
)

// Bounds on the work one question can cause.
const (
	maxQuestionWords = 48  // words of a question that are considered
	maxTermSearchers = 512 // leaf term searchers one query may open
	candidates       = 40  // hits Bleve fetches for the reranker
	maxMatchRunes    = 400 // characters of a question a match query takes
)

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

// matchQuery is a match query over the passages' text of the words of a
// question that are considered (maxQuestionWords), never parsed as query
// syntax: a longer question would open a term searcher for each word.
func matchQuery(question string) *query.MatchQuery {
	if toks := knowledge.Tokenize(question); len(toks) > maxQuestionWords {
		question = question[:toks[maxQuestionWords-1].End]
	}
	// Bleve may make a term of each ideograph, where Tokenize sees one
	// word: no more characters than searchers may be opened.
	if n := 0; len(question) > maxMatchRunes {
		for i := range question {
			if n == maxMatchRunes {
				question = question[:i]
				break
			}
			n++
		}
	}
	q := bleve.NewMatchQuery(question)
	q.SetField(fieldText)
	return q
}

func term(field, t string, boost float64) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
