package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// AskRequest is a question and how many results to return.
type AskRequest struct {
	Question string
	Limit    int
	// Explain adds to each result the features and score that ranked it.
	Explain bool
}

// Ask answers a question from the sources: one ranking of passages and
// curated records, cut to the limit in one place.
func (b *Bot) Ask(ctx context.Context, req AskRequest) (*Answer, error) {
	// A link names nothing in the sources, in full-width letters too: it
	// is taken out once they are folded; a Markdown link keeps its text
	// ("[strikes](http://x.com)").
	q := Clean(req.Question)
	q = Clean(link.ReplaceAllString(mdLink.ReplaceAllString(q, "$1"), " "))
	if q == "" {
		return nil, inputErrorf("Ask a question about the June 2021 strikes, for example: Who said the strikes would deter future action?")
	}
	if err := tooLong("question", q, MaxQuestion); err != nil {
		return nil, err
	}
	limit, err := CheckLimit(req.Limit)
	if err != nil {
		return nil, err
	}
	if helpRequest(q) {
		// "help" asks how to use Dossier, not what the sources say of help.
		return nil, inputErrorf("Dossier answers questions about the June 2021 strikes from its sources, e.g. Who said the strikes would deter future action? Its commands are listed by help.")
	}
	a, err := b.ranked(ctx, q, limit, req.Explain)
	if err != nil {
		return nil, err
	}
	if len(a.Results) > limit {
		a.Results = a.Results[:limit]
	}
	if see := b.see(q); see != "" {
		a.See = see
	}
	if a.See == "" && slices.ContainsFunc(a.Results, func(r Result) bool { return r.Casualty != nil }) {
		// The claims shown are some of an event's; casualties lists them
		// all, from the lowest figure to the highest.
		a.See = "casualties"
	}
	if a.See == "" && b.aroundMain(q) {
		// "What happened after the strikes": the timeline lists what
		// came before and after them in order.
		a.See = "timeline"
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

// helpRequest reports whether a question only asks for help ("help",
// "help me", "commands?").
func helpRequest(q string) bool {
	var words []string
	for _, t := range knowledge.Tokenize(q) {
		words = append(words, t.Norm)
	}
	switch strings.Join(words, " ") {
	case "help", "help me", "help pls", "help please", "commands", "usage":
		return true
	}
	return false
}

// aroundMain reports whether a question asks what came before or after
// the event the sources are about, not what someone said then: "after", "before", "since" or
// "following" with a word of its record within three words ("after the
// strikes", "before the june airstrikes").
func (b *Bot) aroundMain(q string) bool {
	main := b.kb.MainEvent()
	if main == nil {
		return false
	}
	words := b.eventWords[main.ID]
	toks := knowledge.Tokenize(q)
	if b.asksWords(toks) {
		return false // "what did the Pentagon say after the strikes": their words
	}
	for i, t := range toks {
		switch t.Norm {
		case "after", "before", "since", "following":
		default:
			continue
		}
		for _, n := range toks[i+1 : min(len(toks), i+4)] {
			if !b.skip[n.Norm] && sharesWord([]string{n.Norm}, words) {
				return true
			}
		}
	}
	return false
}
