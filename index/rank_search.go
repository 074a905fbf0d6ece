package index

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/dossier/dossier/knowledge"
)

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
	// A time after the sources: they cannot say, whatever else is asked.
	res.LastDate = ix.latest()
	res.Ahead, res.Later = q.ahead, append(slices.Clone(q.later), ix.afterSources(q)...)
	if res.Ahead || len(res.Later) > 0 {
		return res, nil
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
	// A yes/no question may check a detail the asker has wrong ("did
	// Blinken say in Paris …"): it is searched for what the sources say
	// instead (verify).
	verify := w.Verify && q.YesNo
	if len(res.Missing) > 0 && !verify {
		return res, nil
	}
	// Room for the bare match's passages, which join the candidates.
	hits, err := ix.run(ctx, ix.rankQuery(q), candidates, bareDepth)
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
	main := ix.impliedDate(m)
	if main != nil {
		m.implied = main.When
	}
	best := 0.0
	have := make(map[string]bool, len(hits))
	for _, h := range hits {
		best = max(best, h.Score)
		have[h.ID] = true
	}
	// Candidates the focused query did not find join with no score of
	// theirs.
	join := func(h Hit) {
		if !have[h.ID] {
			h.Score = 0
			hits = append(hits, h)
			have[h.ID] = true
		}
	}
	for _, h := range bare.hits {
		join(h)
	}
	// "What did Iraq say": the quotations of those who speak for it, its
	// Prime Minister's among them, whatever words they use.
	if members := ix.spokesmen(q.Speaker); len(members) > 0 {
		for _, qt := range ix.kb.Quotes {
			if !slices.Contains(members, qt.Speaker) {
				continue
			}
			h, ok, err := ix.passage("quote:" + qt.ID)
			if err != nil {
				return nil, err
			}
			if ok {
				join(h)
			}
		}
	}
	// "When were the strikes": the passages the event the sources are
	// about is cited from are candidates, however common their words.
	if main != nil {
		for _, c := range append([]knowledge.Cite{{Doc: main.Doc, Quote: main.Quote}}, main.Also...) {
			id := ix.kb.PassageOf(c.Doc, c.Quote)
			if id == "" {
				continue
			}
			h, ok, err := ix.passage(id)
			if err != nil {
				return nil, err
			}
			if ok {
				join(h)
			}
		}
	}
	// "How many were killed": every claim about the event's dead is a
	// candidate, however many words the others share with the question.
	if main != nil && q.Type == TypeCount && m.harm {
		for i := range ix.kb.Casualties {
			if c := &ix.kb.Casualties[i]; c.Event == main.ID {
				h, ok, err := ix.passage("casualty:" + c.ID)
				if err != nil {
					return nil, err
				}
				if ok {
					join(h)
				}
			}
		}
	}
	if hits, err = ix.askedBy(hits, bare.rank); err != nil {
		return nil, err
	}
	res.Hits = make([]Ranked, 0, len(hits))
	for _, h := range hits {
		r := m.score(h, best, bare.rank)
		res.Hits = append(res.Hits, r)
	}
	res.Hits = byScore(res.Hits)
	if len(res.Hits) == 0 {
		res.Weak = true
		for _, t := range q.Terms {
			res.Uncovered = append(res.Uncovered, t.Word)
		}
		return res, nil
	}
	if verify {
		if i, wrong := ix.verifies(q, res.Hits); i >= 0 {
			// The sources speak of all else the question says: what
			// they say is the answer, first, though it bears another
			// date when the best-ranked candidates bear none the
			// question gives.
			res.Missing, res.Corrected, res.verified = nil, wrong, true
			res.Hits[0], res.Hits[i] = res.Hits[i], res.Hits[0]
			return res, nil
		}
		if len(res.Missing) > 0 {
			return res, nil
		}
	}
	// Covered when some candidate answers — with a number beside what is
	// counted for "how many", a date for "when", a place for "where"; if
	// none does, name what the closest one lacks.
	closest, untyped := 0, ""
	for i := range res.Hits {
		if res.Answers(&res.Hits[i]) {
			lack := ""
			if w.TypeGate {
				lack = lacks(q, &res.Hits[i], m.byName)
			}
			if lack == "" {
				return res, nil
			}
			if untyped == "" {
				untyped = lack
				// Enough of the question to answer, but maybe not all:
				// "how many israelis died" of a passage naming Israel.
				res.UntypedLacks = m.lacking(&res.Hits[i])
			}
		}
		if closer(&res.Hits[i], &res.Hits[closest]) {
			closest = i
		}
	}
	res.Weak = true
	if untyped != "" {
		// They speak of it, but none says how many, when or where, or
		// quotes who is asked about.
		res.Untyped = untyped
		return res, nil
	}
	res.UntypedLacks = nil
	res.Uncovered = m.lacking(&res.Hits[closest])
	// Of what the closest candidate lacks, name the words the sources
	// never use, if any: those are what they lack ("trump", not
	// "soleimani", which the closest candidate only happens not to hold).
	var unknown []string
	for _, t := range q.Terms {
		if !t.Known && slices.Contains(res.Uncovered, t.Word) {
			unknown = append(unknown, t.Word)
		}
	}
	if len(unknown) > 0 {
		res.Uncovered = unknown
	}
	return res, nil
}

