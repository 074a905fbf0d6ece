package index

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
	"github.com/dossier/dossier/seeds"
)

// answerType reports whether sentences lo..hi (with the label, where it
// speaks to the question) hold the kind of answer the question asks for.
// fd is what a holds of the question (find).
func (f *featurer) answerType(h Hit, a, label *analyzed, fd *found, lo, hi int) bool {
	from, to := tokensIn(a, lo, hi)
	switch f.q.Type {
	case TypeCount:
		if h.Kind == "casualty" {
			// Its figures count the killed and injured only, each
			// after its word ("killed 7; injured not stated").
			return f.harm && f.figureAsked(a, from, to) && f.countNear(a, from, to)
		}
		return f.countNear(a, from, to) || f.unknownCount(a, fd, lo, hi) || f.nthTime(a, fd, from, to)
	case TypeMoney:
		return f.money(a, from, to)
	case TypeDuration, TypeAge:
		// "How long": a number of hours, days, years, or "a day" — not
		// "a day after", which says when, unless that is what is asked
		// ("how long after the parade").
		g := f.ix.grammar
		length := func(j int) bool {
			return g.timeUnits[a.toks[j].Norm] && (f.q.offset || j+1 >= to || !g.timeOffsets[a.toks[j+1].Norm])
		}
		for i := from + 1; i < to; i++ {
			if length(i) && (a.toks[i-1].Norm == "a" || a.toks[i-1].Norm == "an") {
				return true
			}
		}
		return f.numberNear(a, from, to, length, true)
	case TypeDate:
		// A day of the week says when too: "on Monday strongly defended".
		for i := from; i < to; i++ {
			if weekday(a.toks[i].Raw) {
				return true
			}
		}
		return f.dateIn(a, lo, hi) > 0 || (label != nil && len(label.dates) > 0)
	case TypeSpeaker:
		// Who said it: the speaker of a statement or a quotation.
		if h.Kind == string(seeds.KindStatement) || h.Kind == "quote" {
			return true
		}
		return f.otherActor(a, from, to, agentKinds)
	case TypeAgent:
		return f.otherActor(a, from, to, f.agents())
	case TypePlace:
		return f.place(h.Text, a, from, to)
	case TypeName:
		// A name beside what the question names: "Pentagon
		// spokesperson John Kirby".
		return f.nameBeside(h.Text, a, fd, from, to)
	case TypeInstance:
		if len(f.instances) > 0 {
			// "Which senator": one whose name says so.
			return f.unasked(a, from, to, func(_ knowledge.Mention, act *knowledge.Actor) bool { return f.instances[act.ID] })
		}
		if f.q.bodies {
			return f.otherActor(a, from, to, bodyKinds)
		}
		return f.otherActor(a, from, to, agentKinds) || f.properName(a, from, to)
	case TypeReason:
		for i := from; i < to; i++ {
			if f.ix.grammar.reason[a.toks[i].Norm] {
				return true
			}
		}
	case TypeWords:
		// Quotation marks are not tokens: look at the sentences' text, in a
		// passage (a record's quoted words are its claimant's).
		words := h.Kind == string(seeds.KindStatement) || h.Kind == "quote" ||
			h.Type == "passage" && lo <= hi && hi < len(a.sents) && a.sents[hi].End <= len(h.Text) &&
				hasQuoteMark(h.Text[a.sents[lo].Start:a.sents[hi].End], true)
		// "What did Psaki call Iran": words that say what Iran is.
		return words && (f.q.about == 0 && len(f.q.aboutEnts) == 0 || f.characterizes(a, from, to))
	case TypeExpansion:
		return f.expands(h.Text, a, from, to)
	case TypeKind:
		for i := from + 1; i < to; i++ {
			if w := a.toks[i].Norm; strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") && lexicon.Verbal(w) {
				continue // a verb's form: "targeted", not "targets"; "bombing" is a noun too
			}
			if f.byStem[a.stems[i]]&f.q.described != 0 && f.modified(h.Text, a, i) {
				return true
			}
		}
	case TypeDefinition:
		return f.describes(h.Text, a, from, to)
	}
	return false
}

