package index

import (
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/dossier/dossier/knowledge"
)

func (ix *Index) init() error {
	an := ix.bi.Mapping().AnalyzerNamed(en.AnalyzerName)
	if an == nil {
		return errors.New("english analyzer is not registered")
	}
	ix.an = an
	en, err := ix.kb.English()
	if err != nil {
		return err
	}
	ix.grammar, ix.forms = newGrammar(en), newForms(en)
	ix.harm = map[string]bool{ix.stem(recordKilled): true, ix.stem(recordInjured): true}
	ix.latest = sync.OnceValue(ix.lastDate)
	ix.mainEvent = sync.OnceValues(func() (*knowledge.Event, *analyzed) {
		main := ix.kb.MainEvent()
		if main == nil {
			return nil, nil
		}
		return main, ix.analyze(main.Summary + "\n" + main.Quote)
	})
	ix.eventDates = sync.OnceValue(ix.datesOfRecords)
	ix.questionWords = make(map[string]bool, len(ix.kb.Words.QuestionWords))
	for _, w := range ix.kb.Words.QuestionWords {
		ix.questionWords[w] = true
	}
	ix.functionWords = make(map[string]bool, len(ix.kb.Words.FunctionWords))
	for _, w := range ix.kb.Words.FunctionWords {
		ix.functionWords[w] = true
	}
	ix.syn = map[string][][]string{}
	for _, group := range ix.kb.Words.Synonyms {
		var members [][]string
		for _, w := range group {
			if st := ix.stems(w); len(st) > 0 {
				members = append(members, st)
			}
		}
		for _, mb := range members {
			if len(mb) == 1 {
				ix.syn[mb[0]] = appendNew(ix.syn[mb[0]], members...)
			}
		}
	}
	return nil
}

// appendNew appends the stem sequences not already in list.
func appendNew(list [][]string, add ...[]string) [][]string {
	for _, a := range add {
		key := strings.Join(a, " ")
		dup := false
		for _, l := range list {
			dup = dup || strings.Join(l, " ") == key
		}
		if !dup {
			list = append(list, a)
		}
	}
	return list
}

// stems analyzes text the way the text field is analyzed.
func (ix *Index) stems(text string) []string {
	var out []string
	for _, t := range knowledge.Tokenize(text) {
		if s := ix.stem(t.Norm); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// stem returns the analyzed form of one folded word, or "" for a stop word.
func (ix *Index) stem(word string) string {
	if s, ok := ix.meta.Vocab[word]; ok {
		return s
	}
	toks := ix.an.Analyze([]byte(word))
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}

func (ix *Index) deriveVocab() {
	ix.byStem = make(map[string]bool, len(ix.meta.Vocab))
	ix.byFirst = map[byte][]string{}
	for w, s := range ix.meta.Vocab {
		if s == "" {
			continue
		}
		ix.byStem[s] = true
		ix.byFirst[w[0]] = append(ix.byFirst[w[0]], w)
	}
	ix.numberStems, ix.regionStems = map[int][]string{}, map[string][]string{}
	for w, s := range ix.meta.Vocab {
		if s == "" {
			continue
		}
		if v, ok := ix.forms.number(w); ok {
			ix.numberStems[v] = appendUniq(ix.numberStems[v], s)
		}
		if c, ok := ix.forms.region[w]; ok {
			ix.regionStems[c] = appendUniq(ix.regionStems[c], s)
		}
	}
	ix.byPrefix = map[string][]string{}
	for s := range ix.byStem {
		if len(s) >= derivationStem {
			ix.byPrefix[s[:derivationStem]] = append(ix.byPrefix[s[:derivationStem]], s)
		}
	}
	for _, list := range ix.byPrefix {
		slices.Sort(list)
	}
	for _, list := range ix.numberStems {
		slices.Sort(list)
	}
	for _, list := range ix.regionStems {
		slices.Sort(list)
	}
	ix.bm25 = &search.BM25Stats{DocCount: float64(ix.meta.Docs), FieldCardinality: map[string]int{fieldText: 0, fieldContext: 0, fieldEntity: 0}}
	for f, n := range ix.meta.Tokens {
		ix.bm25.FieldCardinality[f] = n
	}
}

// datesOfRecords maps each passage an event or casualty record cites, and
// each casualty record, to the dates of the events recorded.
func (ix *Index) datesOfRecords() map[string][]knowledge.Date {
	out := map[string][]knowledge.Date{}
	add := func(when knowledge.Date, src knowledge.Source) {
		for _, c := range append([]knowledge.Cite{{Doc: src.Doc, Quote: src.Quote}}, src.Also...) {
			if id := ix.kb.PassageOf(c.Doc, c.Quote); id != "" && !slices.Contains(out[id], when) {
				out[id] = append(out[id], when)
			}
		}
	}
	for _, e := range ix.kb.Events {
		add(e.When, e.Source)
	}
	for _, c := range ix.kb.Casualties {
		if e := ix.kb.Event(c.Event); e != nil {
			add(e.When, c.Source)
			out["casualty:"+c.ID] = append(out["casualty:"+c.ID], e.When)
		}
	}
	return out
}
