// Package bot is Dossier's command layer: each command turns a request into
// a transport-neutral Answer whose every result cites the words it came from.
// The CLI and the Discord front ends render the same Answer.
package bot

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Limits on user input.
const (
	MaxQuestion  = 300 // characters in a question
	DefaultLimit = 3
	MaxLimit     = 10
)

// Searcher is what the command layer needs from an index.
type Searcher interface {
	Rank(ctx context.Context, question string) (*index.Ranking, error)
	Sources() []index.Source
}

// Bot runs commands against a searcher and a knowledge base.
type Bot struct {
	search Searcher
	// lazy is the index Open opens on first use; nil for a Bot made by New.
	lazy *lazyIndex
	kb   *knowledge.Base
	log  *slog.Logger

	// Precomputed once, because every question is compared with them.
	skip map[string]bool // question and function words
	// quoteWords maps a quote id to its content words, made on first use:
	// only who-said compares with them, and a one-shot ask need not pay.
	quoteWords func() map[string][]string
	// quoteText maps a quote id to its words with white space folded, made
	// on first use, for telling whose words a passage's are.
	quoteText  func() map[string]string
	quotes     []*knowledge.Quote  // in date order
	claimed    []*knowledge.Event  // events with casualty claims
	eventWords map[string][]string // event id → words that describe it
	// claimantWords are, per event, the words of those who gave figures
	// for it ("a Britain-based monitor", "PMU sources, to AFP").
	claimantWords map[string][]string
	// countedWords are, per event, the words of whom its claims count
	// ("a child killed", "in one raid in Al Anbar province").
	countedWords map[string][]string
	claimsByEvt  map[string][]*knowledge.Casualty
	// pointers are the commands a short question may name and the verbs
	// that report words, made on first use.
	pointers func() pointing
	// entries maps a passage (document and passage ID) to the events cited
	// from it, whose dates a timeline entry ("December 29: …") writes
	// without its year.
	entries map[string][]*knowledge.Event
	// involved holds the actors some event involves as the timeline's
	// actor filter reads it, worked out on first use: completion offers
	// only them, on every keystroke.
	involved func() map[string]bool
}

// New returns a Bot. A nil logger discards logs.
func New(s Searcher, kb *knowledge.Base, log *slog.Logger) *Bot {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{search: s, kb: kb, log: log, skip: map[string]bool{}, eventWords: map[string][]string{}, claimantWords: map[string][]string{}, countedWords: map[string][]string{}, claimsByEvt: map[string][]*knowledge.Casualty{}}
	for _, w := range kb.Words.QuestionWords {
		b.skip[w] = true
	}
	for _, w := range kb.Words.FunctionWords {
		b.skip[w] = true
	}
	b.quotes = b.sortQuotes()
	b.involved = sync.OnceValue(func() map[string]bool {
		out := map[string]bool{}
		for i := range kb.Actors {
			ids := map[string]bool{kb.Actors[i].ID: true}
			for j := range kb.Events {
				if e := &kb.Events[j]; b.involves(ids, e.Actors, e.Targets, e.Places) {
					out[kb.Actors[i].ID] = true
					break
				}
			}
		}
		return out
	})
	b.pointers = sync.OnceValue(b.pointing)
	b.quoteText = sync.OnceValue(func() map[string]string {
		out := make(map[string]string, len(kb.Quotes))
		for i := range kb.Quotes {
			out[kb.Quotes[i].ID] = seeds.NormalizeSpace(kb.Quotes[i].Quote)
		}
		return out
	})
	b.quoteWords = sync.OnceValue(func() map[string][]string {
		out := make(map[string][]string, len(b.quotes))
		for _, q := range b.quotes {
			out[q.ID] = b.contentWords(q.Quote)
		}
		return out
	})
	for i := range kb.Casualties {
		c := &kb.Casualties[i]
		b.claimsByEvt[c.Event] = append(b.claimsByEvt[c.Event], c)
	}
	b.entries = map[string][]*knowledge.Event{}
	for i := range kb.Events {
		e := &kb.Events[i]
		if id := kb.PassageOf(e.Doc, e.Quote); id != "" {
			b.entries[e.Doc+"\x00"+id] = append(b.entries[e.Doc+"\x00"+id], e)
		}
		if len(b.claimsByEvt[e.ID]) > 0 {
			b.claimed = append(b.claimed, e)
			b.eventWords[e.ID] = b.withSynonyms(b.contentWords(e.When.Human() + " " + e.ID + " " + e.Summary + " " + e.Where + " " + e.Kind.Label()))
			var who, counted []string
			for _, c := range b.claimsByEvt[e.ID] {
				who, counted = append(who, c.Claimant), append(counted, c.Who)
			}
			b.claimantWords[e.ID] = b.contentWords(strings.Join(who, " "))
			b.countedWords[e.ID] = b.withSynonyms(b.contentWords(strings.Join(counted, " ")))
		}
	}
	return b
}

// withSynonyms returns words with the one-word members of every synonym
// group of words.yaml that holds one of them: an event summary's
// "strikes" is named by "airstrikes" and "raids" too.
func (b *Bot) withSynonyms(words []string) []string {
	out := slices.Clone(words)
	for _, g := range b.kb.Words.Synonyms {
		if !slices.ContainsFunc(g, func(w string) bool { return slices.Contains(words, w) }) {
			continue
		}
		for _, w := range g {
			if !strings.Contains(w, " ") && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// Knowledge returns the knowledge base the Bot answers from.
func (b *Bot) Knowledge() *knowledge.Base { return b.kb }

// Documents returns the number of passages and facts the searcher holds,
// or 0 if it does not say.
func (b *Bot) Documents() int {
	if c, ok := b.search.(interface{ DocCount() int }); ok {
		return c.DocCount()
	}
	return 0
}
