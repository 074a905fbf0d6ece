package index

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
)

// Answer types: what a question asks for, from its wh-phrase and head noun.
const (
	TypeAgent    = "agent"    // who: a person or group
	TypePlace    = "place"    // where
	TypeDate     = "date"     // when, what year
	TypeReason   = "reason"   // why
	TypeCount    = "count"    // how many
	TypeDuration = "duration" // how long
	TypeManner   = "manner"   // how
	TypeWords    = "words"    // what did X say: X's own words
	TypeSpeaker  = "speaker"  // who said these words
	// TypeDefinition asks what or who something is: "who is Kirby".
	TypeDefinition = "definition"
	// TypeExpansion asks what an abbreviation stands for.
	TypeExpansion = "expansion"
	// TypeInstance asks which one: "which militias".
	TypeInstance = "instance"
)

// Question is a question analysed by the general rules of English
// questions: the answer it expects, what it is about, when, and whose words
// it asks for. Analysis never parses the text as query syntax.
type Question struct {
	// Type is the kind of answer asked for ("" for a description).
	Type string `json:"type,omitempty"`
	// Counted are the words of "how many X": a count is wanted beside them.
	Counted []string `json:"counted,omitempty"`
	// YesNo is set for a question opened by an auxiliary ("Did …", "Was …").
	YesNo bool `json:"yes_no,omitempty"`
	// Speaker is the actor whose own words are asked for.
	Speaker string `json:"speaker,omitempty"`
	// Entities are the actors the question names.
	Entities []Entity `json:"entities,omitempty"`
	// Dates are the dates and date ranges the question names.
	Dates []DateSpan `json:"dates,omitempty"`
	// Terms are the focus terms: the content words left.
	Terms []Term `json:"terms,omitempty"`
	// Future holds words that place the question after the sources
	// ("next year").
	Future []string `json:"future,omitempty"`

	counted map[string]bool // stems of Counted
	bodies  bool            // the head noun asks for a group ("which groups")
}

// Entity is an actor named in a question.
type Entity struct {
	ID   string `json:"id"`
	Word string `json:"word"`
}

// DateSpan is a date or a range of dates; a zero bound is open.
type DateSpan struct {
	From knowledge.Date `json:"from"`
	To   knowledge.Date `json:"to"`
	Word string         `json:"word"`
}

// Term is a focus term with the other forms that count as it.
type Term struct {
	Word string `json:"word"`
	Stem string `json:"stem"`
	// Alts are stems of other forms: derivations, number forms, domain
	// aliases, a spelling correction.
	Alts []string `json:"alts,omitempty"`
	// Phrases are multi-word forms, as stem sequences.
	Phrases [][]string `json:"phrases,omitempty"`
	// Weight is the term's inverse document frequency.
	Weight float64 `json:"weight"`
	// Known says the corpus has the term in some form.
	Known bool `json:"known"`
	// Name marks a proper name: capitalized mid-question, or a country
	// or its adjective. An unknown name makes a question not covered.
	Name bool `json:"name,omitempty"`
	// Noun marks a word a determiner opens or "of" follows ("the price
	// of oil"): a thing the question is about, not a way of asking.
	Noun bool `json:"noun,omitempty"`
}

// determiners open a noun phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "my": true, "your": true, "any": true, "some": true, "no": true}

var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// grammar is the English data analysis works with, indexed for lookup.
type grammar struct {
	answerTypes map[string]string
	heads       map[string]string
	speech      map[string]bool
	aux         map[string]bool
	reason      map[string]bool
	expansion   [][]string
	bodies      map[string]bool
	future      [][]string
	futureAux   map[string]bool
	locative    map[string]bool
	be          map[string]bool
	wh          map[string]bool
}

