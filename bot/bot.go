// Package bot is Dossier's command layer: each command turns a request into
// a transport-neutral Answer whose every result cites the words it came from.
// The CLI and the Discord front ends render the same Answer.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
	Search(ctx context.Context, question string, limit int) (*index.Result, error)
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
	skip        map[string]bool     // question and function words
	quoteWords  map[string][]string // quote id → content words
	quotes      []*knowledge.Quote  // in date order
	claimed     []*knowledge.Event  // events with casualty claims
	eventWords  map[string][]string // event id → words that describe it
	claimsByEvt map[string][]*knowledge.Casualty
}

// New returns a Bot. A nil logger discards logs.
func New(s Searcher, kb *knowledge.Base, log *slog.Logger) *Bot {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{search: s, kb: kb, log: log, skip: map[string]bool{}, quoteWords: map[string][]string{}, eventWords: map[string][]string{}, claimsByEvt: map[string][]*knowledge.Casualty{}}
	for _, w := range kb.Words.QuestionWords {
		b.skip[w] = true
	}
	for _, w := range kb.Words.FunctionWords {
		b.skip[w] = true
	}
	b.quotes = b.sortQuotes()
	for _, q := range b.quotes {
		b.quoteWords[q.ID] = b.contentWords(q.Words)
	}
	for i := range kb.Casualties {
		c := &kb.Casualties[i]
		b.claimsByEvt[c.Event] = append(b.claimsByEvt[c.Event], c)
	}
	for i := range kb.Events {
		e := &kb.Events[i]
		if len(b.claimsByEvt[e.ID]) > 0 {
			b.claimed = append(b.claimed, e)
			b.eventWords[e.ID] = b.contentWords(e.When.Human() + " " + e.ID + " " + e.Summary + " " + e.Where + " " + kindLabel[e.Kind])
		}
	}
	return b
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

// Answer is a command's reply, independent of how it is shown.
type Answer struct {
	Command string   `json:"command"`
	Query   string   `json:"query,omitempty"`
	Text    string   `json:"text,omitempty"`
	Results []Result `json:"results"`
	// NotCovered is set when the sources cannot answer; front ends show
	// such replies only to the asker.
	NotCovered bool `json:"-"`
}

// Result is one cited item of an answer.
type Result struct {
	Text     string `json:"text"`
	Date     string `json:"date,omitempty"`
	Speaker  string `json:"speaker,omitempty"`
	Claimant string `json:"claimant,omitempty"`
	// Context says where or to whom words were said.
	Context string `json:"context,omitempty"`
	// Section is the heading a summary groups the result under.
	Section string `json:"section,omitempty"`
	// Casualty holds the figures of a casualty claim; nil elsewhere.
	*Casualty
	Citations []Citation `json:"citations"`
}

// Casualty is the figures of one casualty claim. Killed and Injured are the
// minimum figures, null when the claim states none.
type Casualty struct {
	Killed     *int   `json:"killed"`
	Injured    *int   `json:"injured"`
	KilledMax  *int   `json:"killed_max,omitempty"`
	InjuredMax *int   `json:"injured_max,omitempty"`
	Who        string `json:"who,omitempty"`
	// ClaimantType grades the claimant: us-official, militia, monitor, …
	ClaimantType string `json:"claimant_type"`
	// Disputes lists the ids of claims this one contradicts.
	Disputes []string `json:"disputes,omitempty"`
}

// Citation points at the verbatim words a result came from.
type Citation struct {
	// Doc is the document's file name.
	Doc string `json:"doc"`
	// Passage is the passage ID, "003:12".
	Passage string `json:"passage"`
	// Quote is verbatim from Doc (white space aside).
	Quote string `json:"quote"`
	// Snippet is Quote in Markdown with the matched words in bold.
	Snippet string `json:"snippet,omitempty"`
	// Plain is Quote with the matched words between ** and no escaping.
	Plain string `json:"-"`
}

// Cite returns the citation as users see it: "[003 §12]".
func (c Citation) Cite() string { return seeds.CiteID(c.Passage) }

// InputError is a problem with what the user asked, with a message meant
// for them.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// IsInputError reports whether err is the user's to fix.
func IsInputError(err error) bool {
	var ie *InputError
	return errors.As(err, &ie)
}

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// mention matches Discord mention syntax: users, roles, channels,
// @everyone and @here. It names no one in the sources, so it is dropped.
var mention = regexp.MustCompile(`<(@[!&]?|#)\d+>|@(everyone|here)\b`)

// Clean makes user text safe to process: invalid UTF-8 and control
// characters (including bidirectional overrides) become spaces, Discord
// mentions are dropped, runs of white space fold to one, and the ends are
// trimmed.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = mention.ReplaceAllString(s, " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// echo quotes user text back in a message, cleaned and shortened, so a
// long or hostile input cannot flood the reply.
func echo(s string) string {
	s = Clean(s)
	if utf8.RuneCountInString(s) > 60 {
		s = strings.TrimSpace(string([]rune(s)[:57])) + "…"
	}
	return "“" + s + "”"
}

// tooLong rejects an option longer than n characters.
func tooLong(what, s string, n int) error {
	if c := utf8.RuneCountInString(s); c > n {
		return inputErrorf("That %s is %d characters long; keep it under %d.", what, c, n)
	}
	return nil
}

// facts turns the knowledge base into documents for the index, so ask can
// answer from curated records as well as from passages.
func (b *Bot) facts() []index.Fact {
	kb := b.kb
	var out []index.Fact
	for i := range kb.Events {
		e := &kb.Events[i]
		out = append(out, index.Fact{ID: "event:" + e.ID, Kind: "event", Text: b.eventText(e), Label: e.When.Human(), Doc: e.Doc})
	}
	for i := range kb.Quotes {
		q := &kb.Quotes[i]
		r := b.quoteResult(q)
		out = append(out, index.Fact{ID: "quote:" + q.ID, Kind: "quote", Text: q.Words, Label: r.Speaker + " " + q.Context, Doc: q.Doc})
	}
	for i := range kb.Casualties {
		c := &kb.Casualties[i]
		label := ""
		if e := kb.Event(c.Event); e != nil {
			label = e.When.Human() + " " + kindLabel[e.Kind] + " " + e.Summary
		}
		out = append(out, index.Fact{ID: "casualty:" + c.ID, Kind: "casualty", Text: b.claimResult(c).Text, Label: label, Doc: c.Doc})
	}
	return out
}

// Plural picks the singular or plural form for n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinList joins words as a list in prose: "a, b and c" (conj "and").
func joinList(words []string, conj string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}

// Sources lists the documents the answers come from.
func (b *Bot) Sources(ctx context.Context) (*Answer, error) {
	if b.lazy != nil {
		if _, err := b.lazy.get(ctx); err != nil {
			return nil, err
		}
	}
	a := &Answer{Command: "sources", Results: []Result{}}
	for _, s := range b.search.Sources() {
		text := s.Title
		if s.Date != "" {
			text += " (" + s.Date + ")"
		}
		text += fmt.Sprintf(" — %d %s", s.Passages, Plural(s.Passages, "passage", "passages"))
		a.Results = append(a.Results, Result{
			Text:      text,
			Date:      s.Date,
			Citations: []Citation{{Doc: s.Name, Passage: s.OpeningID, Quote: s.Opening, Snippet: index.EscapeMarkdown(s.Opening), Plain: s.Opening}},
		})
	}
	a.Text = fmt.Sprintf("%d %s.", len(a.Results), Plural(len(a.Results), "source", "sources"))
	return a, nil
}
