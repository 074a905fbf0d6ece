package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// AskRequest is a question and how many results to return.
type AskRequest struct {
	Question string
	Limit    int
}

// Ask answers a question from the sources.
func (b *Bot) Ask(ctx context.Context, req AskRequest) (*Answer, error) {
	q := Clean(req.Question)
	if q == "" {
		return nil, inputErrorf("Ask a question about the June 2021 strikes, for example: Who said the strikes would deter future action?")
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestion {
		return nil, inputErrorf("That question is %d characters long; keep it under %d.", n, MaxQuestion)
	}
	limit, err := CheckLimit(req.Limit)
	if err != nil {
		return nil, err
	}
	if words, ok := whoSaidQuestion(q); ok {
		if a := b.whoSaidWords(words); !a.NotCovered {
			a.Command, a.Query = "ask", q
			if len(a.Results) > max(limit, MaxLimit) {
				a.Results = a.Results[:max(limit, MaxLimit)]
			}
			return a, nil
		}
	}
	if a, ok := b.askCasualties(ctx, q); ok {
		a.Command, a.Query = "ask", q
		return a, nil
	}
	res, err := b.search.Search(ctx, q, limit+limit)
	if err != nil {
		return nil, fmt.Errorf("ask %q: %w", q, err)
	}
	a := &Answer{Command: "ask", Query: q, Results: []Result{}}
	switch {
	case len(res.Missing) > 0:
		a.NotCovered = true
		a.Text = fmt.Sprintf("The sources don't mention %s.", joinList(res.Missing, "or"))
	case res.Unsearchable:
		a.NotCovered = true
		a.Text = "There is nothing to search for in that question: name a person, place or event, e.g. Who said the strikes would deter future action?"
	case res.Weak || len(res.Hits) == 0:
		a.NotCovered = true
		a.Text = "The sources don't cover that: no passage matches enough of the question."
	default:
		seen := map[string]bool{}
		for _, h := range res.Hits {
			r, ok := b.hitResult(h)
			if !ok || seen[r.Citations[0].Passage] {
				continue // the same words already answered, from a passage or a fact
			}
			seen[r.Citations[0].Passage] = true
			a.Results = append(a.Results, r)
			if len(a.Results) == limit {
				break
			}
		}
		a.Text = summarize(a.Results)
	}
	b.log.DebugContext(ctx, "ask", "query", q, "results", len(a.Results), "covered", !a.NotCovered)
	return a, nil
}

// CheckLimit validates a requested number of results; 0 asks for the
// default.
func CheckLimit(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 1 || n > MaxLimit:
		return 0, inputErrorf("The limit must be between 1 and %d.", MaxLimit)
	}
	return n, nil
}

// whoSaid matches questions that ask who said some words.
var whoSaid = regexp.MustCompile(`(?i)^who\s+(said|says|stated|told|called|wrote|tweeted|declared|described)\b\s*(.*?)[?.!\s]*$`)

// whoSaidQuestion returns the words a "who said …" question asks about.
func whoSaidQuestion(q string) (string, bool) {
	m := whoSaid.FindStringSubmatch(q)
	if m == nil || strings.TrimSpace(m[2]) == "" {
		return "", false
	}
	return m[2], true
}

// hitResult turns a search hit into a result: a passage with its snippet,
// or the knowledge record a fact hit stands for.
func (b *Bot) hitResult(h index.Hit) (Result, bool) {
	if h.Type != "fact" {
		return b.passageResult(h), true
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
			r.Citations[0].Marks = marks(h.Snippet)
			if h.Snippet.Quote != q.Quote {
				r.Citations[0] = b.cite(q.Doc, q.Quote)
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

func (b *Bot) passageResult(h index.Hit) Result {
	r := Result{
		Text: h.Snippet.Quote,
		Citations: []Citation{{
			Doc:     h.Doc,
			Passage: h.ID,
			Quote:   h.Snippet.Quote,
			Marks:   marks(h.Snippet),
		}},
	}
	if h.Kind == string(seeds.KindStatement) {
		r.Speaker = b.speaker(h.Label)
	}
	return r
}

// speaker resolves a statement's label ("SECRETARY BLINKEN", "White House
// Press Secretary Jen Psaki on June 28, 2021") to the one person it names.
func (b *Bot) speaker(label string) string {
	var found *knowledge.Actor
	for _, m := range b.kb.Tagger().Tag(label) {
		a := b.kb.Actor(m.ID)
		if a == nil || a.Kind != "person" {
			continue
		}
		if found != nil && found.ID != a.ID {
			return "" // two people: not a single speaker
		}
		found = a
	}
	if found == nil {
		return ""
	}
	return found.Name
}

func summarize(rs []Result) string {
	docs := map[string]bool{}
	for _, r := range rs {
		for _, c := range r.Citations {
			docs[c.Doc] = true
		}
	}
	return fmt.Sprintf("%d cited %s from %d %s.", len(rs), Plural(len(rs), "answer", "answers"), len(docs), Plural(len(docs), "source", "sources"))
}

// casualtyQuestion matches questions about deaths and injuries.
var casualtyQuestion = regexp.MustCompile(`(?i)\b(how many|death toll|casualt\w*|killed|died|dead|deaths|wounded|injured|injuries|hurt)\b`)

// casualtyWords are the words of a casualty question that name no event.
var casualtyWords = regexp.MustCompile(`(?i)\b(how many|death toll|casualt\w*|killed|died|dead|deaths|wounded|injured|injuries|hurt|people|persons|anyone|were|was)\b`)

// askCasualties answers a casualty question from the claims when it names
// exactly one event with claims.
func (b *Bot) askCasualties(ctx context.Context, q string) (*Answer, bool) {
	if !casualtyQuestion.MatchString(q) {
		return nil, false
	}
	// The words that make it a casualty question say nothing of which event.
	events := b.matchEvents(casualtyWords.ReplaceAllString(q, " "))
	if len(events) != 1 {
		return nil, false
	}
	a, err := b.Casualties(ctx, CasualtiesRequest{Event: events[0].ID})
	if err != nil || a.NotCovered {
		return nil, false
	}
	return a, true
}
