package bot

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
	"github.com/dossier/dossier/seeds"
)

// WhoSaidRequest asks for a speaker's words, or (Quote set) for who said
// some words.
type WhoSaidRequest struct {
	Speaker string
	Quote   string
}

// WhoSaid answers "what did X say" and, with Quote, "who said these words",
// keeping every attribution the sources give.
func (b *Bot) WhoSaid(ctx context.Context, req WhoSaidRequest) (*Answer, error) {
	if q := Clean(req.Quote); q != "" {
		if n := len([]rune(q)); n > MaxQuestion {
			return nil, inputErrorf("Those words are %d characters long; keep them to %d or fewer.", n, MaxQuestion)
		}
		return b.whoSaidWords(q), nil
	}
	name := Clean(req.Speaker)
	if name == "" {
		return nil, inputErrorf("Name a speaker, like Blinken, Kirby or Psaki, or give some words to find who said them.")
	}
	if err := tooLong("name", name, 100); err != nil {
		return nil, err
	}
	speakers := map[string]bool{}
	mentions := b.kb.Tagger().TagFuzzy(name)
	for _, m := range mentions {
		speakers[m.ID] = true
	}
	if other := b.otherPerson(name, mentions); other != "" {
		// "Jill Biden" is not Joe Biden, though "Biden" is his name.
		a := &Answer{Command: "who-said", Query: name, Results: []Result{}, NotCovered: true}
		a.Text = fmt.Sprintf("The sources quote no one called %s; they quote %s.", echo(name), other)
		return a, nil
	}
	if len(speakers) == 0 {
		if id := b.speakerByPrefix(name); id != "" {
			speakers[id] = true
		} else if strings.ContainsRune(name, ' ') {
			// The start of a name the sources do not quote ("kataib
			// sayyid"): told so by name.
			for _, id := range b.actorsByWord(name, false) {
				speakers[id] = true
			}
		}
	}
	a := &Answer{Command: "who-said", Query: name, Results: []Result{}}
	if len(speakers) == 0 && len(b.contentWords(name)) >= 2 {
		// Words given as a name ("who-said deter future action"): who
		// said them, if anyone did.
		if w := b.whoSaidWords(name); len(w.Results) > 0 {
			w.Text = fmt.Sprintf("No speaker is called %s; read as words someone said. %s", echo(name), w.Text)
			return w, nil
		}
	}
	if len(speakers) == 0 {
		a.NotCovered = true
		people, bodies := b.speakerNames()
		a.Text = fmt.Sprintf("The sources quote no one called %s.", echo(name))
		if len(people) > 0 {
			a.Text += " People they quote: " + strings.Join(people, ", ") + "."
		}
		if len(bodies) > 0 {
			a.Text += " Governments and groups: " + strings.Join(bodies, ", ") + "."
		}
		return a, nil
	}
	var said []*knowledge.Quote
	for _, q := range b.quotes {
		for _, inst := range b.kb.SpeaksFor(q.Speaker) {
			if speakers[inst] {
				said = append(said, q)
				break
			}
		}
	}
	reports := 0
	for _, group := range statements(said) {
		// One statement two sources report, or one reports twice, is one
		// result: the fullest words, with the others' citations.
		full := group[0]
		for _, q := range group[1:] {
			if len(q.Quote) > len(full.Quote) {
				full = q
			}
		}
		r := b.quoteResult(full)
		for _, q := range group {
			if q != full {
				// Its words, and the words naming who spoke them ("as
				// Binkin said").
				other := b.quoteResult(q).Citations
				r.Citations = append(r.Citations, other[0].as(Also))
				r.Citations = append(r.Citations, other[1:]...)
				reports++
			}
		}
		a.Results = append(a.Results, r)
	}
	names := b.sortedNames(speakers)
	if len(a.Results) == 0 {
		a.NotCovered = true
		a.Text = fmt.Sprintf("The sources quote no words of %s.", joinList(names, "and"))
		return a, nil
	}
	a.Text = fmt.Sprintf("%s: %d %s in the sources.", joinList(names, "and"), len(a.Results), Plural(len(a.Results), "quotation", "quotations"))
	if reports > 0 {
		a.Text += fmt.Sprintf(" %d more %s of the same words %s cited under the quotation %s.", reports, Plural(reports, "report", "reports"), Plural(reports, "is", "are"), Plural(reports, "it reports", "they report"))
	}
	return a, nil
}