// expands reports whether tokens [from, to) hold an abbreviation of the
// question's in brackets: "Popular Mobilization Forces (PMF)".
func (f *featurer) expands(text string, a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		t := a.toks[i]
		if t.Start > 0 && t.End < len(text) && text[t.Start-1] == '(' && text[t.End] == ')' && f.words[t.Norm] {
			return true
		}
	}
	return false
}

// asked reports whether token i is one the question asks about: a focus
// term or part of a named actor.
func (f *featurer) asked(a *analyzed, i int) bool {
	return f.inQuestion(a, i, true)
}

// describes reports whether tokens [from, to) describe what the question
// asks about: an apposition or a copula right after it ("the PMF, an
// umbrella group", "Kirby is the Pentagon's press secretary").
func (f *featurer) describes(text string, a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		// The name itself, not one who speaks for it: "Muhandis was
		// the deputy commander" does not say what Kataib Hezbollah is.
		if !f.named(a, i) || (i+1 < to && f.named(a, i+1)) {
			continue // the last word of the name
		}
		rest := text[a.toks[i].End:]
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, "(") {
			if k := strings.IndexByte(rest, ')'); k > 0 {
				rest = strings.TrimLeft(rest[k+1:], " ")
			}
		}
		j := i + 1
		for j < to && a.toks[j].Start < a.toks[i].End+len(text[a.toks[i].End:])-len(rest) {
			j++
		}
		if j >= to {
			continue
		}
		sep := strings.TrimSpace(text[a.toks[i].End:a.toks[j].Start])
		next := a.toks[j].Norm
		if strings.HasSuffix(sep, ",") || strings.HasSuffix(sep, "–") || strings.HasSuffix(sep, "—") || strings.HasSuffix(sep, "-") {
			if next == "a" || next == "an" || next == "the" {
				return true
			}
		}
		if sep == "" && f.ix.grammar.be[next] && j+1 < to {
			if n2 := a.toks[j+1].Norm; n2 == "a" || n2 == "an" || n2 == "the" {
				return true
			}
		}
	}
	return false
}

// countNear reports whether a number (not part of a date) stands within
// three words of a counted word, or of any matched term when the question
// names nothing to count.
func (f *featurer) countNear(a *analyzed, from, to int) bool {
	// Whether the text speaks of the counted actors at all is one answer
	// for every number in it.
	ofCounted := len(f.q.countedActors) > 0 && f.harm && f.involves(a, f.q.countedActors)
	return f.numberNear(a, from, to, func(j int) bool {
		s := a.stems[j]
		if len(f.q.countedActors) > 0 {
			// "three Kataib Hezbollah facilities" counts facilities:
			// the name qualifies the noun after it.
			if f.mentionOf(a, j, f.q.countedActors) {
				return !f.nameQualifies(a, j, to)
			}
			// "How many KH were killed": "25 militants were killed" in
			// a passage that speaks of KH.
			return ofCounted && f.harmed(a, j, to)
		}
		if len(f.counted) > 0 {
			if f.modifies(a, j, to) {
				return false // "three rocket attacks" counts attacks, not rockets
			}
			if !f.harm && f.harmed(a, j, to) {
				return false // "four of its fighters were killed": not how many it has
			}
			if f.counted[s] {
				return true
			}
			for k, t := range f.q.Terms {
				if k < 64 && f.byStem[s]&(1<<k) != 0 && f.counted[t.Stem] {
					return true
				}
			}
			return false
		}
		return f.byStem[s] != 0
	}, false)
}

