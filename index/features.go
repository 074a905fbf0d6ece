package index

import (
	"slices"
	"sort"
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
	"github.com/dossier/dossier/seeds"
)

// featurer scores candidates against one analysed question.
type featurer struct {
	ix     *Index
	q      *Question
	byStem map[string]uint64 // stem → the terms it counts for
	// stemSig has a bit set for the signature (stemSig) of each of
	// byStem's keys: most words of a passage are none of the question's,
	// and the signature turns nearly all of them away before the map.
	stemSig [4]uint64
	// masks is proximity's buffer, reused from one candidate to the next.
	masks   []uint64
	phrases []phrase
	ents    map[string]int // actor id → entity
	total   float64        // weight of all terms and entities
	termW   []float64      // each term's weight
	// supportW and supportTotal are termW and total for deciding whether
	// a candidate answers (Ranked.support).
	supportW     []float64
	supportTotal float64
	counted      map[string]bool
	w            Weights
	words        map[string]bool // the question's words, folded
	// common marks the question's terms that are common English words,
	// not names (bit i for term i).
	common uint64
	// harm is set when the question speaks of people killed or injured,
	// the only thing a casualty record counts.
	harm bool
	// countedTerms marks the question's terms "how many" counts.
	countedTerms uint64
	// instances are the actors the sources know whose names hold the
	// noun "which" asks one of ("which senator": Murphy, Menendez).
	instances map[string]bool
	// byName is set when the instances are those whose names hold the
	// noun ("which senator"): one of them must answer.
	byName bool
	// yearAsked is set when one of the question's dates has a year.
	yearAsked bool
	// implied is the date a question asking when, with no date of its
	// own, asks about: that of the event the sources are about, when it
	// is all the question speaks of ("when were the strikes").
	implied knowledge.Date
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
		// A verb, or a modifier between a determiner and its noun
		// ("those particular targets"), weighs less: the sources may put
		// it otherwise. But a yes/no question checks its verb and its
		// modifiers: one the sources never use ("did Kirby deny …", "the
		// chemical weapons sites") is the claim they do not make. A
		// "when" question dates its verb: a date of the IRCC is not when
		// it was founded.
		if (t.Modifier || t.Verbal && !t.Noun) && (t.Known || !q.YesNo) && q.Type != TypeDate {
			tw *= w.Verbal
		}
		f.supportW = append(f.supportW, tw)
		f.supportTotal += tw
		if i >= 64 {
			continue
		}
		if !t.Name && lexicon.Common(strings.ToLower(t.Word)) {
			f.common |= 1 << i
		}
		for _, s := range append([]string{t.Stem}, t.Alts...) {
			f.byStem[s] |= 1 << i
			if s != "" {
				k := stemSig(s)
				f.stemSig[k>>6] |= 1 << (k & 63)
			}
		}
		for _, ph := range t.Phrases {
			f.phrases = append(f.phrases, phrase{ph, i})
		}
	}
	for _, t := range q.Terms {
		f.harm = f.harm || ix.harmful(t)
	}
	for st := range f.counted {
		f.countedTerms |= f.termMask(st)
	}
	if q.Type == TypeInstance {
		f.instances = ix.namedBy(q.instanceOf)
		f.byName = len(f.instances) > 0
		if !f.byName && q.bareInstance {
			// "Which militias": one the knowledge base has as a militia
			// answers in kind; but the sources may say which otherwise
			// ("the two militias hit by U.S. warplanes"), so none is
			// required.
			f.instances = ix.ofKind(q.instanceOf)
		}
	}
	for i, e := range q.Entities {
		f.ents[e.ID] = i
		f.total += entityWeight
	}
	f.total += entityWeight * float64(len(q.Dates))
	for _, d := range q.Dates {
		f.yearAsked = f.yearAsked || d.From.Year != 0 || d.To.Year != 0
	}
	f.supportTotal += entityWeight * float64(len(q.Entities)+len(q.Dates))
	return f
}

// found is what a text holds of the question, per sentence.
type found struct {
	terms  []uint64 // per sentence: bit i set when term i occurs
	ents   []uint64 // per sentence: bit i set when entity i occurs
	all    uint64   // terms anywhere
	allEnt uint64
	// byName marks the entities met otherwise than by a title alone.
	byName uint64
	// named marks the words saying whose words are asked for (the
	// question's subject terms) found only within a mention of an actor
	// the sources know: "Assad" in "Ain al Assad" is not someone called
	// Assad.
	named uint64
	// inName marks the question's common words found only within a
	// mention of an actor: "population" in "Population Mobilisation
	// Units" says nothing of a population. inBody marks those found only
	// within the name of a body, not a person's title ("Democratic" in
	// "Syrian Democratic Forces", not "Press Secretary" in "White House
	// Press Secretary Jen Psaki").
	inName, inBody uint64
	marks          []seeds.Span
}