func newGrammar(en *knowledge.English) *grammar {
	g := &grammar{answerTypes: en.AnswerTypes, heads: map[string]string{}, speech: set(en.SpeechVerbs), aux: set(en.Auxiliaries), reason: set(en.ReasonCues),
		be: set([]string{"is", "are", "was", "were", "s", "re"}), wh: set([]string{"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})}
	for _, ph := range en.Expansion {
		g.expansion = append(g.expansion, strings.Fields(ph))
	}
	for _, ph := range en.Future {
		g.future = append(g.future, strings.Fields(ph))
	}
	g.locative = set(en.Locatives)
	g.bodies = set(en.Bodies)
	g.futureAux = set(en.FutureAux)
	for typ, words := range en.Heads {
		for _, w := range words {
			g.heads[w] = typ
		}
	}
	return g
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Analyze turns a question into its answer type, entities, dates and focus
// terms.
func (ix *Index) Analyze(question string) *Question {
	toks := knowledge.Tokenize(question)
	if len(toks) > maxQuestionWords {
		toks = toks[:maxQuestionWords]
	}
	q := &Question{counted: map[string]bool{}}
	used := make([]bool, len(toks))
	g := ix.grammar

	// The wh-phrase: the first wh-word, with "many" after "how".
	wh, whEnd := "", -1
	contracted := false // "whats": the wh-word and "is" in one
	for i, t := range toks {
		if base := strings.TrimSuffix(t.Norm, "s"); base != t.Norm && g.wh[base] && !g.wh[t.Norm] {
			if _, known := ix.meta.Vocab[t.Norm]; !known {
				wh, whEnd, contracted = base, i+1, true
				if typ, ok := g.answerTypes[base]; ok {
					q.Type = typ
				}
				used[i] = true
				break
			}
		}
		if i+1 < len(toks) {
			if typ, ok := g.answerTypes[t.Norm+" "+toks[i+1].Norm]; ok {
				q.Type, wh, whEnd = typ, t.Norm, i+2
				used[i], used[i+1] = true, true
				break
			}
		}
		if typ, ok := g.answerTypes[t.Norm]; ok {
			q.Type, wh, whEnd = typ, t.Norm, i+1
			used[i] = true
			break
		}
		if t.Norm == "what" || t.Norm == "which" {
			wh, whEnd = t.Norm, i+1
			used[i] = true
			break
		}
	}
	if wh == "" && len(toks) > 0 && g.aux[toks[0].Norm] {
		q.YesNo = true
	}
	// A head noun narrows "what"/"which": "what year", "which country",
	// "what was the reason".
	if whEnd >= 0 && (wh == "what" || wh == "which") {
		j := whEnd
		for j < len(toks) && (g.be[toks[j].Norm] || toks[j].Norm == "the" || toks[j].Norm == "a") {
			j++
		}
		if j+1 < len(toks) && (toks[j].Norm == "kind" || toks[j].Norm == "type" || toks[j].Norm == "sort") && toks[j+1].Norm == "of" {
			j += 2
		}
		if j < len(toks) {
			q.bodies = g.bodies[toks[j].Norm]
			if typ, ok := g.heads[toks[j].Norm]; ok {
				q.Type = typ
				used[j] = typ != TypeAgent // "which groups": the noun is still a focus term
			} else if wh == "which" && !g.aux[toks[j].Norm] {
				q.Type = TypeInstance // "which militias": one of them, by name
			}
		}
	}
	// "How many X": the words of X, up to the verb or auxiliary. A name
	// written in capitals ("US soldiers") is part of X.
	if q.Type == TypeCount && whEnd >= 0 {
		for j := whEnd; j < len(toks) && j < whEnd+3; j++ {
			w := toks[j].Norm
			if g.aux[w] || (ix.questionWords[w] && toks[j].Raw == w) || ix.stem(w) == "" {
				break
			}
			if j > whEnd && strings.HasSuffix(w, "ed") {
				break // "how many drone attacks preceded …": the verb
			}
			q.Counted = append(q.Counted, toks[j].Raw)
			q.counted[ix.stem(w)] = true
			// "How many people": a noun that only names the kind of
			// answer is not something the sources must mention.
			if _, generic := g.heads[w]; generic {
				used[j] = true
			}
		}
		generic := true
		for _, w := range q.Counted {
			_, g := g.heads[strings.ToLower(w)]
			generic = generic && g
		}
		if generic {
			// "How many people died": what is counted is the verb's, so a
			// number beside any of the question's words will do.
			clear(q.counted)
		}
	}

	// Entities: exact aliases, then near spellings of words the corpus does
	// not have (so "Italian" never becomes "Iranian").
	tagger := ix.kb.Tagger()
	mentions := tagger.TagTokens(toks, false)
	for _, m := range tagger.TagTokens(toks, true) {
		fresh := true
		for i, t := range toks {
			if t.Start >= m.Start && t.End <= m.End {
				_, inCorpus := ix.meta.Vocab[t.Norm]
				_, isRegion := ix.forms.region[t.Norm]
				fresh = fresh && !inCorpus && !isRegion && !used[i] && !ix.questionWords[t.Norm]
				for _, e := range mentions {
					fresh = fresh && !(t.Start >= e.Start && t.End <= e.End)
				}
			}
		}
		if fresh {
			mentions = append(mentions, m)
		}
	}
	// A name among the counted words ("US soldiers") is matched as an
	// actor, not by its letters ("us" is also the stem of "used").
	for _, m := range mentions {
		for _, t := range toks {
			if t.Start >= m.Start && t.End <= m.End {
				delete(q.counted, ix.stem(t.Norm))
			}
		}
	}
	seen := map[string]bool{}
	var entityTok []int // first token of each entity, by entity
	for _, m := range mentions {
		first := -1
		for i, t := range toks {
			if t.Start >= m.Start && t.End <= m.End {
				used[i] = true
				if first < 0 {
					first = i
				}
			}
		}
		if !seen[m.ID] {
			seen[m.ID] = true
			q.Entities = append(q.Entities, Entity{ID: m.ID, Word: question[m.Start:m.End]})
			entityTok = append(entityTok, first)
		}
	}

	// Whose words: "what did X say", "how did X react"; "who said …".
	unnamed := map[int]bool{} // unknown words where a speaker is named
	for i, t := range toks {
		if !g.speech[t.Norm] || i < whEnd || used[i] {
			continue
		}
		if i > 0 && (toks[i-1].Norm == "was" || toks[i-1].Norm == "were" || toks[i-1].Norm == "been" || toks[i-1].Norm == "being") {
			continue // passive: "what was said about X" asks about X
		}
		// The verb is a focus term unless it only reports ("say"):
		// "what did Menendez ask for" asks about asking.
		if wh == "who" && i == whEnd {
			q.Type = TypeSpeaker
			break
		}
		for k, e := range q.Entities {
			if entityTok[k] < i && entityTok[k] >= whEnd && whEnd >= 0 {
				q.Speaker, q.Type = e.ID, TypeWords
				// A reporting verb the sources never use ("demand") says
				// only that words are asked for.
				if _, known := ix.meta.Vocab[t.Norm]; !known {
					used[i] = true
				}
			}
		}
		if q.Speaker != "" {
			break
		}
		// "what did the militias promise": a reporting verb the sources
		// never use says only that words are asked for.
		if _, known := ix.meta.Vocab[t.Norm]; !known && whEnd >= 0 && whEnd < i && g.aux[toks[whEnd].Norm] {
			used[i] = true
		}
		// "what did macron say": a speaker the sources never name.
		if whEnd >= 0 && whEnd < i && g.aux[toks[whEnd].Norm] {
			for k := whEnd + 1; k < i; k++ {
				w := toks[k].Norm
				if st := ix.stem(w); st != "" && !ix.knows(w, st) && !used[k] && !ix.questionWords[w] && !determiners[w] {
					unnamed[k] = true
				}
			}
		}
		break
	}

	q.Dates = ix.questionDates(toks, used)

	// "Next year", "tomorrow": a time after the sources.
	for i := range toks {
		for _, ph := range g.future {
			if i+len(ph) <= len(toks) && normsEqual(toks[i:i+len(ph)], ph) {
				q.Future = append(q.Future, joinRaw(toks[i:i+len(ph)]))
				for k := i; k < i+len(ph); k++ {
					used[k] = true
				}
			}
		}
	}
	// "When will …": a date to come.
	if q.Type == TypeDate && whEnd >= 0 && whEnd < len(toks) && g.futureAux[toks[whEnd].Norm] {
		q.Future = append(q.Future, joinRaw(toks[whEnd-1:whEnd+1]))
	}
	// "What does PMF stand for": the words an abbreviation stands for.
	for i := range toks {
		for _, ph := range g.expansion {
			if i+len(ph) <= len(toks) && normsEqual(toks[i:i+len(ph)], ph) {
				q.Type = TypeExpansion
				for k := i; k < i+len(ph); k++ {
					used[k] = true
				}
			}
		}
	}
	// "Who is Kirby", "what was the Imam Ali Base": a description.
	if (wh == "what" || wh == "who") && q.Type != TypeSpeaker && q.Type != TypeWords && q.Type != TypeExpansion && len(q.Dates) == 0 &&
		(contracted || whEnd < len(toks) && g.be[toks[whEnd].Norm]) && (q.Type == "" || q.Type == TypeAgent) {
		q.Type = TypeDefinition
	}

	// Focus terms: the content words left.
	titled := titleCase(toks)
	byStem := map[string]bool{}
	for i, t := range toks {
		if used[i] || ix.questionWords[t.Norm] || g.aux[t.Norm] || ix.shapeWord(t.Norm) {
			continue
		}
		term, ok := ix.term(t, i > 0 && !titled)
		if !ok || byStem[term.Stem] {
			continue
		}
		term.Name = term.Name || unnamed[i]
		term.Noun = (i > 0 && determiners[toks[i-1].Norm]) || (i+1 < len(toks) && toks[i+1].Norm == "of")
		byStem[term.Stem] = true
		q.Terms = append(q.Terms, term)
	}
	return q
}

// prefixStem returns the longest stem of the corpus, five letters or more,
// that an unknown word begins with and outruns by at most four letters: a
// derivation the stemmer leaves apart or a word mistyped near its end
// ("involvement", "involvemet" → "involv"; "sustainable" → "sustain").
func (ix *Index) prefixStem(word string) string {
	for n := len(word) - 1; n >= 5 && len(word)-n <= 4; n-- {
		if ix.byStem[word[:n]] {
			return word[:n]
		}
	}
	return ""
}

// titleCase reports whether most words are capitalized, as in a headline:
// then capitals say nothing about names.
func titleCase(toks []knowledge.Token) bool {
	caps := 0
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.Raw); unicode.IsUpper(r) {
			caps++
		}
	}
	return len(toks) > 3 && 2*caps > len(toks)
}

// term makes the focus term of one word, with its other forms in the
// corpus. It returns false for a stop word.
func (ix *Index) term(t knowledge.Token, capsMatter bool) (Term, bool) {
	stem := ix.stem(t.Norm)
	if stem == "" {
		return Term{}, false
	}
	r, _ := utf8.DecodeRuneInString(t.Raw)
	term := Term{Word: t.Raw, Stem: stem, Known: ix.knows(t.Norm, stem)}
	term.Name = capsMatter && unicode.IsUpper(r)
	add := func(s string) {
		if s != "" && s != stem && ix.byStem[s] {
			for _, a := range term.Alts {
				if a == s {
					return
				}
			}
			term.Alts = append(term.Alts, s)
		}
	}
	// Numbers: "8th", "eight" and "8" are one term.
	if v, ok := ix.forms.number(t.Norm); ok {
		for _, s := range ix.numberStems[v] {
			add(s)
		}
	}
	// Derivations the stemmer leaves apart: "injured", "injuries".
	for _, s := range ix.derivations(stem) {
		add(s)
	}
	// A country and its adjective: "Germany", "German".
	if country, ok := ix.forms.region[t.Norm]; ok {
		term.Name = true
		for _, s := range ix.regionStems[country] {
			add(s)
		}
	}
	// An abbreviation the corpus defines: "UAV" → "unmanned aerial vehicle".
	if words, ok := ix.meta.Abbrev[t.Norm]; ok {
		if st := ix.stems(words); len(st) > 0 {
			term.Phrases = append(term.Phrases, st)
		}
	}
	// Domain aliases from words.yaml.
	for _, mb := range ix.syn[stem] {
		if len(mb) == 1 {
			add(mb[0])
		} else if ix.allKnown(mb) {
			term.Phrases = append(term.Phrases, mb)
		}
	}
	if !term.Known && len(term.Alts) == 0 && len(term.Phrases) == 0 {
		// A people and its adjective: "Kurds", "Kurdish".
		for _, s := range ix.people(t.Norm) {
			add(s)
		}
	}
	// A name is corrected too ("Hezbolah"): a slip is one letter, so
	// another real name ("Italian", "Iranian") is never taken for it.
	if !term.Known && len(term.Alts) == 0 && len(term.Phrases) == 0 {
		if fix := ix.typo(t.Norm); fix != "" {
			add(fix)
		}
	}
	if !term.Known && len(term.Alts) == 0 && len(term.Phrases) == 0 && !term.Name {
		if s := ix.prefixStem(t.Norm); s != "" {
			add(s)
		}
	}
	term.Known = term.Known || len(term.Alts) > 0 || len(term.Phrases) > 0
	df := ix.meta.DF[stem]
	for _, a := range term.Alts {
		df = max(df, ix.meta.DF[a])
	}
	n := float64(max(ix.meta.Docs, 1))
	term.Weight = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))

	return term, true
}