// involves reports whether a text mentions one of the actors ids names,
// or someone who speaks for them.
func (f *featurer) involves(a *analyzed, ids []string) bool {
	return slices.ContainsFunc(a.mentions, func(m knowledge.Mention) bool { return f.actsFor(m.ID, ids) })
}

// actsFor reports whether actor id is one of ids or speaks for one.
func (f *featurer) actsFor(id string, ids []string) bool {
	return slices.ContainsFunc(f.ix.kb.Institutions(id), func(inst string) bool { return slices.Contains(ids, inst) })
}

// nameQualifies reports whether the mention token j is part of qualifies
// the plural noun right after it, which is then what a number before them
// counts: "Kataib Hezbollah" in "three Kataib Hezbollah facilities".
func (f *featurer) nameQualifies(a *analyzed, j, to int) bool {
	for _, m := range a.mentions {
		if !within(a.toks[j], m) {
			continue
		}
		last := j
		for last+1 < to && within(a.toks[last+1], m) {
			last++
		}
		return f.modifies(a, last, to)
	}
	return false
}

// unknownCount reports whether one of sentences lo..hi says that how many
// is not known, of what the question counts or speaks of: "It remains
// unclear how many people were killed".
func (f *featurer) unknownCount(a *analyzed, fd *found, lo, hi int) bool {
	from, to := tokensIn(a, lo, hi)
	for i := from; i < to; i++ {
		if !f.ix.grammar.unknowns[a.toks[i].Norm] {
			continue
		}
		s := a.sentOf[i]
		for j := i + 1; j+1 < to && a.sentOf[j] == s; j++ {
			if a.toks[j].Norm == "how" && (a.toks[j+1].Norm == "many" || a.toks[j+1].Norm == "much") && fd.terms[s] != 0 {
				return true
			}
		}
	}
	return false
}

// harmed reports whether a word of harm follows token j within its clause
// ("fighters were killed"): the number counts the killed or injured.
func (f *featurer) harmed(a *analyzed, j, to int) bool {
	for k := j + 1; k < to && k <= j+3 && a.sentOf[k] == a.sentOf[j]; k++ {
		if f.ix.harm[a.stems[k]] {
			return true
		}
	}
	return false
}

// modifies reports whether token j qualifies the plural noun right after
// it, which is then what a number before them counts: "rocket" in "three
// separate rocket attacks". A verb after it ("rockets landed") leaves it
// the head.
func (f *featurer) modifies(a *analyzed, j, to int) bool {
	k := j + 1
	if k >= to || a.sentOf[k] != a.sentOf[j] || a.toks[k].Start-a.toks[j].End != 1 {
		return false
	}
	w := a.toks[k]
	return w.Raw == w.Norm && len(w.Norm) > 3 && strings.HasSuffix(w.Norm, "s") && a.stems[k] != "" && a.stems[k] != w.Norm &&
		lexicon.Common(w.Norm) && !lexicon.Verbal(w.Norm)
}

// modified reports whether token i stands right after a word that says
// what sort it is: a content word the question does not use, in the same
// phrase ("weapons storage facilities", "precision airstrikes"), not a number
// or a determiner.
func (f *featurer) modified(text string, a *analyzed, i int) bool {
	j := i - 1
	if j < 0 || a.sentOf[j] != a.sentOf[i] || a.stems[j] == "" || f.words[a.toks[j].Norm] || determiners[a.toks[j].Norm] || a.toks[j].Raw != a.toks[j].Norm {
		return false
	}
	if _, number := f.ix.forms.number(a.toks[j].Norm); number || strings.HasSuffix(a.toks[j].Norm, "ly") {
		return false // a count, or an adverb: "increasingly targeted"
	}
	lo, hi := a.toks[j].End, a.toks[i].Start
	return hi <= len(text) && lo <= hi && strings.Trim(text[lo:hi], " -") == ""
}

