package index

import (
	"sort"
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

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

// phrase is a multi-word form of a question's term, as stems.
type phrase struct {
	stems   []string
	concept int
}

// analyzed is a text tokenized, stemmed and tagged: what matching needs,
// computed once per passage of an in-memory index.
type analyzed struct {
	text     string
	toks     []knowledge.Token
	stems    []string
	mentions []knowledge.Mention
	// titled marks, by mention, those that name their actor by a title
	// alone ("the Prime Minister").
	titled []bool
	// sents are the sentences; sentOf gives each token's sentence.
	sents  []seeds.Span
	sentOf []int
	dates  []dateMention
}

func (ix *Index) analyze(text string) *analyzed {
	a := &analyzed{text: text, toks: knowledge.Tokenize(text)}
	a.stems = make([]string, len(a.toks))
	for i, t := range a.toks {
		a.stems[i] = ix.stem(t.Norm)
	}
	a.mentions = ix.kb.Tagger().TagTokens(a.toks, false)
	a.titled = make([]bool, len(a.mentions))
	for i, m := range a.mentions {
		a.titled[i] = ix.titleOnly(text[m.Start:m.End])
	}
	a.sents = seeds.Sentences(text)
	if len(a.sents) == 0 {
		a.sents = []seeds.Span{{Start: 0, End: len(text)}}
	}
	a.sentOf = make([]int, len(a.toks))
	k := 0
	for i, t := range a.toks {
		for k+1 < len(a.sents) && t.Start >= a.sents[k].End {
			k++
		}
		a.sentOf[i] = k
	}
	a.dates = ix.dateMentions(a.toks)
	return a
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
