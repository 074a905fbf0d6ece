package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
	"github.com/dossier/dossier/seeds"
)

// Explain says why a result ranked where it did: the candidate it came
// from and the features that scored it.
type Explain struct {
	// Candidate is the passage ("003:12") or record ("quote:…") ranked.
	Candidate string `json:"candidate"`
	// Kind is the candidate's kind: paragraph, statement, quote, event, …
	Kind string `json:"kind"`
	index.Features
}

// String is the explanation on one line.
func (e *Explain) String() string {
	return fmt.Sprintf("%s (%s): %s", e.Candidate, e.Kind, e.Features.String())
}

// ranked answers a question from one ranking of passages and curated
// records: the first limit distinct results, or why the sources cannot
// answer. Snippets are built only for the results kept.
func (b *Bot) ranked(ctx context.Context, q string, limit int, explain bool) (*Answer, error) {
	rk, err := b.search.Rank(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("ask %q: %w", q, err)
	}
	a := &Answer{Command: "ask", Query: q, Results: []Result{}}
	if explain {
		a.Analysis = rk.Question
	}
	switch {
	case len(rk.Question.Impossible) > 0:
		// "What happened on June 31": no day to answer of. A mistake in
		// the request, as timeline and casualties tell a bad date.
		return nil, inputErrorf("That date does not exist: %s.", joinList(rk.Question.Impossible, "and"))
	case rk.Ahead || len(rk.Later) > 0:
		a.NotCovered = true
		a.Text = "The sources say nothing of what came after them"
		if rk.LastDate.Year != 0 {
			a.Text = "The sources end on " + rk.LastDate.Human() + " and say nothing of what came after"
		}
		if len(rk.Later) > 0 {
			a.Text += fmt.Sprintf(" (%s)", joinList(quoteAll(rk.Later), "or"))
		}
		a.Text += "."
		return a, nil
	case rk.Unsearchable:
		const nothing = "There is nothing to search for in that question: name a person, place or event, e.g. Who said the strikes would deter future action?"
		if foreignScript(q) {
			return nil, inputErrorf("%s", englishOnly)
		}
		if b.see(q) != "" {
			// "who said what": another command answers it (Ask's See).
			a.NotCovered, a.Text = true, nothing
			return a, nil
		}
		if b.asksOfNothing(q) {
			// "what happened", "tell me more": a newcomer's first
			// question, or a follow-up without what it follows. The
			// summary tells the story; the reply says how to ask.
			a.NotCovered, a.See = true, "summary"
			a.Text = "That question names nothing to look up: ask about a person, place, date or event, e.g. What happened on June 27?"
			return a, nil
		}
		// "???!!!", "thanks!": a mistake in the request, as a question
		// that is only a mention (@everyone) is.
		return nil, inputErrorf("%s", nothing)
	case !rk.Covered() && foreignWords(rk.Question):
		return nil, inputErrorf("%s", englishOnly)
	case len(rk.Missing) > 0:
		a.NotCovered = true
		a.Text = fmt.Sprintf("The sources don't mention %s.", someWords(rk.Missing, asNames, "or"))
		return a, nil
	case !rk.Covered():
		a.NotCovered = true
		a.Text = "The sources don't cover that: no passage matches enough of the question."
		if ds := rk.Question.Dates; len(ds) > 0 {
			// "What happened on July 20": say which day they are silent on.
			var words []string
			for _, d := range ds {
				words = append(words, d.Word)
			}
			a.Text = fmt.Sprintf("The sources don't cover that: no passage of %s matches enough of the question.", someWords(words, quoteAll, "or"))
		}
		if what := b.untypedText(rk); what != "" {
			a.Text = "The sources speak of that, but none of them " + what + "."
			if held := heldWords(rk); len(rk.UntypedLacks) > 0 && len(held) > 0 && rk.Untyped != index.TypeWords {
				// Say what of it they speak of: "israelis" is Israel's
				// visit, not Israelis who died.
				a.Text = fmt.Sprintf("The sources speak of %s, but not together with %s, and none of them %s.", someWords(held, quoteAll, "and"), someWords(rk.UntypedLacks, quoteAll, "or"), what)
			}
		}
		if len(rk.Uncovered) > 0 {
			a.Text = fmt.Sprintf("The sources don't cover that: nothing in them speaks of %s together with the rest of the question.", someWords(rk.Uncovered, quoteAll, "or"))
		}
		return a, nil
	}
	passages := map[string]*index.Ranked{}
	for i := range rk.Hits {
		if h := &rk.Hits[i]; h.Type == "passage" {
			passages[h.ID] = h
		}
	}
	seen := map[string]bool{}
	for i := range rk.Hits {
		h := &rk.Hits[i]
		if !rk.Shows(h) {
			continue // too little of the question, or none of the actors it names
		}
		r, ok := b.rankedResult(h)
		if ok && h.Type == "fact" {
			// A quotation's words are its speaker's: the passage's other
			// sentences may be someone else's.
			quote := strings.HasPrefix(h.ID, "quote:")
			r.Citations = inSource(r.Citations, passages[r.Citations[0].Passage], !quote)
		}
		if !ok || seen[r.Citations[0].Passage] || repeats(a.Results, r.Citations[0]) {
			continue // the same words already answered, from a passage or a record
		}
		seen[r.Citations[0].Passage] = true
		if explain {
			r.Explain = &Explain{Candidate: h.ID, Kind: h.Kind, Features: h.Features}
		}
		a.Results = append(a.Results, r)
		if len(a.Results) == limit {
			break
		}
	}
	if len(a.Results) == 0 {
		a.NotCovered = true
		a.Text = "The sources don't cover that: no passage matches enough of the question."
		return a, nil
	}
	a.Text = summarize(a.Results)
	if len(rk.Corrected) > 0 {
		a.Text = fmt.Sprintf("The sources don't mention %s; here is what they say. %s", someWords(rk.Corrected, asNames, "or"), a.Text)
	}
	return a, nil
}