// verifies returns the best candidate holding everything a yes/no question
// says that the sources use (every known term and actor: at least two, or
// three beside a name) when all it lacks are names or figures the sources
// never use or a date no best-ranked candidate bears — the details an
// asker may have wrong — with those names and figures; -1 when there is
// none, when the question lacks other words, or when the name is its
// subject ("did Russia condemn …": the actor asked about).
func (ix *Index) verifies(q *Question, hits []Ranked) (int, []string) {
	var need uint64
	var wrong []string
	concepts, names := len(q.Entities), false
	for i, t := range q.Terms {
		if t.Known {
			if i < 64 {
				need |= 1 << i
			}
			concepts++
			continue
		}
		// A designation ("F-35s") is a figure too.
		_, figure := ix.forms.number(t.Word[strings.LastIndexByte(t.Word, '-')+1:])
		if !t.Name && !figure || t.opens && !figure {
			// A word the sources lack, not a detail; or the actor the
			// question is about ("did Russia condemn …").
			return -1, nil
		}
		names = names || !figure
		wrong = append(wrong, t.Word)
	}
	// A wrong figure leaves the fact the same; a name the sources lack may
	// be another one's ("did Russia condemn the strikes"), so more else
	// must agree.
	if concepts < 2 || names && concepts < 3 {
		return -1, nil
	}
	// A date is a detail the asker has wrong only when the best-ranked
	// candidates do not bear it: "casualties from the feb 25 strikes?" is
	// asked of the February strikes, not of a June record that holds its
	// other words.
	dated := false
	for i := range hits[:min(len(hits), 3)] {
		// One that bears the date but not all the question names ("drone
		// attacks between April and June" for rockets at al Omar on June
		// 30) does not say the date is right.
		dated = dated || hits[i].Features.Date > 0 && (len(q.Entities) == 0 || hits[i].Features.Entities == 1)
	}
	for i := range hits {
		h := &hits[i]
		if dated && h.Features.Date < 0 {
			continue
		}
		if h.held&need == need && (len(q.Entities) == 0 || h.Features.Entities == 1) {
			return i, wrong
		}
	}
	return -1, nil
}

// closer reports whether candidate a is closer to answering than b: it
// holds an actor the question names where b holds none, or more of the
// question's weight. What the closest lacks is what a refusal names, and
// an actor the sources speak of is never what they lack.
func closer(a, b *Ranked) bool {
	if (a.Features.Entities > 0) != (b.Features.Entities > 0) {
		return a.Features.Entities > 0
	}
	return a.Features.Coverage > b.Features.Coverage
}