// questionDates finds the dates a question names — "June 27", "the 8th of
// May", "March 2020", "2019" — and ranges between them ("between June 6
// and June 9", "after June 27"), marking their words used.
func (ix *Index) questionDates(toks []knowledge.Token, used []bool) []DateSpan {
	ms := ix.dateMentions(toks)
	var out []DateSpan
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		for i := m.from; i < m.to; i++ {
			used[i] = true
		}
		span := DateSpan{From: m.date, To: m.date, Word: joinRaw(toks[m.from:m.to])}
		prev := ""
		if m.from > 0 {
			prev = toks[m.from-1].Norm
		}
		switch prev {
		case "after", "since":
			span.To = knowledge.Date{}
			used[m.from-1] = true
		case "before", "until", "till":
			span.From = knowledge.Date{}
			used[m.from-1] = true
		case "between", "from":
			if k+1 < len(ms) && ms[k+1].from == m.to+1 {
				link := toks[m.to].Norm
				if link == "and" || link == "to" || link == "until" || link == "through" || link == "till" {
					next := ms[k+1]
					for i := next.from; i < next.to; i++ {
						used[i] = true
					}
					span.To = next.date
					if span.To.Year == 0 && span.From.Year != 0 {
						span.To.Year = span.From.Year
					}
					span.Word = joinRaw(toks[m.from-1 : next.to])
					k++
				}
			}
			used[m.from-1] = true
		}
		out = append(out, span)
	}
	return out
}