// quotedBy names who said a passage's words, from the curated quotation
// they are part of, or that holds all of them but an attribution of a few
// words: '"… War Powers Act," he tweeted' is Chris Murphy's, which the
// passage says only as "he". A sentence of the writer's beside the
// quotation leaves the words unattributed. It returns "" when no
// quotation, or more than one speaker's, does.
func (b *Bot) quotedBy(doc, words string) string {
	w := seeds.NormalizeSpace(words)
	found := ""
	text := b.quoteText()
	for i := range b.kb.Quotes {
		q := &b.kb.Quotes[i]
		if q.Doc != doc {
			continue
		}
		qt := text[q.ID]
		if !strings.Contains(qt, w) && !(strings.Contains(w, qt) && attribution(strings.Replace(w, qt, " ", 1))) {
			continue
		}
		a := b.kb.Actor(q.Speaker)
		if a == nil || found != "" && found != a.Name {
			return ""
		}
		found = a.Name
	}
	return found
}

// attribution reports whether the words left beside a quotation only say
// who said it: a few words, none ending a sentence ('," he tweeted.',
// '," Kirby said.').
func attribution(rest string) bool {
	rest = strings.TrimSpace(rest)
	rest = strings.TrimRight(rest, ".")
	return len(strings.Fields(rest)) <= 4 && !strings.ContainsAny(rest, ".?!")
}

func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "“" + w + "”"
	}
	return out
}

// rankedResult turns a ranked candidate into a result: a passage's answer
// window, or the curated record a fact stands for.
func (b *Bot) rankedResult(h *index.Ranked) (Result, bool) {
	if h.Type != "fact" {
		s := h.Snippet()
		r := Result{
			Text: s.Quote,
			Citations: []Citation{{
				Doc:     h.Doc,
				Passage: h.ID,
				Quote:   s.Quote,
				Marks:   marks(s),
			}},
		}
		if h.Kind == string(seeds.KindStatement) && h.Quoted() {
			r.Speaker = b.speaker(h.Label)
		}
		if r.Speaker == "" {
			r.Speaker = b.quotedBy(h.Doc, s.Quote)
		}
		r.Date = b.entryDate(h.Doc, h.ID, h.Text)
		return r, true
	}
	kind, id, _ := strings.Cut(h.ID, ":")
	switch kind {
	case "event":
		if e := b.kb.Event(id); e != nil {
			return b.eventResult(e), true
		}
	case "quote":
		if q := b.kb.Quote(id); q != nil {
			r := b.quoteResult(q)
			if s := h.Snippet(); s.Quote == q.Quote {
				r.Citations[0].Marks = marks(s)
			}
			return r, true
		}
	case "casualty":
		for i := range b.kb.Casualties {
			if c := &b.kb.Casualties[i]; c.ID == id {
				r := b.claimResult(c)
				if e := b.kb.Event(c.Event); e != nil {
					r.Date = e.When.ISO()
				}
				return r, true
			}
		}
	}
	return Result{}, false
}