// statements groups quotations, in order of their first, by the statement
// they report: records of one speaker that a same_words key joins, one of
// whose words holds the other's whole (two outlets quote one answer, one
// more of it). A key may join different answers that share a phrase
// ("necessary, appropriate, deliberate action"): those stay apart, as do
// records of different speakers, whose words are disputed.
func statements(qs []*knowledge.Quote) [][]*knowledge.Quote {
	var out [][]*knowledge.Quote
	words := map[*knowledge.Quote]string{}
	for _, q := range qs {
		// Without full stops, so "U.S." is "US" as another outlet writes it.
		words[q] = plainWords(strings.ReplaceAll(q.Quote, ".", ""))
	}
	same := func(a, b *knowledge.Quote) bool {
		return a.Speaker == b.Speaker && a.SameWords == b.SameWords &&
			(strings.Contains(words[a], words[b]) || strings.Contains(words[b], words[a]))
	}
	for _, q := range qs {
		i := -1
		if q.SameWords != "" {
			i = slices.IndexFunc(out, func(g []*knowledge.Quote) bool {
				return slices.ContainsFunc(g, func(o *knowledge.Quote) bool { return same(o, q) })
			})
		}
		if i >= 0 {
			out[i] = append(out[i], q)
			continue
		}
		out = append(out, []*knowledge.Quote{q})
	}
	return out
}

func (b *Bot) sortQuotes() []*knowledge.Quote {
	qs := make([]*knowledge.Quote, len(b.kb.Quotes))
	for i := range b.kb.Quotes {
		qs[i] = &b.kb.Quotes[i]
	}
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].When != qs[j].When {
			return qs[i].When.Before(qs[j].When)
		}
		return qs[i].Doc < qs[j].Doc
	})
	return qs
}

// otherPerson returns the name of the actor a speaker's name was matched
// to when the name holds a word English has only as a name, that none of
// the actor's names holds ("Jill" of "Jill Biden"): it names someone else
// of the same surname. It returns "" when the name is the actor's.
func (b *Bot) otherPerson(name string, ms []knowledge.Mention) string {
	toks := knowledge.Tokenize(name)
	for _, m := range ms {
		act := b.kb.Actor(m.ID)
		if act == nil || act.Kind != "person" {
			continue
		}
		own := b.kb.AliasWords(m.ID)
		for _, t := range toks {
			inside := slices.ContainsFunc(ms, func(o knowledge.Mention) bool { return t.Start >= o.Start && t.End <= o.End })
			if !inside && !own[t.Norm] && lexicon.Name(t.Norm) && !b.honorific(t.Norm) {
				return act.Name
			}
		}
	}
	return ""
}

// honorific reports whether a folded word is written before a name as a
// title ("mr", "sen").
func (b *Bot) honorific(word string) bool {
	en, err := b.kb.English()
	return err == nil && slices.Contains(en.Honorifics, word)
}

// speakerNames lists everyone the sources quote: the people, and the
// governments and groups whose statements they quote without a person's
// name.
func (b *Bot) speakerNames() (people, bodies []string) {
	seen := map[string]bool{}
	for _, q := range b.kb.Quotes {
		a := b.kb.Actor(q.Speaker)
		if a == nil || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		if a.Kind == "person" {
			people = append(people, a.Name)
		} else {
			bodies = append(bodies, a.Name)
		}
	}
	sort.Strings(people)
	// "the Pentagon" among the P's.
	slices.SortFunc(bodies, func(x, y string) int {
		return strings.Compare(strings.TrimPrefix(x, "the "), strings.TrimPrefix(y, "the "))
	})
	return people, bodies
}

// speakerByPrefix returns the quoted speaker one of whose names opens with
// a word of four letters or more ("khatib" for Khatibzadeh), or is a
// shorter word ("Joe", "Jen"), when only one does: people shorten a long
// name they cannot spell, and call people by their first names.
func (b *Bot) speakerByPrefix(word string) string {
	if ids := b.actorsByWord(word, true); len(ids) == 1 {
		return ids[0]
	}
	return "" // none, or two speakers: not for us to choose
}