// figureAsked reports whether a casualty record's tokens [from, to) give
// a number after a word of harm the question asks about: "how many were
// wounded" is not answered by "killed 7; injured not stated".
func (f *featurer) figureAsked(a *analyzed, from, to int) bool {
	for j := from; j < to; j++ {
		if !f.ix.harm[a.stems[j]] || f.byStem[a.stems[j]] == 0 {
			continue
		}
		for k := j + 1; k < to && k <= j+3 && !f.ix.harm[a.stems[k]]; k++ {
			if _, ok := f.ix.forms.number(a.toks[k].Norm); ok {
				return true
			}
		}
	}
	return false
}

// numberNear reports whether a number (not part of a date) stands within
// three words of a token near accepts. A length of time takes only a
// cardinal (cardinal set): "the second time this year" says nothing of how
// long.
func (f *featurer) numberNear(a *analyzed, from, to int, near func(j int) bool, cardinal bool) bool {
	inDate := func(i int) bool {
		for _, d := range a.dates {
			if i >= d.from && i < d.to {
				return true
			}
		}
		return false
	}
	for i := from; i < to; i++ {
		// A figure hyphened to a letter names a thing ("F-15"): it
		// counts nothing.
		if _, ok := f.ix.forms.number(a.toks[i].Norm); !ok || inDate(i) || cardinal && f.ix.forms.ordinal(a.toks[i].Norm) || hyphenedToLetter(a.text, a.toks, i) {
			continue
		}
		// What a number counts follows it ("14 rockets", "four of its
		// fighters"), past any name that qualifies it ("several thousand
		// Islamic State fighters"), or stands right before it ("rockets:
		// 14").
		end := i + 4
		for k := i + 1; k < to && k < end && (capitalized(a.toks[k].Raw) || allCaps(a.toks[k].Raw)); k++ {
			end++
		}
		// A possessive is a determiner: "four of the group's fighters".
		for k := i + 1; k < to && k < end; k++ {
			if possessive(a.text, a.toks[k]) {
				end++
			}
		}
		for j := max(from, i-1); j < min(to, end); j++ {
			if j != i && near(j) {
				return true
			}
		}
	}
	return false
}

// agentKinds are the kinds of actor that answer "who": people and bodies,
// not places.
var agentKinds = map[string]bool{"person": true, "group": true, "militia": true, "party": true, "monitor": true, "state-media": true, "us-official": true}

// placeKinds are the kinds of actor that answer "where" wherever they are
// named. A state answers only where its name is a noun (stateNamed).
var placeKinds = map[string]bool{"place": true}

// bodyKinds are the kinds of actor that answer "which groups".
var bodyKinds = map[string]bool{"group": true, "militia": true, "party": true, "state-media": true, "us-official": true}

// agents returns the kinds of actor that answer the question's "who".
func (f *featurer) agents() map[string]bool {
	if f.q.bodies {
		return bodyKinds
	}
	return agentKinds
}

// otherActor reports whether tokens [from, to) name an actor the question
// does not (of the given kinds, if any).
func (f *featurer) otherActor(a *analyzed, from, to int, kinds map[string]bool) bool {
	return f.unasked(a, from, to, func(_ knowledge.Mention, act *knowledge.Actor) bool {
		return kinds == nil || kinds[act.Kind]
	})
}

// actsForOther reports whether token i is in the name of a person the
// sources know who acts for none of the actors the question names:
// President Joe Biden is not "the president of Syria".
func (f *featurer) actsForOther(a *analyzed, i int) bool {
	id, ok := f.personAt(a, i)
	if len(f.ents) == 0 || !ok {
		return false
	}
	for _, in := range f.ix.kb.Institutions(id) {
		if _, asked := f.ents[in]; asked {
			return false
		}
	}
	return true
}