// inSource shows, beside a record's curated words, the words of the passage
// it cites that answer the question (its answer window): the record sums
// up the passage, and the question may ask of another sentence of it
// ("what did the protesters throw" of a record that they stormed the
// embassy). The window replaces the citation when it holds the cited
// words; else, with more set, its whole sentences that lie apart from them
// join it, quoted from the same passage.
func inSource(cs []Citation, p *index.Ranked, more bool) []Citation {
	if p == nil {
		return cs
	}
	s := p.Snippet()
	if widen(&cs[0], s) {
		return dropCovered(cs)
	}
	cited, ok := seeds.QuoteSpan(p.Text, cs[0].Quote)
	if !more || !ok || s.Start >= cited.Start && s.End <= cited.End {
		return dropCovered(cs) // the cited words hold the window
	}
	// The window's sentences that lie apart from the cited words, before
	// and after them.
	var add []Citation
	sents := seeds.Sentences(p.Text)
	run := func(keep func(seeds.Span) bool) {
		from, to := -1, -1
		for _, sp := range sents {
			if sp.Start >= s.Start && sp.End <= s.End && keep(sp) {
				if from < 0 {
					from = sp.Start
				}
				to = sp.End
			}
		}
		if from < 0 {
			return
		}
		var ms []Span
		for _, m := range s.Marks {
			a, b := m.Start+s.Start-from, m.End+s.Start-from
			if a >= 0 && b <= to-from {
				ms = append(ms, Span{a, b})
			}
		}
		add = append(add, Citation{Doc: cs[0].Doc, Passage: cs[0].Passage, Quote: p.Text[from:to], Marks: ms})
	}
	run(func(sp seeds.Span) bool { return sp.End <= cited.Start })
	run(func(sp seeds.Span) bool { return sp.Start >= cited.End })
	if len(add) == 0 {
		return dropCovered(cs)
	}
	return dropCovered(slices.Insert(cs, 1, add...))
}

// widen replaces a record's citation with s, the answer window of the
// passage it cites, when that window holds the cited words and more: the
// record says it in curated words, the window in the source's own.
func widen(c *Citation, s index.Snippet) bool {
	if len(s.Quote) > len(c.Quote) && strings.Contains(seeds.NormalizeSpace(s.Quote), seeds.NormalizeSpace(c.Quote)) {
		c.Quote, c.Marks = s.Quote, marks(s)
		return true
	}
	return false
}

// dropCovered drops the citations after the first that quote words an
// earlier citation of the same passage already quotes.
func dropCovered(cs []Citation) []Citation {
	out := cs[:1]
	kept := []string{seeds.NormalizeSpace(cs[0].Quote)} // out's quotes, white space folded
	for _, c := range cs[1:] {
		q := seeds.NormalizeSpace(c.Quote)
		covered := false
		for i, k := range out {
			covered = covered || k.Passage == c.Passage && strings.Contains(kept[i], q)
		}
		if !covered {
			out, kept = append(out, c), append(kept, q)
		}
	}
	return out
}

// asksOfNothing reports whether a question with nothing to search for
// still asks something: it opens, after any discourse marker ("so …"),
// with a wh-word ("what happened") or asks to be told ("tell me more").
func (b *Bot) asksOfNothing(q string) bool {
	en, err := b.kb.English()
	if err != nil {
		return false
	}
	toks := knowledge.Tokenize(q)
	for len(toks) > 0 && slices.Contains(en.Openers, toks[0].Norm) {
		toks = toks[1:] // "so what did they say"
	}
	if len(toks) == 0 {
		return false
	}
	_, wh := en.AnswerTypes[toks[0].Norm]
	return wh || toks[0].Norm == "what" || toks[0].Norm == "which" ||
		slices.ContainsFunc(toks, func(t knowledge.Token) bool { return t.Norm == "tell" || t.Norm == "explain" })
}