func (f *featurer) find(a *analyzed) found {
	fd := found{terms: make([]uint64, len(a.sents)), ents: make([]uint64, len(a.sents))}
	var loose uint64     // terms found outside every mention
	var outBodies uint64 // terms found outside every body's name
	for i, s := range a.stems {
		mask := f.termMask(s)
		if mask != 0 {
			// "Forces" in "Popular Mobilization Forces" is the PMF,
			// which a question naming the PMF counts as an actor.
			mask &= f.namePart(a, i)
		}
		if mask != 0 {
			fd.terms[a.sentOf[i]] |= mask
			fd.marks = append(fd.marks, seeds.Span{Start: a.toks[i].Start, End: a.toks[i].End})
			if mask&(f.q.subject|f.common) != 0 && !f.inOtherName(a, i) {
				loose |= mask
			}
			if mask&f.common != 0 && !f.inOtherBody(a, i) {
				outBodies |= mask
			}
		}
	}
	for _, ph := range f.phrases {
		for i := 0; i+len(ph.stems) <= len(a.stems); i++ {
			if equal(a.stems[i:i+len(ph.stems)], ph.stems) && ph.concept < 64 && f.namePart(a, i)&(1<<ph.concept) != 0 {
				fd.terms[a.sentOf[i]] |= 1 << ph.concept
				if !f.inOtherName(a, i) {
					loose |= 1 << ph.concept
				}
				fd.marks = append(fd.marks, seeds.Span{Start: a.toks[i].Start, End: a.toks[i+len(ph.stems)-1].End})
			}
		}
	}
	if len(f.ents) > 0 {
		for mi, m := range a.mentions {
			titled := a.titled[mi]
			for _, id := range f.ix.kb.Institutions(m.ID) {
				if k, ok := f.ents[id]; ok && k < 64 {
					s := sentenceAt(a, m.Start)
					fd.ents[s] |= 1 << k
					if !titled {
						fd.byName |= 1 << k
					}
					fd.marks = append(fd.marks, seeds.Span{Start: m.Start, End: m.End})
				}
			}
		}
	}
	for i := range fd.terms {
		fd.all |= fd.terms[i]
		fd.allEnt |= fd.ents[i]
	}
	fd.named = fd.all & f.q.subject &^ loose
	fd.inName = fd.all & f.common &^ loose
	fd.inBody = fd.all & f.common &^ outBodies
	return fd
}

// inOtherBody reports whether token i lies within a mention of a body
// (not a person) the question does not name.
func (f *featurer) inOtherBody(a *analyzed, i int) bool {
	return f.inOther(a, i, func(m knowledge.Mention) bool {
		act := f.ix.kb.Actor(m.ID)
		return act != nil && act.Kind != "person"
	})
}

// inOtherName reports whether token i lies within a mention of an actor
// the question does not name: "crossing" in "the Abu Kamal border
// crossing" is how a question about Abu Kamal names it.
func (f *featurer) inOtherName(a *analyzed, i int) bool {
	return f.inOther(a, i, func(knowledge.Mention) bool { return true })
}

// inOther reports whether token i lies within a mention, for which ok
// holds, of an actor the question does not name.
func (f *featurer) inOther(a *analyzed, i int, ok func(knowledge.Mention) bool) bool {
	t := a.toks[i]
	for _, m := range a.mentions {
		if _, named := f.ents[m.ID]; !named && within(t, m) && ok(m) {
			return true
		}
	}
	return false
}

// namePart returns the terms token i may count for: all, unless it lies
// within a mention of an actor the question names, where only the terms
// the question puts beside that actor's name count.
func (f *featurer) namePart(a *analyzed, i int) uint64 {
	t := a.toks[i]
	for _, m := range a.mentions {
		if k, named := f.ents[m.ID]; named && within(t, m) {
			if k < len(f.q.nameTerms) {
				return f.q.nameTerms[k]
			}
			return 0
		}
	}
	return ^uint64(0)
}

