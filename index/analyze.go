package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
)

// Analyze turns a question into its answer type, entities, dates and focus
// terms.
func (ix *Index) Analyze(question string) *Question {
	toks := knowledge.Tokenize(question)
	if len(toks) > maxQuestionWords {
		toks = toks[:maxQuestionWords]
	}
	g := ix.grammar
	foreign := 0
	for _, t := range toks {
		if _, written := ix.meta.Vocab[t.Norm]; !written && (g.foreign[t.Norm] || strings.ContainsFunc(t.Raw, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) })) {
			foreign++
		}
	}
	toks = ix.grammarSlips(toks)
	toks, tagged, prefaced := g.plain(question, toks, func(w string) bool { return ix.meta.Vocab[w] != "" })
	toks = ix.possessives(toks)
	q := &Question{counted: map[string]bool{}, YesNo: tagged, Foreign: foreign}
	used := make([]bool, len(toks))

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
	// "Who killed Soleimani": a verb after "who" with its object after it.
	// "Who died in the strikes" has none, and "who got killed" is passive.
	if wh == "who" && whEnd >= 0 && whEnd+1 < len(toks) {
		verb, next := toks[whEnd].Norm, toks[whEnd+1].Norm
		q.doer = !g.be[verb] && !g.aux[verb] && verb != "got" && verb != "get" && !g.preposition[next] && !g.locative[next]
	}
	// "Was anyone hurt when the rocket hit …": after a yes/no question's
	// auxiliary and its clause, "when" or "where" joins a clause that
	// dates or places what is asked, unless a word of saying or knowing
	// before it asks it ("did they say when …", "can you tell me when …",
	// "is it clear where …").
	if (wh == "when" || wh == "where") && whEnd > 2 && len(toks) > 0 && g.aux[toks[0].Norm] {
		asks := slices.ContainsFunc(toks[1:whEnd-1], func(t knowledge.Token) bool { return g.speech[t.Norm] || g.knowing[t.Norm] })
		if !asks {
			used[whEnd-1] = false
			wh, whEnd, q.Type = "", -1, ""
		}
	}
	// "What's the PMF": the tokenizer drops the "'s", which is "is".
	if whEnd > 0 && wh == toks[whEnd-1].Norm && possessive(question, toks[whEnd-1]) {
		contracted = true
	}
	// A yes/no question opens with an auxiliary ("did …"), or is a
	// statement asked as a question ("the strikes hit three sites?"). A
	// few words ending in a word of harm ("kh casualties?", "erbil death
	// toll") ask how many were harmed.
	if wh == "" && !prefaced && len(toks) > 0 && !g.aux[toks[0].Norm] && len(toks) <= 4 && ix.harmWord(toks[len(toks)-1]) {
		q.Type, q.YesNo = TypeCount, false
	} else if wh == "" && len(toks) > 0 && (g.aux[toks[0].Norm] || strings.HasSuffix(strings.TrimSpace(question), "?")) {
		q.YesNo = true
	}
	var described map[int]bool // the words "the name of" describes
	// "date of the strikes", "the cause of the protests?": a question
	// that is a head noun and "of" asks for what the head does after
	// "what".
	if wh == "" && !prefaced {
		j := 0
		for j < len(toks) && (toks[j].Norm == "the" || toks[j].Norm == "a") {
			j++
		}
		typ, ok := "", false
		if j+2 < len(toks) && (toks[j+1].Norm == "of" || toks[j+1].Norm == "for") {
			typ, ok = g.heads[toks[j].Norm]
		}
		if ok && typ != TypeAgent && typ != TypeCount {
			q.Type, q.YesNo = typ, false
			used[j], used[j+1] = true, true
			if typ == TypeName {
				described = g.describedAfter(toks, j+2)
			}
		}
	}
	// A head noun narrows "what"/"which": "what year", "which country",
	// "what was the reason".
	if whEnd >= 0 && (wh == "what" || wh == "which") {
		j := whEnd
		for j < len(toks) && (g.be[toks[j].Norm] || toks[j].Norm == "the" || toks[j].Norm == "a") {
			j++
		}
		kindOf := false
		if j+1 < len(toks) && (toks[j].Norm == "kind" || toks[j].Norm == "type" || toks[j].Norm == "sort") && toks[j+1].Norm == "of" {
			j, kindOf = j+2, true
		}
		if j < len(toks) {
			q.bodies = g.bodies[toks[j].Norm]
			if typ, ok := g.heads[toks[j].Norm]; ok {
				q.Type = typ
				used[j] = typ != TypeAgent // "which groups": the noun is still a focus term
				if typ == TypeName {
					described = g.describedAfter(toks, j+1)
				}
				// "What day of the week": the head's own measure.
				if k := j + 1; k+1 < len(toks) && toks[k].Norm == "of" {
					m := k + 1
					if toks[m].Norm == "the" || toks[m].Norm == "a" {
						m++
					}
					if m < len(toks) && g.heads[toks[m].Norm] == typ && typ != TypeAgent {
						for x := k; x <= m; x++ {
							used[x] = true
						}
					}
				}
			} else if kindOf {
				// "What kind of sites": the words that say what sort
				// they are ("weapons storage facilities").
				q.Type = TypeKind
				described = g.nounPhrase(toks, j)
			} else if wh == "which" && !g.aux[toks[j].Norm] {
				q.Type = TypeInstance // "which militias": one of them, by name
				// Its head may name people or places the sources know
				// ("which senator", "which airbase").
				if head := lastOf(g.nounPhrase(toks, j)); head >= 0 {
					q.instanceOf = toks[head].Norm
					q.bareInstance = head == j
				}
			}
		}
	}
	// "What is the prime minister's name": a head noun after a possessive
	// narrows the question as "the name of" would, at its end or before a
	// relative clause ("the contractor's name who died …"). Chat drops the
	// apostrophe ("the iraqi prime ministers name").
	if (wh == "what" || wh == "which") && whEnd >= 0 {
		for k := whEnd + 1; k < len(toks); k++ {
			typ, ok := g.heads[toks[k].Norm]
			owner := toks[k-1]
			ends := k == len(toks)-1 || g.wh[toks[k+1].Norm] || toks[k+1].Norm == "that"
			if ok && ends && typ != TypeAgent && !used[k-1] && (possessive(question, owner) || g.chatPossessive(owner.Norm)) {
				q.Type = typ
				used[k] = true
				break
			}
		}
	}
	// "How much did the strikes cost": a sum of money.
	if q.Type == TypeCount && wh == "how" && whEnd >= 1 && toks[whEnd-1].Norm == "much" {
		for _, t := range toks[whEnd:] {
			if g.moneyWords[t.Norm] {
				q.Type = TypeMoney
				break
			}
		}
	}
	// "How many X": the words of X, up to the verb or auxiliary. A name
	// written in capitals ("US soldiers") is part of X.
	countedEnd := whEnd // the token after X
	if q.Type == TypeCount && whEnd >= 0 {
		for j := whEnd; j < len(toks) && j < whEnd+3; j++ {
			w := toks[j].Norm
			// A plural noun right after "how many" is what is counted,
			// even one that elsewhere only shapes a question ("how many
			// times"); an adverb is not ("how many exactly").
			counts := j == whEnd && len(w) > 3 && strings.HasSuffix(w, "s")
			if g.aux[w] || (ix.questionWords[w] && toks[j].Raw == w && !counts) || ix.stem(w) == "" {
				break
			}
			if j > whEnd && strings.HasSuffix(w, "ed") {
				break // "how many drone attacks preceded …": the verb
			}
			q.Counted = append(q.Counted, toks[j].Raw)
			q.counted[ix.stem(w)] = true
			countedEnd = j + 1
			// "How many people": a noun that only names the kind of
			// answer is not something the sources must mention.
			if g.genericCount(w) {
				used[j] = true
			}
		}
		generic := true
		for _, w := range q.Counted {
			generic = generic && g.genericCount(strings.ToLower(w))
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
		// Words of the alias itself may be the corpus's ("the pentagn",
		// "bob menends"); the misspelt ones may not.
		own := ix.kb.AliasWords(m.ID)
		fresh, misspelt := true, false
		for i, t := range toks {
			if within(t, m) {
				_, inCorpus := ix.meta.Vocab[t.Norm]
				_, isRegion := ix.forms.region[t.Norm]
				exact := own[t.Norm] && !ix.questionWords[t.Norm]
				fresh = fresh && (exact || !inCorpus && !isRegion && !ix.questionWords[t.Norm]) && !used[i]
				misspelt = misspelt || !own[t.Norm]
				for _, e := range mentions {
					// The same actor's shorter name may be inside it:
					// "jon kirby" holds "kirby".
					fresh = fresh && (e.ID == m.ID || !(t.Start >= e.Start && t.End <= e.End))
				}
			}
		}
		if fresh && misspelt {
			mentions = slices.DeleteFunc(mentions, func(e knowledge.Mention) bool {
				return e.ID == m.ID && e.Start >= m.Start && e.End <= m.End
			})
			mentions = append(mentions, m)
		}
	}
	slices.SortFunc(mentions, func(a, b knowledge.Mention) int { return a.Start - b.Start })
	// A name among the counted words ("US soldiers") is matched as an
	// actor, not by its letters ("us" is also the stem of "used").
	// When the name is all that is counted ("how many Americans"), a
	// number must stand beside a mention of that actor.
	var countedBy []string
	for _, m := range mentions {
		for _, t := range toks {
			if st := ix.stem(t.Norm); within(t, m) && q.counted[st] {
				delete(q.counted, st)
				countedBy = append(countedBy, m.ID)
			}
		}
	}
	if len(q.counted) == 0 {
		q.countedActors = countedBy
	}
	seen := map[string]bool{}
	var entityTok []int // first token of each entity, by entity
	var entityEnd []int // last token of each entity, by entity
	var owner []bool    // by entity: its mention is possessive ("Biden's critics")
	for _, m := range mentions {
		first, last := -1, -1
		for i, t := range toks {
			if within(t, m) {
				used[i] = true
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if !seen[m.ID] {
			seen[m.ID] = true
			if len(q.Entities) < 64 && !ix.titleOnly(question[m.Start:m.End]) {
				q.byName |= 1 << len(q.Entities)
			}
			q.Entities = append(q.Entities, Entity{ID: m.ID, Word: question[m.Start:m.End]})
			entityTok = append(entityTok, first)
			entityEnd = append(entityEnd, last)
			owner = append(owner, last >= 0 && possessive(question, toks[last]))
		}
	}

	// A place or state after a preposition of place ("in Syria") is where
	// the answer must be; a person after "from" is not a place.
	for k, e := range q.Entities {
		if kind := ix.actorKind(e.ID); kind != "place" && kind != "state" {
			continue
		}
		if j := entityTok[k]; k < 64 && j > 0 && (g.locative[toks[j-1].Norm] || j > 1 && determiners[toks[j-1].Norm] && g.locative[toks[j-2].Norm]) {
			q.placed |= 1 << k
		}
	}
	// How someone put a thing: "what did Psaki call Iran".
	aboutTok := g.characterized(toks, whEnd)
	for k, e := range q.Entities {
		if aboutTok[entityTok[k]] {
			q.aboutEnts = append(q.aboutEnts, e.ID)
		}
	}
	// What someone's words are asked about: "what did Di Maio think of
	// the strikes".
	topicTok := g.topicOf(toks, whEnd)
	for k := range q.Entities {
		if k < 64 && topicTok[entityTok[k]] {
			q.topicEnts |= 1 << k
		}
	}

	// Whose words: "what did X say", "how did X react"; "who said …".
	unnamed := map[int]bool{} // unknown words where a speaker is named
	subject := map[int]bool{} // words naming a speaker the sources may not know
	for i, t := range toks {
		// "the name of the child SANA said was killed": a name is asked
		// for, not SANA's words.
		if !g.speech[t.Norm] || i < whEnd || used[i] || q.Type == TypeName {
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
			if entityEnd[k] >= i || entityTok[k] < whEnd || whEnd < 0 {
				continue
			}
			// "what did Biden's critics say": the critics speak, not
			// Biden; "the Iraqi foreign minister": the minister, not
			// Iraq. But the Pentagon's spokesman speaks for it.
			between := toks[entityEnd[k]+1 : i]
			titled := ix.actorKind(e.ID) != "person" && slices.ContainsFunc(between, func(t knowledge.Token) bool { return g.titles[t.Norm] })
			if (owner[k] || titled) && !ix.memberNamed(e.ID, between) {
				continue // "Blinken, the secretary of state": his own title
			}
			// "Why does Kirby say …", "when did Psaki say …", "where did
			// Blinken say …": a reason, a date or a place, in the
			// speaker's words.
			q.Speaker = e.ID
			if q.Type != TypeReason && q.Type != TypeDate && q.Type != TypePlace {
				q.Type = TypeWords
			}
			// A reporting verb the sources never use ("demand") says
			// only that words are asked for.
			if _, known := ix.meta.Vocab[t.Norm]; !known {
				used[i] = true
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
			if whEnd+1 < i {
				q.Who = question[toks[whEnd+1].Start:toks[i-1].End]
				// "What did the militias say": their words; "what does
				// the article say" asks what the sources say.
				if q.Type == "" && !g.sourcesOnly(toks[whEnd+1:i]) {
					q.Type = TypeWords
				}
			}
			for k := whEnd + 1; k < i; k++ {
				subject[k] = true
				w := toks[k].Norm
				if st := ix.stem(w); st != "" && !ix.knows(w, st) && !used[k] && !ix.questionWords[w] && !determiners[w] {
					unnamed[k] = true
				}
			}
		}
		break
	}

	// "Why is the US in Iraq according to Kirby", "… per the Pentagon":
	// the answer is in the words of whom it is according to — unless the
	// question asks for someone's words already ("what did the militias
	// threaten according to the Pentagon"). "Per" closes the question
	// ("how much per Iraqi killed" is a rate).
	if q.Speaker == "" && q.Who == "" && q.Type != TypeWords {
		for k, e := range q.Entities {
			j := entityTok[k] - 1
			if j >= 0 && determiners[toks[j].Norm] {
				j--
			}
			attributed := j >= 0 && toks[j].Norm == "per" && entityEnd[k] == len(toks)-1 || j >= 1 && toks[j].Norm == "to" && toks[j-1].Norm == "according"
			if attributed && ix.actorKind(e.ID) != "place" {
				q.Speaker = e.ID
				break
			}
		}
	}

	undated := slices.Clone(used)
	q.Dates, q.Impossible = ix.questionDates(question, toks, used)
	for _, d := range q.Dates {
		for _, e := range []knowledge.Date{d.From, d.To} {
			if e.Month == 0 || e.Day == 0 {
				continue
			}
			if err := e.Valid(); err != nil && !slices.Contains(q.Impossible, err.Error()) {
				q.Impossible = append(q.Impossible, err.Error())
			}
		}
	}
	dateAt := func(i int) bool { return i >= 0 && i < len(toks) && used[i] && !undated[i] }

	// "Next year", "tomorrow": a time after the sources — unless words
	// spoke of it then ("did Biden warn of more strikes in the future"),
	// or it is reckoned from a date the question gives ("the next week
	// after the february strikes").
	reported := false
	for i := range toks {
		reported = reported || g.speech[toks[i].Norm]
		for _, ph := range g.future {
			if !reported && len(q.Dates) == 0 && i+len(ph) <= len(toks) && normsEqual(toks[i:i+len(ph)], ph) {
				q.Future = append(q.Future, joinRaw(toks[i:i+len(ph)]))
				q.later = append(q.later, joinRaw(toks[i:i+len(ph)]))
				for k := i; k < i+len(ph); k++ {
					used[k] = true
				}
			}
		}
	}
	q.offset = q.Type == TypeDuration && whEnd >= 0 && whEnd < len(toks) && g.timeOffsets[toks[whEnd].Norm]
	// "When will …": a date to come. ("Will the militias retaliate?" may
	// be answered by what they vowed.)
	if q.Type == TypeDate && whEnd >= 0 && whEnd < len(toks) && g.futureAux[toks[whEnd].Norm] {
		q.Future = append(q.Future, joinRaw(toks[whEnd-1:whEnd+1]))
		q.ahead = true
	}
	phrasal := ix.phrases(toks, used)
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
	// "Who is Kirby", "what was the Imam Ali Base", "what exactly is the
	// PMU": a description.
	beAt := whEnd
	for beAt >= 0 && beAt < len(toks) && !g.be[toks[beAt].Norm] && ix.questionWords[toks[beAt].Norm] && !g.aux[toks[beAt].Norm] {
		beAt++ // an adverb between: "what exactly is"
	}
	participleAt := beAt + 1 // "who is holding"
	if contracted {
		participleAt = whEnd // "whos holding"
	}
	// A date may be what is asked of ("what was June 27") or, right
	// after "is" (and "the"), modify the noun that is ("what is the 2002
	// AUMF").
	modifies := false
	if at := beAt + 1; beAt >= 0 {
		if contracted {
			at = whEnd
		}
		if at < len(toks) && determiners[toks[at].Norm] {
			at++
		}
		end := at
		for dateAt(end) {
			end++
		}
		modifies = end > at && end < len(toks) && isLetters(toks[end].Norm) && !g.preposition[toks[end].Norm]
	}
	if (wh == "what" || wh == "who") && q.Type != TypeSpeaker && q.Type != TypeWords && q.Type != TypeExpansion && (len(q.Dates) == 0 || modifies) &&
		(contracted || beAt >= 0 && beAt < len(toks) && g.be[toks[beAt].Norm]) && (q.Type == "" || q.Type == TypeAgent) && !progressive(toks, participleAt) {
		q.Type = TypeDefinition
		// "Who is the SDF spokesperson": whoever holds the office, by
		// name, not a description of the office.
		at := beAt // "who's the …": the "'s" is gone
		if at >= 0 && at < len(toks) && g.be[toks[at].Norm] {
			at++
		}
		if wh == "who" && at >= 0 && at+1 < len(toks) && determiners[toks[at].Norm] {
			if np := g.nounPhrase(toks, at+1); g.titled(toks, np) {
				q.Type, described = TypeName, np
			}
		}
	}

	// Focus terms: the content words left.
	titled := titleCase(toks)
	byStem := map[string]bool{}
	for i, t := range toks {
		// "al-Hol" after a name particle, and "WTO" in capitals, are no
		// slips of "how" or "who".
		named := i > 0 && g.particles[toks[i-1].Norm] || len(t.Raw) > 1 && allCaps(t.Raw)
		if used[i] || ix.questionWords[t.Norm] || g.relation[t.Norm] || g.aux[t.Norm] || g.preposition[t.Norm] || !named && ix.shapeWord(t.Norm) {
			continue
		}
		if i > 0 && g.clock[t.Norm] && ix.isNumber(toks[i-1].Norm) {
			continue // "10 pm": the time of day
		}
		// "what did I miss", "what should I know": the asker's own verb
		// says what they want of the sources, not what the sources hold.
		if i > 0 && toks[i-1].Norm == "i" || i > 1 && toks[i-2].Norm == "i" && g.aux[toks[i-1].Norm] {
			continue
		}
		term, ok := ix.term(t, i > 0 && !titled)
		// "F-35s" is reported whole, not as "35s".
		if ok && hyphenedToLetter(question, toks, i) {
			term.Word = question[toks[i-1].Start:t.End]
		}
		if !ok || byStem[term.Stem] {
			continue
		}
		// A word the corpus lacks after "al-" or "Abu" is a name, however
		// short ("al-Hol").
		term.Name = term.Name || unnamed[i] || !term.Known && named
		lex := t.Norm // the word as English has it
		if term.english != "" {
			lex = term.english
		}
		term.Verbal = phrasal[i] || !term.Name && lexicon.Verbal(lex)
		// After a determiner a word is the thing spoken of, unless it is
		// a modifier the sources lack before a word that is ("the
		// highest death toll", "the previous administration").
		// The word after it must be a noun's: "the veteran die", "the
		// weather like" have their noun first.
		modifier := !term.Known && !term.Name && (term.Verbal || lexicon.Adjective(lex)) && i+1 < len(toks) && isLetters(toks[i+1].Norm) &&
			!g.preposition[toks[i+1].Norm] && !ix.functionWords[toks[i+1].Norm] && !g.aux[toks[i+1].Norm] && toks[i+1].Norm != "of" && toks[i+1].Norm != "like" &&
			!lexicon.Verbal(toks[i+1].Norm) && !g.speech[toks[i+1].Norm]
		determined := i > 0 && determiners[toks[i-1].Norm]
		term.Noun = (determined && !modifier) || (i+1 < len(toks) && toks[i+1].Norm == "of")
		term.Modifier = determined && modifier
		term.opens = q.YesNo && i > 0 && g.aux[toks[0].Norm] && (i == 1 || i == 2 && determiners[toks[1].Norm])
		byStem[term.Stem] = true
		if subject[i] && len(q.Terms) < 64 {
			q.subject |= 1 << len(q.Terms)
		}
		if described[i] && len(q.Terms) < 64 {
			q.described |= 1 << len(q.Terms)
		}
		if aboutTok[i] && len(q.Terms) < 64 {
			q.about |= 1 << len(q.Terms)
		}
		if topicTok[i] && len(q.Terms) < 64 {
			q.topic |= 1 << len(q.Terms)
		}
		// The harm of what is counted: among its words ("how many
		// casualties") or the verb after them ("how many were wounded"),
		// not one in a later phrase ("… in retaliation for the contractor
		// killed at K1").
		if ix.harmful(term) && len(q.Terms) < 64 && whEnd >= 0 && i >= whEnd && i <= countedEnd+2 &&
			!slices.ContainsFunc(toks[min(countedEnd, i):i], func(t knowledge.Token) bool {
				return g.preposition[t.Norm] || g.locative[t.Norm] || t.Norm == "for" || t.Norm == "of"
			}) {
			q.harmed |= 1 << len(q.Terms)
		}
		// "the abu kamal crossing": a word beside an actor's name may
		// be part of it as the sources write it ("Abu Kamal border
		// crossing").
		for k := range q.Entities {
			// Beside the name, or before it across a preposition: "the
			// air base at Balad".
			before := i == entityTok[k]-1 || i == entityTok[k]-2 && (g.locative[toks[i+1].Norm] || toks[i+1].Norm == "of")
			if (i == entityEnd[k]+1 || before) && len(q.Terms) < 64 {
				if q.nameTerms == nil {
					q.nameTerms = make([]uint64, len(q.Entities))
				}
				q.nameTerms[k] |= 1 << len(q.Terms)
			}
		}
		q.Terms = append(q.Terms, term)
	}
	return q
}

// possessives reads a name with a possessive "s" and no apostrophe, as
// chat writes it ("irans", "bidens", "murphys"), as the name: a word the
// corpus never uses that is an actor's name or a country's without its
// final "s".
func (ix *Index) possessives(toks []knowledge.Token) []knowledge.Token {
	var out []knowledge.Token
	for i, t := range toks {
		if _, inCorpus := ix.meta.Vocab[t.Norm]; inCorpus || len(t.Norm) < 4 || !strings.HasSuffix(t.Norm, "s") {
			continue
		}
		name := t
		name.Norm = t.Norm[:len(t.Norm)-1]
		// A country's name, whether or not the sources write it
		// ("italys": Italy, whose foreign minister they call Italian).
		if _, country := ix.forms.region[name.Norm]; country {
			if out == nil {
				out = slices.Clone(toks)
			}
			out[i] = name
			continue
		}
		if _, inCorpus := ix.meta.Vocab[name.Norm]; !inCorpus {
			continue
		}
		// A name ends there: the tagger finds an actor ending with it.
		from := max(0, i-3)
		ctx := append(slices.Clone(toks[from:i]), name)
		for _, m := range ix.kb.Tagger().TagTokens(ctx, false) {
			if m.End == name.End {
				if out == nil {
					out = slices.Clone(toks)
				}
				out[i] = name
				break
			}
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// dropSourceClauses drops the clauses after the first that speak of the
// sources themselves — "…? the articles seem to disagree", "…, two
// articles say different things", "… sounds like the reports dont match":
// a reader's remark on the sources, whose words the answer need not hold.
// Such a clause names a source word among its first four words and asks
// nothing (no wh-word).
func (g *grammar) dropSourceClauses(question string, toks []knowledge.Token) []knowledge.Token {
	var out []knowledge.Token
	for start := 0; start < len(toks); {
		end := start + 1
		for end < len(toks) && !clauseBreak(question, toks[end-1], toks[end]) {
			end++
		}
		clause := toks[start:end]
		remark := start > 0 && slices.ContainsFunc(clause[:min(4, len(clause))], func(t knowledge.Token) bool { return g.sourceWords[t.Norm] }) &&
			!slices.ContainsFunc(clause, func(t knowledge.Token) bool { return g.wh[t.Norm] })
		if !remark {
			out = append(out, clause...)
		}
		start = end
	}
	return out
}

// clauseBreak reports whether punctuation that ends a clause stands
// between tokens a and b: a question mark, a full stop, a comma, a
// semicolon, a dash.
func clauseBreak(question string, a, b knowledge.Token) bool {
	if a.End > b.Start || b.Start > len(question) {
		return false
	}
	gap := question[a.End:b.Start]
	if a.End-a.Start == 1 && unicode.IsLetter(rune(question[a.Start])) && strings.HasPrefix(gap, ".") {
		// The dot of an initial ("the U.S. article"), not a sentence's.
		gap = gap[1:]
	}
	return strings.ContainsAny(gap, "?!.,;:—–") || strings.Contains(gap, " - ")
}

// contraction returns the length of the pronoun a contracted auxiliary
// follows in raw ("they'll", "we’ve", "you're", "I'd", "I'm"), or 0.
func contraction(raw string) int {
	i := strings.IndexAny(raw, "'’")
	if i <= 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(raw[i:])
	switch strings.ToLower(raw[i+size:]) {
	case "ll", "re", "ve", "d", "m":
	default:
		return 0
	}
	switch strings.ToLower(raw[:i]) {
	case "i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what":
		return i
	}
	return 0
}

// plain puts a question asked in chat into plain words: the discourse
// markers that open it ("wait so …") and chat words ("lol", "guys") are
// dropped, informal words become the words they stand for ("govt" →
// "government"; a lone letter of the question text is chat even where the
// sources hold that letter, unless an abbreviation's: "U.S."), a negated
// auxiliary becomes its auxiliary, and a closing question tag ("…,
// right?") or an opening preface ("is it true that …") of a question with
// no wh-word is removed, which tagged reports (prefaced for a preface) — a
// one-word tag only from a question with no wh-word. Replacement words
// keep the span of the word they replace. An informal word the sources
// write themselves is kept ("Col. Marotto"). A question of nothing but
// such words ("thanks!", "ok lol") asks nothing of the sources: none is
// left.
func (g *grammar) plain(question string, toks []knowledge.Token, written func(string) bool) (out []knowledge.Token, tagged, prefaced bool) {
	wh, which := false, false
	for _, t := range toks {
		w := t.Norm
		if !g.wh[w] {
			w = strings.TrimSuffix(w, "s")
		}
		if g.wh[w] {
			wh = true
			which = which || w != "why" && w != "how"
		}
	}
	for _, tag := range g.tags {
		// "… reserve the right", "who was right": after a determiner or
		// an auxiliary the word is no tag; and a wh-question asks no yes
		// or no, so a last word of its own is no tag ("who said right").
		if n := len(toks) - len(tag); n >= 2 && normsEqual(toks[n:], tag) && !determiners[toks[n-1].Norm] && !g.aux[toks[n-1].Norm] && (!wh || len(tag) > 1) {
			toks, tagged = toks[:n], true
			break
		}
	}
	// The wh-word's own clause: "who hasn't condemned", "which groups
	// didn't …", not "who said iraq doesnt want …".
	whAt := slices.IndexFunc(toks, func(t knowledge.Token) bool { return g.wh[t.Norm] })
	out = make([]knowledge.Token, 0, len(toks))
	opening := true
	for i, t := range toks {
		if opening && g.openers[t.Norm] {
			continue
		}
		opening = false
		if g.chat[t.Norm] {
			continue
		}
		// "they'll", "we've", "you're", "I'd": the pronoun, the
		// auxiliary naming nothing.
		if n := contraction(t.Raw); n > 0 {
			t.Raw, t.Norm, t.End = t.Raw[:n], strings.ToLower(t.Raw[:n]), t.Start+n
		}
		// "didn't", "werent", "won't": the auxiliary, which names
		// nothing; asking yes or no, why or how, the negation asks the
		// same of the sources. "Who hasn't condemned …" asks for those
		// the sources do not name: the word stays, for them to lack.
		if !which || whAt < 0 || i > whAt+4 || slices.ContainsFunc(toks[whAt+1:max(whAt+1, i)], func(t knowledge.Token) bool { return g.speech[t.Norm] || g.knowing[t.Norm] }) {
			if base, ok := strings.CutSuffix(t.Norm, "nt"); ok && g.aux[base] {
				t.Norm = base
			} else if base, ok := g.negations[t.Norm]; ok {
				t.Norm = base
			}
		}
		// A lone letter is chat ("u", "r"), whatever stray letter the
		// sources hold, but not one of an abbreviation ("U.S.").
		letter := len(t.Norm) == 1 && (t.End >= len(question) || question[t.End] != '.')
		if words, ok := g.informal[t.Norm]; ok && (!written(t.Norm) || letter) {
			for _, w := range words {
				out = append(out, knowledge.Token{Norm: w, Raw: w, Start: t.Start, End: t.End})
			}
			continue
		}
		out = append(out, t)
	}
	out = g.dropSourceClauses(question, out)
	if !wh {
		for _, p := range g.prefaces {
			// What follows must say something: "is it true" or "i
			// heard that" alone asks nothing of the sources.
			rest := out[min(len(p), len(out)):]
			if len(rest) > 0 && normsEqual(out[:len(p)], p) && !(len(rest) == 1 && rest[0].Norm == "that") {
				out, tagged, prefaced = rest, true, true
				break
			}
		}
	}
	if len(out) == 0 {
		return nil, false, false
	}
	return out, tagged, prefaced
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

// contraction returns the stem of the one word of the corpus that an
// unknown word of three to six letters abbreviates by dropping letters
// from within it, keeping its first and last ("bldgs", "buildings"), or ""
// when no word or more than one stem fits. Only a word English does not
// have or without a vowel after its first letter is taken for one: "role"
// is not "responsible"; and never a name English knows or a word with two
// vowels after its first letter, which a contraction drops: "putin" is not
// "population".
func (ix *Index) contraction(word string) string {
	if len(word) < 3 || len(word) > 6 || lexicon.Common(word) && strings.ContainsAny(word[1:], "aeiouy") ||
		lexicon.Name(word) || strings.Count(word[1:], "a")+strings.Count(word[1:], "e")+strings.Count(word[1:], "i")+strings.Count(word[1:], "o")+strings.Count(word[1:], "u") > 1 {
		return ""
	}
	found := ""
	for _, w := range ix.byFirst[word[0]] {
		if len(w) < len(word)+3 || w[len(w)-1] != word[len(word)-1] || !subsequence(word, w) {
			continue
		}
		s := ix.meta.Vocab[w]
		if found != "" && found != s {
			return ""
		}
		found = s
	}
	return found
}

// subsequence reports whether the letters of a occur in b in order.
func subsequence(a, b string) bool {
	i := 0
	for j := 0; i < len(a) && j < len(b); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
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

// progressive reports whether the word at i is a present participle that
// makes "be" a progressive ("who is holding …") rather than asking what
// something is: an English word ending in "-ing" ("Beijing" is a name).
func progressive(toks []knowledge.Token, i int) bool {
	if i < 0 || i >= len(toks) {
		return false
	}
	w := toks[i].Norm
	return len(w) > 5 && strings.HasSuffix(w, "ing") && lexicon.Common(w)
}

// possessive reports whether a word of text was written as a possessive:
// "Biden's" and "Biden’s", whose token stops before the apostrophe, or
// chat's "bidens", whose norm is the name.
func possessive(text string, t knowledge.Token) bool {
	if r, n := utf8.DecodeRuneInString(text[t.End:]); knowledge.Apostrophe(r) && t.End+n < len(text) && text[t.End+n]|0x20 == 's' {
		return true
	}
	return strings.ToLower(t.Raw) == t.Norm+"s"
}

// memberNamed reports whether words name a member of an institution by
// their role: "spokesman" in "the Pentagon's spokesman", whom the
// knowledge base lists as speaking for the Pentagon. One member's role and
// aliases must hold every word: "critics" in "Biden's critics" names no
// one who speaks for Biden, and "foreign minister" in "the Iraqi foreign
// minister" not Iraq's prime minister.
func (ix *Index) memberNamed(inst string, words []knowledge.Token) bool {
	for _, a := range ix.kb.Actors {
		if a.ID == inst || !slices.Contains(ix.kb.SpeaksFor(a.ID), inst) {
			continue
		}
		held := map[string]bool{}
		for _, title := range append([]string{a.Role}, a.Aliases...) {
			for _, rt := range knowledge.Tokenize(title) {
				held[ix.stem(rt.Norm)] = true
			}
		}
		all := true
		for _, w := range words {
			all = all && (determiners[w.Norm] || held[ix.stem(w.Norm)])
		}
		if all {
			return true
		}
	}
	return false
}

// genericCount reports whether a counted noun only names the kind of
// answer ("how many people"): a head noun, but not a unit of time, since
// "how many days" asks for a number of days.
func (g *grammar) genericCount(w string) bool {
	_, head := g.heads[w]
	return head && !g.timeUnits[w]
}

// describedAfter returns the words of the noun phrase after "of" at
// toks[i] ("the name of the British soldier killed at …": British,
// soldier): up to a preposition, an auxiliary, a wh-word or a participle,
// four words at most.
func (g *grammar) describedAfter(toks []knowledge.Token, i int) map[int]bool {
	if i >= len(toks) || toks[i].Norm != "of" {
		return nil
	}
	return g.nounPhrase(toks, i+1)
}

// nounPhrase returns the words of the noun phrase at toks[i], as
// describedAfter does.
func (g *grammar) nounPhrase(toks []knowledge.Token, i int) map[int]bool {
	out := map[int]bool{}
	for k := i; k < len(toks) && len(out) < 4; k++ {
		w := toks[k].Norm
		if determiners[w] {
			continue
		}
		// A verb ends it: "which drone hit Erbil", "which governments
		// said …".
		isVerb := func(w string) bool {
			return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || lexicon.Irregular(w) != nil
		}
		// A misspelt verb too: "which drones approachd …".
		verb := isVerb(w) || len(w) >= 4 && !lexicon.Common(w) && isVerb(lexicon.Correct(w))
		if g.locative[w] || g.aux[w] || g.wh[w] || g.preposition[w] || w == "of" || w == "for" || w == "by" || w == "to" || len(out) > 0 && verb {
			break
		}
		out[k] = true
	}
	return out
}

// characterized returns the words of the thing a question asks how
// someone put, after a verb like "call" or "describe" past the wh-phrase
// ("what did Psaki call Iran": Iran), up to a preposition; none for "call
// for" or "call on", which ask for a demand.
func (g *grammar) characterized(toks []knowledge.Token, whEnd int) map[int]bool {
	if whEnd < 0 {
		return nil
	}
	for i := whEnd; i < len(toks); i++ {
		for _, ph := range g.characterize {
			if i+len(ph) > len(toks) || !normsEqual(toks[i:i+len(ph)], ph) {
				continue
			}
			// "Call for", "call on", "call off": a demand or another
			// verb, not how a thing was put.
			if next := i + len(ph); next < len(toks) {
				if w := toks[next].Norm; w == "for" || w == "upon" || w == "to" || w == "with" || g.verbParticles[w] || g.locative[w] {
					return nil
				}
			}
			out := map[int]bool{}
			for k := i + len(ph); k < len(toks) && len(out) < 4; k++ {
				w := toks[k].Norm
				if w == "for" || w == "as" || w == "according" || g.locative[w] {
					break
				}
				if !determiners[w] {
					out[k] = true
				}
			}
			return out
		}
	}
	return nil
}

// topicOf returns the words of what a question asks someone's words about:
// the noun phrase after its verb of saying and "about", "of", "on",
// "regarding" or "concerning" ("what did Di Maio think of the strikes in
// the Middle East": the strikes). Only the question's verb counts ("how
// did the Pentagon respond to militia claims about …" asks for no topic),
// and "on" before a day dates the words ("what did Psaki say on Monday").
func (g *grammar) topicOf(toks []knowledge.Token, whEnd int) map[int]bool {
	if whEnd < 0 {
		return nil
	}
	for i := whEnd; i+2 < len(toks); i++ {
		if !g.speech[toks[i].Norm] {
			continue
		}
		switch toks[i+1].Norm {
		case "about", "of", "regarding", "concerning":
		case "on":
			next := toks[i+2]
			if determiners[next.Norm] && i+3 < len(toks) {
				next = toks[i+3]
			}
			if _, month := knowledge.Month(next.Norm); month || weekdayWord(next.Norm) || g.timeUnits[next.Norm] {
				return nil
			}
		default:
			return nil
		}
		return g.nounPhrase(toks, i+2)
	}
	return nil
}

// phrases marks as used the words of WordNet's multiword adverbs, which
// only qualify a question ("so far", "in the first place"), and the
// particle of a phrasal verb ("set up", "ended up"); it returns the verbs
// of those, which are verbs however English has their first word.
func (ix *Index) phrases(toks []knowledge.Token, used []bool) map[int]bool {
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	for i := 0; i < len(toks); i++ {
		if !lexicon.AdverbStart(norms[i]) {
			continue
		}
		for n := min(5, len(toks)-i); n >= 2; n-- {
			if lexicon.Adverb(norms[i : i+n]...) {
				for k := i; k < i+n; k++ {
					used[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	phrasal := map[int]bool{}
	for i := 0; i+1 < len(toks); i++ {
		// A word in -s or after a determiner is a noun: "drones on the
		// base" is not "drone on".
		w := toks[i].Norm
		if used[i] || used[i+1] || !ix.grammar.verbParticles[toks[i+1].Norm] ||
			strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || i > 0 && determiners[toks[i-1].Norm] {
			continue
		}
		for _, base := range verbBases(toks[i].Norm) {
			if lexicon.Phrasal(base, toks[i+1].Norm) {
				used[i+1], phrasal[i] = true, true
				break
			}
		}
	}
	return phrasal
}

// verbBases returns the forms a verb form may come from: itself, its
// irregular forms ("brought": "bring") and what its regular endings leave
// ("ended", "setting", "stepped", "tries").
func verbBases(w string) []string {
	out := append([]string{w}, lexicon.Irregular(w)...)
	for _, suf := range []string{"s", "es", "ed", "ing"} {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len(base) < 2 {
			continue
		}
		out = append(out, base, base+"e")
		if n := len(base); n > 2 && base[n-1] == base[n-2] {
			out = append(out, base[:n-1]) // "stepped", "setting"
		}
		if b, ok := strings.CutSuffix(base, "i"); ok && (suf == "es" || suf == "ed") {
			out = append(out, b+"y") // "tries", "tried"
		}
	}
	return out
}

// chatPossessive reports whether a word may be a possessive written
// without its apostrophe ("the ministers name"): a noun-like word in -s,
// not "this", "its", "was" or a verb.
func (g *grammar) chatPossessive(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!determiners[w] && !g.anaphora[w] && !g.aux[w] && !g.be[w] && !lexicon.Verbal(w)
}

// harmWord reports whether a word, in any of its forms, is one a casualty
// record's figures are given by: "casualties", "toll", "wounded".
func (ix *Index) harmWord(t knowledge.Token) bool {
	term, ok := ix.term(t, false)
	return ok && ix.harmful(term)
}

// harmful reports whether a term, in any of its forms, speaks of people
// killed or injured, the only thing a casualty record counts.
func (ix *Index) harmful(t Term) bool {
	return ix.harm[t.Stem] || slices.ContainsFunc(t.Alts, func(s string) bool { return ix.harm[s] })
}

// sourcesOnly reports whether words name only the sources themselves:
// "the article", "the reports".
func (g *grammar) sourcesOnly(toks []knowledge.Token) bool {
	named := false
	for _, t := range toks {
		if determiners[t.Norm] {
			continue
		}
		if !g.sourceWords[t.Norm] {
			return false
		}
		named = true
	}
	return named
}

// actorKind returns the kind of the actor id ("person", "state", …), or ""
// for an id the knowledge base lacks.
func (ix *Index) actorKind(id string) string {
	if a := ix.kb.Actor(id); a != nil {
		return a.Kind
	}
	return ""
}

// titled reports whether the words at the given indexes hold a title
// ("spokesperson", "president").
func (g *grammar) titled(toks []knowledge.Token, words map[int]bool) bool {
	for k := range words {
		if g.titles[toks[k].Norm] {
			return true
		}
	}
	return false
}

// lastOf returns the greatest index in a set of token indexes, or -1.
func lastOf(set map[int]bool) int {
	last := -1
	for k := range set {
		last = max(last, k)
	}
	return last
}

// hyphenedToLetter reports whether token i follows a one-letter token
// joined to it by a hyphen in text, as a designation is written ("F-15"):
// a name, not a count.
func hyphenedToLetter(text string, toks []knowledge.Token, i int) bool {
	if i <= 0 || i >= len(toks) || len(toks[i-1].Raw) != 1 {
		return false
	}
	lo, hi := toks[i-1].End, toks[i].Start
	return lo <= hi && hi <= len(text) && text[lo:hi] == "-"
}

// grammarSlips reads a misspelt word that neither the corpus nor English
// has as the word meant when that is one a question is built with, or a
// word too common to search for ("whta",
// "descrie", "accordig", "himsef"): those shape what is asked, so they are
// read before the rest. Other slips stay for the terms to correct, against
// the corpus first.
func (ix *Index) grammarSlips(toks []knowledge.Token) []knowledge.Token {
	g := ix.grammar
	grammatical := func(w string) bool {
		return g.wh[w] || g.aux[w] || g.speech[w] || g.callWords[w] || g.preposition[w] || g.anaphora[w] || determiners[w] || ix.questionWords[w] || w == "according" || ix.stem(w) == ""
	}
	for i, t := range toks {
		if _, ok := ix.meta.Vocab[t.Norm]; ok || len(t.Norm) < 3 || lexicon.Common(t.Norm) || g.chat[t.Norm] {
			continue
		}
		// A word of three letters is more often an abbreviation, a
		// currency ("usd") or a name ("tim") than a slip: only a letter left out of a
		// grammatical word ("mny", "wht") is read as one.
		w := ""
		if len(t.Norm) == 3 {
			if lexicon.Name(t.Norm) || g.currencies[t.Norm] {
				continue
			}
			w = lexicon.LeftOut(t.Norm, grammatical)
		} else if w = lexicon.Correct(t.Norm); !grammatical(w) {
			w = ""
		}
		if w != "" {
			toks[i].Norm = w
		}
	}
	return toks
}

// titleOnly reports whether a mention of an actor names them by a title
// alone: "the Prime Minister", "the President" — not "the Pentagon" or
// "President Biden".
func (ix *Index) titleOnly(mention string) bool {
	toks := knowledge.Tokenize(mention)
	if len(toks) < 2 || toks[0].Norm != "the" {
		return false
	}
	return slices.ContainsFunc(toks[1:], func(t knowledge.Token) bool { return ix.grammar.titles[t.Norm] })
}