// heldWords returns the question's terms and actors, as it wrote them, but
// those the closest candidate lacks (UntypedLacks).
func heldWords(rk *index.Ranking) []string {
	var out []string
	for _, t := range rk.Question.Terms {
		if !slices.Contains(rk.UntypedLacks, t.Word) {
			out = append(out, t.Word)
		}
	}
	for _, e := range rk.Question.Entities {
		if !slices.Contains(rk.UntypedLacks, e.Word) {
			out = append(out, e.Word)
		}
	}
	return out
}

// untypedText says what no source gives when the sources speak of a
// question but none answers it in kind: "says how many".
func (b *Bot) untypedText(rk *index.Ranking) string {
	switch rk.Untyped {
	case index.TypeCount:
		return "says how many"
	case index.TypeMoney:
		return "gives a sum of money"
	case index.TypeDuration:
		return "says how long"
	case index.TypeAge:
		return "says how old"
	case index.TypeDate:
		return "says when"
	case index.TypePlace:
		return "says where"
	case index.TypeName:
		return "gives the name"
	case index.TypeWords:
		if a := b.kb.Actor(rk.Question.Speaker); a != nil {
			if len(rk.Question.Terms) == 0 {
				return "quotes " + a.Name // "What did Heiko Maas say?": on nothing in particular
			}
			return "quotes " + a.Name + " on that"
		}
		if rk.Question.Who != "" {
			return "quotes " + rk.Question.Who
		}
		return "quotes the speaker"
	}
	return ""
}

// englishOnly answers a question in another language.
const englishOnly = "Dossier could not read that as a question in English (it reads English only). Try, e.g.: Who said the strikes would deter future action?"

// foreignWords reports whether a question the sources do not answer is in
// another language written in Latin letters ("¿quién ordenó los ataques
// aéreos?"): two of its words are of another language's grammar or
// alphabet (index.Question.Foreign); or one is, and two more are neither
// English nor words of the sources; or three or more of its words, and
// more than half of what it names, are neither. Its words not being found
// is then no news about the sources.
func foreignWords(q *index.Question) bool {
	foreign := 0
	for _, t := range q.Terms {
		if !t.Known && !lexicon.Common(strings.ToLower(t.Word)) {
			foreign++
		}
	}
	// Two words of another language's grammar or alphabet say so alone
	// ("combien de morts dans les frappes"); one, with two words neither
	// English nor the sources', too ("… über die angriffe gesagt"). With
	// none, words neither English nor the sources' are names they lack
	// ("How many Houthi missiles were fired at Saudi Arabia?").
	return q.Foreign >= 2 || q.Foreign == 1 && foreign >= 2
}

// foreignScript reports whether a question has letters but none of the
// Latin alphabet ("قاسم سليماني"): it is not in English.
func foreignScript(q string) bool {
	letters := false
	for _, r := range q {
		if unicode.Is(unicode.Latin, r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// asNames writes with a capital the names chat types in lower case: "The
// sources don't mention Russia.", "… Macron.", "… F-35s." An English word
// stays as typed ("ambassador", and so "trump": a name that is an English
// word too cannot be told from the word).
func asNames(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w
		if r, size := utf8.DecodeRuneInString(w); w == strings.ToLower(w) && unicode.IsLetter(r) && (lexicon.Name(w) || !lexicon.Common(w)) {
			out[i] = string(unicode.ToUpper(r)) + w[size:]
		}
	}
	return out
}

// entryDate is the full date of a timeline entry that writes its day
// without the year ("December 29: The United States struck …"): that of
// the event cited from it, whose record gives the year; "" for another
// passage.
func (b *Bot) entryDate(doc, passage, text string) string {
	for _, e := range b.entries[doc+"\x00"+passage] {
		if e.Precision == knowledge.PrecisionDay && e.When.Month >= 1 && e.When.Month <= 12 &&
			strings.HasPrefix(text, fmt.Sprintf("%s %d:", time.Month(e.When.Month), e.When.Day)) {
			return e.When.ISO()
		}
	}
	return ""
}

// repeats reports whether c quotes words a result already shown quotes
// from the same document, or words that hold all of one's: a passage's
// sentence and a quotation record running over it and its neighbours
// are one answer, not two.
func repeats(shown []Result, c Citation) bool {
	q := seeds.NormalizeSpace(c.Quote)
	for _, r := range shown {
		k := r.Citations[0]
		if k.Doc != c.Doc {
			continue
		}
		if kq := seeds.NormalizeSpace(k.Quote); strings.Contains(kq, q) || strings.Contains(q, kq) {
			return true
		}
	}
	return false
}
