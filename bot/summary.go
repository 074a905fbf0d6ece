package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Topics lists the summary topics of the built-in knowledge base, the
// default first, for command registration and completion.
func Topics() []string { return knowledge.EmbeddedTopics() }

// summaryQuote bounds the words a summary quotes from one statement, so the
// whole brief fits one Discord message with its embeds.
const summaryQuote = 240

// SummaryRequest picks a summary topic; empty means the overview.
type SummaryRequest struct {
	Topic string
}

// Summary writes a moderator's brief on a topic: every sentence drawn from
// one record of the knowledge base and cited.
func (b *Bot) Summary(ctx context.Context, req SummaryRequest) (*Answer, error) {
	topic := strings.ToLower(Clean(req.Topic))
	names := b.kb.TopicNames()
	if topic == "" && len(names) > 0 {
		topic = names[0]
	}
	sections, ok := b.kb.Topic(topic)
	read := ""
	if !ok {
		// A slip of the finger ("legl"), as names forgive one.
		for _, n := range names {
			if len(topic) >= 4 && knowledge.WithinOneEdit(topic, n) {
				read = fmt.Sprintf(" Read %s as %s.", echo(topic), n)
				topic = n
				sections, ok = b.kb.Topic(n)
				break
			}
		}
	}
	if !ok {
		return nil, inputErrorf("Unknown topic %s; choose one of %s.", echo(topic), strings.Join(names, ", "))
	}
	a := &Answer{Command: "summary", Query: topic, Results: []Result{}}
	for _, sec := range sections {
		for _, it := range sec.Items {
			r, ok := b.summaryItem(it)
			if !ok {
				continue
			}
			r.Section = sec.Heading
			a.Results = append(a.Results, r)
		}
	}
	a.Text = fmt.Sprintf("Summary (%s) of the 27 June 2021 US strikes on Iran-backed militias, from %d cited records.%s", topic, len(a.Results), read)
	return a, nil
}

func (b *Bot) summaryItem(it knowledge.SummaryItem) (Result, bool) {
	switch {
	case it.Event != "":
		e := b.kb.Event(it.Event)
		if e == nil {
			return Result{}, false
		}
		r := b.eventResult(e)
		r.Text = fmt.Sprintf("%s: %s", when(e.When, e.Precision), e.Summary)
		r.Citations = r.Citations[:len(e.Cites())] // the event's own, not those of the attacks it answered
		return r, true
	case it.Quote != "":
		q := b.kb.Quote(it.Quote)
		if q == nil {
			return Result{}, false
		}
		r := b.quoteResult(q)
		words, cut := leadingSentences(q.Quote, summaryQuote)
		if cut {
			r.Citations[0] = b.cite(q.Doc, words)
			words += " …"
		}
		role := ""
		if act := b.kb.Actor(q.Speaker); act != nil && act.Role != "" && act.Kind == "person" {
			role = ", " + act.Role
			// The words that give the speaker's role name the speaker:
			// an attribution, not a source of the quoted words.
			for _, c := range act.Cites() {
				r.Citations = append(r.Citations, b.cite(c.Doc, c.Quote).as(Attribution))
			}
			r.Citations = dropCovered(r.Citations)
		}
		r.Text = fmt.Sprintf("%s%s (%s): “%s”", r.Speaker, role, when(q.When, q.Precision), strings.Trim(words, `"“” `))
		return r, true
	case it.Casualties != "":
		e := b.kb.Event(it.Casualties)
		claims := b.claims(it.Casualties)
		if e == nil || len(claims) == 0 {
			return Result{}, false
		}
		var parts []string
		r := Result{Date: e.When.ISO()}
		for _, c := range claims {
			if !c.Killed.Known {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s %s", c.Claimant, c.Killed))
			r.Citations = append(r.Citations, b.cite(c.Doc, c.Quote))
		}
		if len(r.Citations) == 0 {
			r.Citations = append(r.Citations, b.cite(claims[0].Doc, claims[0].Quote))
		}
		r.Text = fmt.Sprintf("%s, %s: %s. Killed, by claimant: %s.%s Each figure is its claimant's, as the source reports it.", e.When.Human(), e.Kind.Label(), upperFirst(rangeLine(claims)), strings.Join(parts, "; "), disputedLine(claims))
		return r, true
	case it.Attacks != "":
		from, to, err := knowledge.ParseRange(it.Attacks)
		if err != nil {
			return Result{}, false
		}
		r := Result{}
		var places []string
		for i := range b.kb.Events {
			e := &b.kb.Events[i]
			if e.Kind == knowledge.MilitiaAttack && e.When.InRange(from, to) {
				r.Citations = append(r.Citations, b.cite(e.Doc, e.Quote))
				places = append(places, fmt.Sprintf("%s %s", e.When.Human(), shortPlace(e.Where)))
			}
		}
		if len(r.Citations) == 0 {
			return Result{}, false
		}
		r.Text = fmt.Sprintf("%d attacks on US and partner forces followed, %s to %s: %s.", len(r.Citations), from.Human(), to.Human(), strings.Join(places, "; "))
		return r, true
	}
	return Result{}, false
}

// disputedLine says which claims may be one figure the articles give to
// different claimants (a claim's disputes of the same figure), so a post
// does not count them twice; "" when none is. It opens with a space.
func disputedLine(claims []*knowledge.Casualty) string {
	byID := map[string]*knowledge.Casualty{}
	for _, c := range claims {
		byID[c.ID] = c
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range claims {
		for _, id := range c.Disputes {
			d := byID[id]
			if d == nil || seen[d.ID+"\x00"+c.ID] || d.Killed.String() != c.Killed.String() {
				continue // another figure: a claim against this one
			}
			seen[c.ID+"\x00"+d.ID] = true
			out = append(out, fmt.Sprintf(" %s's and %s's figures may be one figure, which the articles credit to different sources (disputed).", upperFirst(c.Claimant), d.Claimant))
		}
	}
	return strings.Join(out, "")
}

// leadingSentences returns the whole sentences of s that fit in n bytes (at
// least the first), and whether anything was left out.
func leadingSentences(s string, n int) (string, bool) {
	spans := seeds.Sentences(s)
	if len(spans) == 0 || len(s) <= n {
		return s, false
	}
	end := spans[0].End
	for _, sp := range spans[1:] {
		if sp.End > n {
			break
		}
		end = sp.End
	}
	return s[:end], end < len(strings.TrimSpace(s))
}

func shortPlace(where string) string {
	if i := strings.IndexAny(where, ",("); i > 0 {
		return strings.TrimSpace(where[:i])
	}
	return where
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