// actorsByWord returns the actors — those the sources quote, with quoted
// set — one of whose names opens with word (with words, whole, of
// several: "kataib sayyid"), of four letters or more
// ("khatib" for Khatibzadeh), or is word, a slip away for five letters or
// more ("Hezbolah", "Sayid"), or a shorter word ("Joe", "Jen").
func (b *Bot) actorsByWord(word string, quoted bool) []string {
	word = strings.ToLower(word)
	short := len([]rune(word)) < 4
	// "the" opens "the Pentagon" but names no one.
	if len([]rune(word)) < 3 || b.skip[word] {
		return nil
	}
	var candidates []*knowledge.Actor
	if quoted {
		for _, q := range b.kb.Quotes {
			if a := b.kb.Actor(q.Speaker); a != nil {
				candidates = append(candidates, a)
			}
		}
	} else {
		for i := range b.kb.Actors {
			candidates = append(candidates, &b.kb.Actors[i])
		}
	}
	var found []string
	for _, a := range candidates {
		if slices.Contains(found, a.ID) {
			continue
		}
		if strings.ContainsRune(word, ' ') {
			// Several words: the start of one of its names, whole
			// ("kataib sayyid" for Kataib Sayyid al-Shuhada).
			if slices.ContainsFunc(append([]string{a.Name}, a.Aliases...), func(n string) bool { return strings.HasPrefix(strings.ToLower(n), word) }) {
				found = append(found, a.ID)
			}
			continue
		}
		for _, n := range strings.FieldsFunc(strings.ToLower(a.Name), func(r rune) bool { return !unicode.IsLetter(r) }) {
			slip := len([]rune(word)) >= 5 && knowledge.Distance(word, n, 1) <= 1
			if short && n == word || !short && (strings.HasPrefix(n, word) || slip) {
				found = append(found, a.ID)
				break
			}
		}
	}
	return found
}

// whoSaidWords finds every quote record holding the words (or most of their
// content words), and says when the sources disagree about the speaker.
func (b *Bot) whoSaidWords(words string) *Answer {
	a := &Answer{Command: "who-said", Query: words, Results: []Result{}}
	type match struct {
		q     *knowledge.Quote
		score float64
	}
	var ms []match
	qw := b.contentWords(words)
	quoteWords := b.quoteWords()
	for _, q := range b.quotes {
		if s := phraseOverlap(qw, quoteWords[q.ID]); s >= 0.75 {
			ms = append(ms, match{q, s})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].score > ms[j].score })
	speakers := map[string][]string{}
	// Words found only in part, or by a word that only shares its start
	// ("deter" for "deterrent"), are words like the ones asked about: the
	// reply must not say who matched only so said them. A speaker said
	// them when one of their quotations holds every word as given.
	exact := map[string]bool{}
	given := plainWords(words)
	var order []string
	for _, m := range ms {
		r := b.quoteResult(m.q)
		a.Results = append(a.Results, r)
		if _, ok := speakers[r.Speaker]; !ok {
			order = append(order, r.Speaker)
		}
		have := quoteWords[m.q.ID]
		// Every word as given, the small ones too: "take revenge" is not
		// in "the bitterness of revenge".
		whole := strings.Contains(plainWords(b.quoteText()[m.q.ID]), given)
		if m.score >= 1 && whole && !slices.ContainsFunc(qw, func(w string) bool { return !slices.Contains(have, w) }) {
			if !exact[r.Speaker] {
				speakers[r.Speaker] = nil // the sources of words like these go
			}
			exact[r.Speaker] = true
		} else if exact[r.Speaker] {
			continue // words like these beside the words themselves
		}
		speakers[r.Speaker] = appendUnique(speakers[r.Speaker], seeds.Label(m.q.Doc))
	}
	if len(order) == 0 {
		a.NotCovered = true
		a.Text = "The sources quote no one saying those words."
		return a
	}
	var said, like []string
	for _, s := range order {
		if exact[s] {
			said = append(said, s)
		} else {
			like = append(like, s)
		}
	}
	clause := func(who []string, these string) string {
		if len(who) == 1 {
			return fmt.Sprintf("%s said %s (%s)", who[0], these, strings.Join(speakers[who[0]], ", "))
		}
		var parts []string
		for _, s := range who {
			parts = append(parts, fmt.Sprintf("%s (%s)", s, strings.Join(speakers[s], ", ")))
		}
		return fmt.Sprintf("The sources attribute %s to %d speakers: %s", these, len(who), joinList(parts, "and"))
	}
	var clauses []string
	if len(said) > 0 {
		clauses = append(clauses, clause(said, "these words"))
	}
	if len(like) > 0 {
		clauses = append(clauses, clause(like, "words like these"))
	}
	a.Text = strings.Join(clauses, "; ") + "."
	return a
}

// plainWords is text in lower case with every run of characters other
// than letters and figures one space, padded with a space at each end, so
// that words are found whole in it whatever the marks between them.
func plainWords(text string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
