package index

import (
	"strconv"
	"strings"

	"github.com/dossier/dossier/seeds"
)

// maxQuestionTurn bounds how many passages a reporter's question may run
// over before the answer it gets.
const maxQuestionTurn = 3

// askedBy links reporters' questions in Q&A transcripts to their answers.
// A question repeats the topic's words, the answer that follows often does
// not ("We've been very clear about that."): the answer is made a
// candidate, and the question's words count for it as its label's do.
// The answer takes the question's retrieval score and bare-match rank where
// they are better than its own: it is what the question was found for.
func (ix *Index) askedBy(hits []Hit, bare map[string]int) ([]Hit, error) {
	at := make(map[string]int, len(hits))
	for i, h := range hits {
		at[h.ID] = i
	}
	n := len(hits)
	for i := 0; i < n; i++ {
		q := hits[i]
		if q.Kind != string(seeds.KindQuestion) || q.Type != "passage" {
			continue
		}
		doc, ord, ok := splitID(q.ID)
		if !ok {
			continue
		}
		for k := 1; k <= maxQuestionTurn; k++ {
			id := doc + ":" + strconv.Itoa(ord+k)
			var a Hit
			if j, seen := at[id]; seen {
				a = hits[j]
			} else {
				h, found, err := ix.passage(id)
				if err != nil {
					return nil, err
				}
				if !found {
					break
				}
				a = h
			}
			if a.Kind == string(seeds.KindQuestion) {
				continue // the question goes on
			}
			if a.Doc != q.Doc {
				break
			}
			asked := q.textA // the question's analysis, made once per passage
			if asked == nil {
				asked = ix.analyze(q.Text)
			}
			if j, seen := at[id]; seen {
				if hits[j].askedA == nil {
					hits[j].askedA = asked
				}
				hits[j].Score = max(hits[j].Score, q.Score)
			} else {
				a.Score, a.askedA = q.Score, asked
				at[id] = len(hits)
				hits = append(hits, a)
			}
			if r, ok := bare[q.ID]; ok {
				if own, has := bare[id]; !has || r < own {
					bare[id] = r
				}
			}
			break
		}
	}
	return hits, nil
}

// passage returns the passage with the given ID, if the index has it.
func (ix *Index) passage(id string) (Hit, bool, error) {
	if ix.stored != nil {
		h, ok := ix.stored[id]
		if ok {
			h.textA, h.labelA = ix.analysisOf(&h)
		}
		return h, ok, nil
	}
	return ix.loadFound(id)
}

// splitID splits a passage ID ("003:12") into its document label and
// ordinal.
func splitID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}