func joinRaw(toks []knowledge.Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Raw)
	}
	return strings.Join(parts, " ")
}

// dateMention is a date written in a text, over tokens [from, to).
type dateMention struct {
	date     knowledge.Date
	from, to int
}

// dateMentions finds dates in tokens: a month with a day before or after it
// (ordinals and "the 8th of May" included) and a year after it, or a year
// alone. "may" in lower case counts as a month only beside a day.
func (ix *Index) dateMentions(toks []knowledge.Token) []dateMention {
	day := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || len(toks[i].Norm) > 4 {
			return 0, false
		}
		v, ok := ix.forms.number(toks[i].Norm)
		return v, ok && v >= 1 && v <= 31
	}
	year := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || len(toks[i].Norm) != 4 {
			return 0, false
		}
		v, ok := ix.forms.number(toks[i].Norm)
		return v, ok && v >= 1900 && v <= 2100
	}
	var out []dateMention
	taken := -1
	for i, t := range toks {
		if i <= taken {
			continue
		}
		if m, ok := monthNames[t.Norm]; ok && (len(t.Norm) > 3 || t.Raw != t.Norm) {
			d := dateMention{date: knowledge.Date{Month: m}, from: i, to: i + 1}
			switch {
			case i >= 1:
				if v, ok := day(i - 1); ok {
					d.date.Day, d.from = v, i-1
				} else if toks[i-1].Norm == "of" {
					if v, ok := day(i - 2); ok {
						d.date.Day, d.from = v, i-2
					}
				}
			}
			if d.date.Day == 0 {
				if v, ok := day(i + 1); ok {
					d.date.Day, d.to = v, i+2
				}
			}
			if y, ok := year(d.to); ok {
				d.date.Year, d.to = y, d.to+1
			}
			if t.Norm == "may" && t.Raw == "may" && d.date.Day == 0 {
				continue // the verb
			}
			if d.from > 0 && toks[d.from-1].Norm == "the" && d.date.Day != 0 && d.from < i {
				d.from--
			}
			out = append(out, d)
			taken = d.to - 1
			continue
		}
		if y, ok := year(i); ok {
			out = append(out, dateMention{date: knowledge.Date{Year: y}, from: i, to: i + 1})
		}
	}
	return out
}