// termMask returns the terms stem s counts for; none for "".
func (f *featurer) termMask(s string) uint64 {
	if s == "" {
		return 0
	}
	if k := stemSig(s); f.stemSig[k>>6]&(1<<(k&63)) == 0 {
		return 0
	}
	return f.byStem[s]
}

// stemSig is a number below 256 made from a non-empty word's length and
// its first and last bytes.
func stemSig(s string) uint8 {
	return uint8(len(s)*61 + int(s[0])*7 + int(s[len(s)-1]))
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
	return f.share(f.termW, f.total, terms, ents, dates)
}

// share is weight with the terms weighed by termW, of total.
func (f *featurer) share(termW []float64, total float64, terms, ents uint64, dates int) float64 {
	if total == 0 {
		return 0
	}
	w := 0.0
	for i := range f.q.Terms {
		if i < 64 && terms&(1<<i) != 0 {
			w += termW[i]
		}
	}
	for i := range f.q.Entities {
		if i < 64 && ents&(1<<i) != 0 {
			w += entityWeight
		}
	}
	w += entityWeight * float64(dates)
	return w / total
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
	// A label's common word within an actor's name says nothing of it
	// either: "Democratic" in "Syrian Democratic Forces", whose words a
	// quotation is, does not make them the words of democrats.
	labTerms, labEnts := lab.all&^lab.inBody, lab.allEnt
	// The reporter's question an answer replies to says what it speaks
	// of; but a fact asked for ("when was Soleimani killed") is one the
	// answer's own words must hold with its subject: Psaki's "since April"
	// is not when the strike a reporter mentioned was.
	if h.askedA != nil && !asksFact(f.q.Type) {
		asked := f.find(h.askedA)
		labTerms, labEnts = labTerms|asked.all, labEnts|asked.allEnt
	}
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
	dates := f.datesIn(&h, text, dateLabel, 0, len(text.sents)-1)
	ft.Coverage = f.weight(fd.all&^fd.inName|labTerms, fd.allEnt|labEnts, dates)
	r.support = f.share(f.supportW, f.supportTotal, fd.all&^fd.inName|labTerms, fd.allEnt|labEnts, dates)
	r.matched = popcount(fd.all&^fd.inName|labTerms) + popcount(fd.allEnt|labEnts) + dates
	// Whose words are asked for is someone the sources do not know by
	// name: a word of theirs met only within another actor's name does
	// not say who they are.
	r.held = fd.all&^(fd.named|fd.inName) | labTerms
	r.heldEnts = fd.allEnt | labEnts
	r.namedEnts = fd.byName | labEnts
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
		t := f.answerType(h, text, nil, &fd, s, s)
		w := f.weight(fd.terms[s]|labTerms, fd.ents[s]|labEnts, f.datesIn(&h, text, dateLabel, s, s))
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
	// A statement's quotations are its speaker's words and the narrative
	// after them the writer's: the window keeps to one voice, or the
	// narrative would be given to the speaker.
	voice := func(s int) bool {
		return h.Kind != string(seeds.KindStatement) || quoted(h.Text, text.sents[s])
	}
	bestVoice := voice(bestS)
	same := func(s int) bool { return voice(s) == bestVoice }
	for _, nb := range []int{bestS - 1, bestS + 1} {
		if nb < 0 || nb >= n || !same(nb) {
			continue
		}
		adds := fd.terms[nb]&^have != 0 || fd.ents[nb]&^haveE != 0
		adds = adds || (!typed && f.answerType(h, text, nil, &fd, nb, nb))
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
	// The sentences after the window that go on with the same thing,
	// referring back to it ("It is the second largest bloc").
	for hi+1 < n && same(hi+1) && f.refersBack(text, hi+1) && text.sents[hi+1].End-text.sents[lo].Start <= 2*maxWindow {
		hi++
		have, haveE = have|fd.terms[hi], haveE|fd.ents[hi]
	}
	if len(h.Text) <= shortPassage {
		for lo > 0 && same(lo-1) {
			lo--
		}
		for hi+1 < n && same(hi+1) {
			hi++
		}
	}
	// A very short sentence ("No casualties were reported.") needs the one
	// before it to make sense.
	if lo == hi && lo > 0 && same(lo-1) && text.sents[lo].End-text.sents[lo].Start < 60 {
		lo--
	}
	r.window = seeds.Span{Start: text.sents[lo].Start, End: text.sents[hi].End}
	r.marks = fd.marks
	for s := lo; s <= hi; s++ {
		have, haveE = have|fd.terms[s], haveE|fd.ents[s]
	}
	ft.Window = f.weight(have|labTerms, haveE|labEnts, f.datesIn(&h, text, dateLabel, lo, hi))
	if f.answerType(h, text, label, &fd, lo, hi) {
		ft.AnswerType = 1
	}
	ft.Date = f.dateAgreement(&h, text, dateLabel, lo, hi)
	if len(f.q.Dates) > 0 {
		held := f.withYears(&h, datesHeld(text, dateLabel, 0, len(text.sents)-1))
		if dateAgreement(f.q.Dates, held) <= 0 {
			// Or the day of an event recorded from it.
			recorded := f.ix.eventDates()
			held = append(append(held, recorded[h.ID]...), recorded[h.Cites]...)
		}
		r.dated = dateAgreement(f.q.Dates, held) > 0
	}
	if f.implied != (knowledge.Date{}) {
		// Another date is another event's; "in June" does not say which
		// day.
		held := datesHeld(text, dateLabel, lo, hi)
		switch {
		case slices.ContainsFunc(held, func(d knowledge.Date) bool { return d.Day != 0 && d.Overlaps(f.implied) }):
			ft.Date = 1
		case slices.ContainsFunc(held, func(d knowledge.Date) bool { return !d.Overlaps(f.implied) }):
			ft.Date = -1
		}
	}
	ft.Speaker = f.speaker(h, text, label, lo, hi)
	if f.q.Type == TypeWords && f.q.Speaker != "" && ft.Speaker == 0 {
		// "How did Iran respond": another's words are no answer in kind,
		// whatever they say of Iran.
		ft.AnswerType = 0
	}
	ft.Kind = kindPrior(h.Kind, f.q.Type, f.harm)
	if h.Kind == "casualty" && f.q.doer {
		// "Who killed Soleimani": a claim counts the dead, and names who
		// counted them, not who killed them.
		ft.Kind = kindPrior(h.Kind, TypeDefinition, f.harm)
	}
	ft.Proximity = f.proximity(text, lo, hi)
	k, ok := bare[h.ID]
	if !ok && h.Cites != "" {
		k, ok = bare[h.Cites] // a record ranks as the passage it quotes
	}
	if ok {
		ft.Bare = 1 - float64(k)/bareDepth
	}
	w := f.w
	ft.Score = w.Bare*ft.Bare + w.BM25*ft.BM25 + w.Coverage*ft.Coverage + w.Window*ft.Window + w.Entities*ft.Entities +
		w.AnswerType*ft.AnswerType + w.Date*ft.Date + w.Speaker*ft.Speaker + w.Proximity*ft.Proximity + ft.Kind
	return r
}

// asksFact reports whether an answer type asks for a fact the answer's
// own words must hold (a date, a number, a place, a cause, who), not for
// what someone said.
func asksFact(typ string) bool {
	switch typ {
	case TypeDate, TypeCount, TypePlace, TypeReason, TypeAgent, TypeInstance, TypeDuration, TypeMoney, TypeAge:
		return true
	}
	return false
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

// tokensIn returns the token range of sentences lo..hi.
// sentOf never decreases, so both ends are found by binary search; a range
// that holds no token is (0, 0).
func tokensIn(a *analyzed, lo, hi int) (int, int) {
	from := sort.SearchInts(a.sentOf, lo)
	to := sort.SearchInts(a.sentOf, hi+1)
	if from >= to {
		return 0, 0
	}
	return from, to
}

// hasQuoteMark reports whether s holds a straight or opening curly
// quotation mark, or with closing also a closing one. It searches bytes:
// the same as looking at each rune, as UTF-8 never holds one rune's bytes
// inside another's.
func hasQuoteMark(s string, closing bool) bool {
	return strings.IndexByte(s, '"') >= 0 || strings.Contains(s, "“") || closing && strings.Contains(s, "”")
}

// refersBack reports whether sentence s opens with a word that refers to
// the sentence before it.
func (f *featurer) refersBack(a *analyzed, s int) bool {
	from, to := tokensIn(a, s, s)
	return from < to && f.ix.grammar.anaphora[a.toks[from].Norm]
}

// within reports whether a token lies within a mention.
func within(t knowledge.Token, m knowledge.Mention) bool {
	return t.Start >= m.Start && t.End <= m.End
}