// byScore sorts hits by score, best first, ties by ID, and returns them.
// It sorts their positions, then moves each hit about once: a Ranked is
// large.
func byScore(hits []Ranked) []Ranked {
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &hits[i], &hits[j]
		switch {
		case a.Features.Score > b.Features.Score:
			return -1
		case a.Features.Score < b.Features.Score:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	// Hit k is hits[order[k]]: follow each cycle of the permutation,
	// marking the places filled.
	for start := range order {
		if order[start] < 0 {
			continue
		}
		tmp := hits[start]
		k := start
		for order[k] != start {
			next := order[k]
			hits[k] = hits[next]
			order[k] = -1
			k = next
		}
		hits[k] = tmp
		order[k] = -1
	}
	return hits
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
	mq := matchQuery(question)
	hits, err := ix.run(ctx, mq, 2*bareDepth, 0)
	if err != nil {
		return bareMatch{}, err
	}
	b := bareMatch{hits: make([]Hit, 0, bareDepth), rank: make(map[string]int, bareDepth)}
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
	latest := ix.latest()
	var out []string
	for _, d := range q.Dates {
		if latest.Year != 0 && latest.Before(d.From) {
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
		// The date is searched as the sources write dates, whatever the
		// question wrote: "feb" as "February", "the 27th of June" and
		// "6/27" as "June 27". The days that bound a range are no words
		// of it ("early June" is not "1").
		var words []string
		for _, x := range []knowledge.Date{d.From, d.To} {
			if x.Month >= 1 && x.Month <= 12 {
				words = append(words, time.Month(x.Month).String())
			}
			if x.Day != 0 && d.From == d.To {
				words = append(words, strconv.Itoa(x.Day))
			}
			if x.Year != 0 {
				words = append(words, strconv.Itoa(x.Year))
			}
		}
		seen := map[string]bool{}
		for _, w := range ix.stems(strings.Join(words, " ")) {
			if ix.byStem[w] && !seen[w] {
				seen[w] = true
				alts = append(alts, term(fieldText, w, 0.3), term(fieldContext, w, 0.5))
			}
		}
	}
	if len(alts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// lacks returns the kind of answer a candidate lacks that the question
// cannot be answered without, or "" when it has it: a number for "how
// many", a date for "when", a place for "where", and the asked speaker's
// words for "what did X say" (TypeWords) — or, when X is no actor the
// sources know, all the words that say who X is ("the Italian prime
// minister" is not the Italian foreign minister). With instanced set, a
// "which" question wants one of the actors its noun names ("which
// senator").
func lacks(q *Question, r *Ranked, instanced bool) string {
	if q.Speaker != "" && q.Type == TypeWords && (r.Features.Speaker == 0 || !onTopic(q, r)) || r.held&q.subject != q.subject {
		return TypeWords
	}
	if (needsType[q.Type] || instanced) && r.Features.AnswerType == 0 {
		return q.Type
	}
	// "How many rockets hit Erbil on February 15": a figure from a
	// passage that never says it speaks of that day is another day's.
	if (needsType[q.Type] || instanced) && q.Type != TypeDate && len(q.Dates) > 0 && !r.dated {
		return q.Type
	}
	// "How many were wounded": a count of the killed does not say.
	if q.Type == TypeCount && q.harmed != 0 && r.held&q.harmed == 0 {
		return q.Type
	}
	return ""
}

// onTopic reports whether a candidate holds some of what a question asks a
// speaker's words about: words of Di Maio's on Africa do not say what he
// thought of the strikes.
func onTopic(q *Question, r *Ranked) bool {
	return q.topic|q.topicEnts == 0 || r.held&q.topic != 0 || r.heldEnts&q.topicEnts != 0
}

// needsType are the answer types a question is not answered without: a
// passage with no number does not say how many or how long, one with no
// date when, one with no place where, one with no name what it is.
var needsType = map[string]bool{TypeMoney: true, TypeCount: true, TypeDate: true, TypePlace: true, TypeDuration: true, TypeAge: true, TypeName: true}

// lastDate is the latest date the sources speak of: a source's own date,
// or the date of an event it reports after it.
func (ix *Index) lastDate() knowledge.Date {
	latest := knowledge.Date{}
	for _, s := range ix.meta.Sources {
		if d, err := knowledge.ParseISO(s.Date); err == nil && latest.Before(d) {
			latest = d
		}
	}
	for _, e := range ix.kb.Events {
		if latest.Before(e.When) {
			latest = e.When
		}
	}
	return latest
}

// impliedDate returns, for a question asking when with no date of its own,
// the event the sources are about when its record holds all the question's
// terms and the question names no actor but those who acted in it ("when
// were the strikes", "when did the US strike": 27 June 2021), or nil:
// "when did the US strike KH in Syria" fits other strikes too. A question
// asking how many were harmed, naming no other actor and no date but a
// month or day that holds the event's, is about that event too ("how many
// people were killed", "how many were killed in June").
func (ix *Index) impliedDate(f *featurer) *knowledge.Event {
	q := f.q
	main, record := ix.mainEvent()
	harmCount := q.Type == TypeCount && f.harm
	if main == nil || q.Type != TypeDate && !harmCount || len(q.Terms) == 0 || len(q.Terms) > 64 {
		return nil
	}
	// A month or day the question gives must hold the event's: "how many
	// were killed in the June strikes" asks of the strikes of 27 June. A
	// year is too wide to say so ("how many were killed in 2021": in
	// February too), and a "when" question asks which day.
	for _, d := range q.Dates {
		if q.Type == TypeDate || d.From.Month == 0 || d.To.Month == 0 || !inSpan(main.When, d) {
			return nil
		}
	}
	for _, e := range q.Entities {
		if !slices.Contains(main.Actors, e.ID) && !slices.ContainsFunc(ix.kb.Institutions(e.ID), func(id string) bool { return slices.Contains(main.Actors, id) }) {
			return nil
		}
	}
	fd := f.find(record)
	if harmCount {
		// "How many were killed": in the strikes the sources are about,
		// unless the question names something else of the event ("how
		// many people in the convoy died").
		for i, t := range q.Terms {
			if fd.all&(1<<i) == 0 && !ix.harmful(t) && !f.counted[t.Stem] {
				return nil
			}
		}
		return main
	}
	if all := uint64(1)<<len(q.Terms) - 1; fd.all&all != all {
		return nil
	}
	return main
}

// spokesmen returns the actors who speak for a speaker that is a body or a
// country ("iraq": Kadhimi, Rasool), or nil for a person or none.
func (ix *Index) spokesmen(speaker string) []string {
	if a := ix.kb.Actor(speaker); a == nil || a.Kind == "person" {
		return nil
	}
	var out []string
	for _, a := range ix.kb.Actors {
		if a.ID != speaker && slices.Contains(ix.kb.SpeaksFor(a.ID), speaker) {
			out = append(out, a.ID)
		}
	}
	return out
}