// dateAgreement compares the dates a question names with those of a
// candidate: 1 when one overlaps, -1 when the candidate names only other
// dates, 0 when either names none. A date without a year matches any year.
func dateAgreement(want []DateSpan, have []knowledge.Date) float64 {
	if len(want) == 0 || len(have) == 0 {
		return 0
	}
	comparable := false
	for _, w := range want {
		for _, h := range have {
			if inSpan(h, w) {
				return 1
			}
			// A year alone against a day without a year says nothing.
			if (h.Year != 0 || h.Month != 0) && !(h.Year == 0 && w.From.Month == 0 && w.To.Month == 0) && !(h.Month == 0 && w.From.Year == 0 && w.To.Year == 0) {
				comparable = true
			}
		}
	}
	if comparable {
		return -1
	}
	return 0
}

// inSpan reports whether a date falls in a span, comparing only what both
// state: a date without a year matches on month and day.
func inSpan(d knowledge.Date, s DateSpan) bool {
	yearOnly := func(x knowledge.Date) bool { return x.Year != 0 && x.Month == 0 }
	if (yearOnly(d) && s.From.Year == 0 && s.To.Year == 0) || (d.Year == 0 && (yearOnly(s.From) || yearOnly(s.To))) {
		return false // a year against a day of no year: nothing to compare
	}
	if s.From == s.To {
		return d.Overlaps(s.From)
	}
	if d.Year == 0 || (s.From.Year == 0 && s.To.Year == 0) {
		key := func(x knowledge.Date) int { return x.Month*100 + x.Day }
		if d.Month == 0 {
			return false
		}
		lo, hi := key(s.From), key(s.To)
		if s.To == (knowledge.Date{}) {
			hi = 1231
		}
		k := key(d)
		if d.Day == 0 {
			return d.Month >= s.From.Month && (s.To.Month == 0 || d.Month <= s.To.Month)
		}
		return k >= lo && k <= hi
	}
	return d.InRange(s.From, s.To)
}

func normsEqual(toks []knowledge.Token, words []string) bool {
	for i, w := range words {
		if toks[i].Norm != w {
			return false
		}
	}
	return true
}

// shapeWord reports whether a word the corpus does not use is a question
// word written casually — "whats", "wat", "whta" — or a lone letter ("r"
// for "are"): it shapes the question and names nothing.
func (ix *Index) shapeWord(w string) bool {
	if _, known := ix.meta.Vocab[w]; known {
		return false
	}
	if len(w) == 1 {
		return w[0] < '0' || w[0] > '9'
	}
	for wh := range ix.grammar.wh {
		if w == wh+"s" || (len(w) >= 3 && w[0] == wh[0] && knowledge.WithinOneEdit(w, wh)) {
			return true
		}
	}
	// A word the corpus does not know, one slip from a word that only
	// shapes questions ("happend", "actualy"), is that word mistyped: it
	// must not weigh as a rare term the sources lack.
	if len(w) < 4 || ix.byStem[ix.stem(w)] {
		return false
	}
	for _, set := range []map[string]bool{ix.questionWords, ix.grammar.aux} {
		for q := range set {
			if len(q) >= 4 && q[0] == w[0] && slip(w, q) {
				return true
			}
		}
	}
	return false
}