// unasked reports whether ok holds for some mention in tokens [from, to)
// of an actor the sources know and the question does not name.
func (f *featurer) unasked(a *analyzed, from, to int, ok func(knowledge.Mention, *knowledge.Actor) bool) bool {
	if from >= to {
		return false
	}
	start, end := a.toks[from].Start, a.toks[to-1].End
	for _, m := range a.mentions {
		if m.Start < start || m.End > end {
			continue
		}
		if _, asked := f.ents[m.ID]; asked {
			continue
		}
		if act := f.ix.kb.Actor(m.ID); act != nil && ok(m, act) {
			return true
		}
	}
	return false
}

// place reports whether tokens [from, to) put something in a place the
// question does not name: a place the sources know, wherever it stands
// ("leaving Baghdad International Airport", "two in Syria"), or a locative
// preposition before a capitalized name ("near the al Omar oil field").
func (f *featurer) place(text string, a *analyzed, from, to int) bool {
	if f.otherActor(a, from, to, placeKinds) || f.stateNamed(text, a, from, to) {
		return true
	}
	for i := from; i+1 < to; i++ {
		if !f.ix.grammar.locative[a.toks[i].Norm] {
			continue
		}
		j := i + 1
		for j < to && (a.toks[j].Norm == "the" || a.toks[j].Norm == "a") {
			j++
		}
		if j >= to || f.asked(a, j) {
			continue
		}
		for _, m := range a.mentions {
			if m.Start == a.toks[j].Start {
				if act := f.ix.kb.Actor(m.ID); act != nil && (act.Kind == "place" || act.Kind == "state") {
					return true
				}
			}
		}
		if r := a.toks[j].Raw[0]; r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// stateNamed reports whether tokens [from, to) name a state the question
// does not, as a noun: not as an adjective ("Iraqi", "U.S. forces") or the
// first part of a compound ("Iran-backed"), which say whose, not where.
func (f *featurer) stateNamed(text string, a *analyzed, from, to int) bool {
	return f.unasked(a, from, to, func(m knowledge.Mention, act *knowledge.Actor) bool {
		if act.Kind != "state" {
			return false
		}
		raw := text[m.Start:m.End]
		if strings.Contains(raw, ".") || allCaps(raw) || m.End < len(text) && text[m.End] == '-' {
			return false
		}
		lower := strings.ToLower(raw)
		country, known := f.ix.forms.region[lower]
		return !known || country == lower // not the adjective
	})
}

// nameBeside reports whether tokens [from, to) hold a name, not opening a
// sentence, that the question does not give, with only a space between it
// and a focus term ("spokesperson John Kirby", "Senator Bob Menendez"; not
// "attack: Rockets" or "UAV attacks"), in a sentence that holds all the
// question's terms and actors. A name is a run of capitalized words of
// which one is no common English word, or English has only as a name.
func (f *featurer) nameBeside(text string, a *analyzed, fd *found, from, to int) bool {
	if f.namesTitled(a, from, to) {
		return true
	}
	// The name's sentence must hold all the question describes: a name
	// beside "minister" in "Iraqi Prime Minister" is not the Iranian
	// foreign minister's.
	allTerms := uint64(1)<<min(len(f.q.Terms), 64) - 1
	allEnts := uint64(1)<<min(len(f.q.Entities), 64) - 1
	for i := from; i < to; i++ {
		// A sentence's first word is capitalized whatever it is, but a
		// person the sources know is a name there too ("Muhandis was
		// also the deputy commander …").
		opens := i == 0 || a.sentOf[i-1] != a.sentOf[i]
		if _, person := f.personAt(a, i); opens && !person || f.named(a, i) {
			continue
		}
		if s := a.sentOf[i]; fd.terms[s]&allTerms != allTerms || fd.ents[s]&allEnts != allEnts {
			continue
		}
		if !capitalized(a.toks[i].Raw) || f.actsForOther(a, i) {
			continue
		}
		// The name runs on from the word beside the description, away
		// from it: "Senator Bob Menendez".
		step := 0
		switch {
		case f.describedBy(text, a, i-1, i, from, to):
			step = 1
		case f.describedBy(text, a, i+1, i, from, to) || f.describedAfter(text, a, i, from, to):
			step = -1
		default:
			continue
		}
		// A word of the question is not the name it asks for: "British"
		// in "the name of the British soldier".
		for k := i; k >= from && k < to && capitalized(a.toks[k].Raw) && a.sentOf[k] == a.sentOf[i]; k += step {
			if w := a.toks[k].Norm; !f.words[w] && (lexicon.Name(w) || !lexicon.Common(w)) {
				return true
			}
		}
	}
	return false
}

// namesTitled reports whether tokens [from, to) name, by a word the
// question does not use, an actor the question calls by a title ("the
// Iraqi prime minister": "Mustafa al-Kadhimi").
func (f *featurer) namesTitled(a *analyzed, from, to int) bool {
	if from >= to {
		return false
	}
	start, end := a.toks[from].Start, a.toks[to-1].End
	for _, m := range a.mentions {
		if _, asked := f.ents[m.ID]; !asked || m.Start < start || m.End > end {
			continue
		}
		act := f.ix.kb.Actor(m.ID)
		if act == nil || act.Kind != "person" {
			continue // a group's other spelling is no name of it
		}
		for i := from; i < to; i++ {
			t := a.toks[i]
			// A country in a title is no name: "the President of
			// Israel" names no one.
			_, country := f.ix.forms.region[t.Norm]
			if within(t, m) && capitalized(t.Raw) && !f.words[t.Norm] && !country && (lexicon.Name(t.Norm) || !lexicon.Common(t.Norm)) {
				return true
			}
		}
	}
	return false
}

// allCaps reports whether a word is written in capitals, as an
// abbreviation is ("IS", "KSS").
func allCaps(raw string) bool {
	return raw != "" && strings.ToUpper(raw) == raw && strings.ToLower(raw) != raw
}

// capitalized reports whether a word is written as a name is: a capital,
// then lower case ("Kirby"; not "UAV" or "PSAKI").
func capitalized(raw string) bool {
	r, n := utf8.DecodeRuneInString(raw)
	rest := raw[n:]
	return unicode.IsUpper(r) && rest != "" && strings.ToLower(rest) == rest
}

// named reports whether token i is a focus term or part of an actor the
// question itself names: unlike asked, not one who speaks for it (Iran's
// spokesman is the answer to "the name of Iran's spokesman").
func (f *featurer) named(a *analyzed, i int) bool {
	return f.inQuestion(a, i, false)
}

// inQuestion reports whether token i is a focus term or part of a mention
// of an actor the question names — with institutions, also of one who
// speaks for such an actor.
func (f *featurer) inQuestion(a *analyzed, i int, institutions bool) bool {
	if f.byStem[a.stems[i]] != 0 {
		return true
	}
	for _, m := range a.mentions {
		if a.toks[i].Start < m.Start || a.toks[i].End > m.End {
			continue
		}
		if _, ok := f.ents[m.ID]; ok {
			return true
		}
		if institutions {
			for _, id := range f.ix.kb.Institutions(m.ID) {
				if _, ok := f.ents[id]; ok {
					return true
				}
			}
		}
	}
	return false
}

// describedBy reports whether token j, within [from, to), is a focus term
// of the question with only a space between it and token i: a description
// name i stands beside ("spokesperson"), not an actor it names ("Erbil Air
// Base") nor a word across punctuation.
func (f *featurer) describedBy(text string, a *analyzed, j, i, from, to int) bool {
	if j < from || j >= to || f.byStem[a.stems[j]] == 0 {
		return false
	}
	if f.q.described != 0 && f.byStem[a.stems[j]]&f.q.described == 0 {
		return false // beside a word of the question the name does not describe
	}
	lo, hi := a.toks[min(i, j)].End, a.toks[max(i, j)].Start
	return hi <= len(text) && lo <= hi && strings.TrimSpace(text[lo:hi]) == ""
}

// personAt returns the id of the person the sources know whose mention
// token i is part of; false when the token's mention, if any, is not of a
// person.
func (f *featurer) personAt(a *analyzed, i int) (string, bool) {
	for _, m := range a.mentions {
		if within(a.toks[i], m) {
			act := f.ix.kb.Actor(m.ID)
			return m.ID, act != nil && act.Kind == "person"
		}
	}
	return "", false
}

// describedAfter reports whether the name ending at token i is followed,
// across a comma or a copula, by what the question describes: "Qassem
// Soleimani, the head of …", "Muhandis was also the deputy commander of
// …". Question words may come first ("deputy" before "commander").
func (f *featurer) describedAfter(text string, a *analyzed, i, from, to int) bool {
	in := func(j int) bool { return j < to && a.sentOf[j] == a.sentOf[i] }
	sep := func(j int) string { return strings.TrimSpace(text[a.toks[j-1].End:a.toks[j].Start]) }
	j := i + 1
	switch {
	case !in(j):
		return false
	case sep(j) == ",":
	case sep(j) == "" && f.ix.grammar.be[a.toks[j].Norm]:
		j++
		if !in(j) || sep(j) != "" {
			return false
		}
	default:
		return false
	}
	// From there on, only spaces between the words.
	for k := j; in(k) && (k == j || sep(k) == ""); k++ {
		w := a.toks[k].Norm
		switch {
		case w == "also" || determiners[w]:
		case f.byStem[a.stems[k]] != 0:
			if f.q.described == 0 || f.byStem[a.stems[k]]&f.q.described != 0 {
				return true
			}
		default:
			return false
		}
	}
	return false
}

// properName reports whether tokens [from, to) hold a capitalized name,
// not opening a sentence, that the question does not name.
func (f *featurer) properName(a *analyzed, from, to int) bool {
	for i := from; i < to; i++ {
		if i == 0 || a.sentOf[i-1] != a.sentOf[i] || f.asked(a, i) {
			continue
		}
		if r := a.toks[i].Raw[0]; r >= 'A' && r <= 'Z' && len(a.toks[i].Raw) > 1 {
			return true
		}
	}
	return false
}

// weekday reports whether a word is the name of a day of the week, written
// as a name ("Monday"); in a question, any case will do (weekdayWord).
func weekday(raw string) bool {
	return dayName(raw, func(a, b string) bool { return a == b })
}

// weekdayWord reports whether a word, in any case, names a day of the week:
// in a question, "monday" is Monday.
func weekdayWord(w string) bool {
	return dayName(w, strings.EqualFold)
}

func dayName(w string, same func(a, b string) bool) bool {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if same(w, d.String()) {
			return true
		}
	}
	return false
}

// mentionOf reports whether token j lies within a mention of one of the
// actors ids, or of an actor that speaks for one ("two American service
// members" mentions the United States).
func (f *featurer) mentionOf(a *analyzed, j int, ids []string) bool {
	t := a.toks[j]
	return slices.ContainsFunc(a.mentions, func(m knowledge.Mention) bool { return within(t, m) && f.actsFor(m.ID, ids) })
}

// characterizes reports whether tokens [from, to) say what the thing a
// question asks about is: it is followed by a form of "be", "as" or an
// article ("Iran is a bad actor", "called the strikes a violation"), or
// follows a word that calls it something ("called them …").
func (f *featurer) characterizes(a *analyzed, from, to int) bool {
	g := f.ix.grammar
	for i := from; i < to; i++ {
		if f.byStem[a.stems[i]]&f.q.about == 0 && !f.mentionOf(a, i, f.q.aboutEnts) {
			continue
		}
		// The thing and what follows it in one clause: "one in Iraq –
		// were selected" does not say what Iraq is.
		if i+1 < to && strings.TrimSpace(a.text[a.toks[i].End:a.toks[i+1].Start]) == "" {
			next := a.toks[i+1].Norm
			if g.be[next] || next == "remains" || next == "as" || next == "a" || next == "an" {
				return true
			}
		}
		for k := i - 1; k >= from && k >= i-2; k-- {
			if g.callWords[a.toks[k].Norm] {
				return true
			}
			if !determiners[a.toks[k].Norm] {
				break
			}
		}
	}
	return false
}

// money reports whether tokens [from, to) hold a sum of money: a number
// after a currency sign ("$5 million") or before a currency's name within
// three words ("5 million dollars").
func (f *featurer) money(a *analyzed, from, to int) bool {
	g := f.ix.grammar
	for i := from; i < to; i++ {
		if _, ok := f.ix.forms.number(a.toks[i].Norm); !ok {
			continue
		}
		if before := strings.TrimRight(a.text[:a.toks[i].Start], " "); strings.HasSuffix(before, "$") || strings.HasSuffix(before, "€") || strings.HasSuffix(before, "£") {
			return true
		}
		for j := i + 1; j < to && j <= i+3; j++ {
			if g.currencies[a.toks[j].Norm] {
				return true
			}
		}
	}
	return false
}

// namedBy returns the people and places the sources know with a name or
// alias holding the noun, in the singular or the plural ("senator": Murphy
// and Menendez, not the Senate; "camp": Camp Taji), or nil. Groups and
// states are not asked for by such a noun ("which news agency", "which
// militia groups" name bodies the sources may not list).
func (ix *Index) namedBy(noun string) map[string]bool {
	if noun == "" {
		return nil
	}
	var out map[string]bool
	for _, act := range ix.kb.Actors {
		if act.Kind != "person" && act.Kind != "place" {
			continue // "which news agency", "which groups": not by name
		}
		for _, name := range append([]string{act.Name}, act.Aliases...) {
			if slices.ContainsFunc(knowledge.Tokenize(name), func(t knowledge.Token) bool { return knowledge.SameNoun(t.Norm, noun) }) {
				if out == nil {
					out = map[string]bool{}
				}
				out[act.ID] = true
				break
			}
		}
	}
	return out
}

// ofKind returns the actors the knowledge base has as of the kind a noun
// names ("which militias": Kataib Hezbollah, Kataib Sayyid al-Shuhada …),
// but people and places, whom namedBy finds by name; nil for none.
func (ix *Index) ofKind(noun string) map[string]bool {
	var out map[string]bool
	for _, act := range ix.kb.Actors {
		if noun != "" && act.Kind != "person" && act.Kind != "place" && knowledge.SameNoun(string(act.Kind), noun) {
			if out == nil {
				out = map[string]bool{}
			}
			out[act.ID] = true
		}
	}
	return out
}

// nthTime reports whether tokens [from, to) say how many times by an
// ordinal ("the second time he has ordered such strikes") or a count of
// times ("were attacked at least six times"), in a sentence that holds
// what the question counts, within six words of it.
func (f *featurer) nthTime(a *analyzed, fd *found, from, to int) bool {
	if f.countedTerms == 0 {
		return false
	}
	countedNear := func(i int) bool {
		for j := max(from, i-6); j < min(to, i+8); j++ {
			if a.sentOf[j] == a.sentOf[i] && f.byStem[a.stems[j]]&f.countedTerms != 0 {
				return true
			}
		}
		return false
	}
	for i := from; i+1 < to; i++ {
		var says bool
		switch a.toks[i+1].Norm {
		case "time":
			says = f.ix.forms.ordinal(a.toks[i].Norm)
		case "times":
			_, n := f.ix.forms.number(a.toks[i].Norm)
			says = n && !f.ix.forms.ordinal(a.toks[i].Norm)
		}
		// Only then where the counted word is: the window is a hot path.
		if says && fd.terms[a.sentOf[i]]&f.countedTerms != 0 && countedNear(i) {
			return true
		}
	}
	return false
}
