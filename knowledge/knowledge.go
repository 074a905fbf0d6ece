// Package knowledge loads Dossier's curated data — actors and their aliases,
// the words questions use for what the sources say, and the facts curated
// from the sources — and checks every fact against the text it cites.
package knowledge

import (
	"embed"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/seeds"
)

//go:embed *.yaml
var embedded embed.FS

// Embedded returns the curated data built into the binary.
func Embedded() fs.FS { return embedded }

// Actor is a person, group, state, organisation or place the sources name.
type Actor struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Role    string   `yaml:"role"`
	Aliases []string `yaml:"aliases"`
	// MemberOf names the institutions the actor speaks for.
	MemberOf []string `yaml:"member_of"`
	// PartOf names the bodies the actor is a part of without speaking for
	// them: a militia of the Popular Mobilization Forces is news of the
	// PMF, but its words are its own.
	PartOf []string `yaml:"part_of"`
	// In names the places or states a place lies within (Erbil in Iraq).
	In     []string `yaml:"in"`
	Source `yaml:",inline"`
	// Line is where the record starts in its YAML file.
	Line int `yaml:"-"`
}

// Words holds the vocabulary that links questions to the sources' wording.
type Words struct {
	// Synonyms are groups of interchangeable words or phrases.
	Synonyms [][]string `yaml:"synonyms"`
	// Cues map a kind of question ("why") to words its answers tend to use.
	Cues map[string][]string `yaml:"cues"`
	// QuestionWords shape a question but name nothing in it.
	QuestionWords []string `yaml:"question_words"`
	// CaseWords are ordinary words ("us", "is") spelt like a short alias in
	// capitals (US, IS): the alias matches them only in capitals.
	CaseWords []string `yaml:"case_words"`
	// FunctionWords are English words that carry no content ("the", "of").
	FunctionWords []string `yaml:"function_words"`
	// Numbers map number words to their value ("seven" → 7), so a figure
	// written one way matches the other.
	Numbers map[string]int `yaml:"numbers"`
	// Generic are capitalised words that name nothing ("I"), which the
	// attribution rule does not look for in a record's citations.
	Generic []string `yaml:"generic"`
}

// Topic is one moderator summary: headed sections, each a list of records
// to draw sentences from.
type Topic struct {
	Name     string    `yaml:"topic"`
	Sections []Section `yaml:"sections"`
	// Line is where the topic starts in summary.yaml.
	Line int `yaml:"-"`
}

// Section is one headed part of a summary.
type Section struct {
	Heading string        `yaml:"heading"`
	Items   []SummaryItem `yaml:"items"`
	Line    int           `yaml:"-"`
}

// UnmarshalYAML decodes a section and notes its line.
func (s *Section) UnmarshalYAML(n *yaml.Node) error {
	type plain Section
	if err := n.Decode((*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
}

// SummaryItem names the one record a summary sentence is drawn from:
// exactly one of its fields is set.
type SummaryItem struct {
	Event      string `yaml:"event"`
	Quote      string `yaml:"quote"`
	Casualties string `yaml:"casualties"`
	// Attacks is a date range, "2021-06-28..2021-07-08".
	Attacks string `yaml:"attacks"`
	Line    int    `yaml:"-"`
}

// UnmarshalYAML decodes an item and notes its line.
func (it *SummaryItem) UnmarshalYAML(n *yaml.Node) error {
	type plain SummaryItem
	if err := n.Decode((*plain)(it)); err != nil {
		return err
	}
	it.Line = n.Line
	return nil
}

// Topic returns the sections of the named summary topic.
func (b *Base) Topic(name string) ([]Section, bool) {
	for _, t := range b.Topics {
		if t.Name == name {
			return t.Sections, true
		}
	}
	return nil, false
}

// EmbeddedTopics returns the summary topics of the Embedded knowledge base,
// the default first, without loading the rest of it: command registration
// and completion offer them before any base is loaded.
func EmbeddedTopics() []string {
	raw, err := fs.ReadFile(embedded, "summary.yaml")
	if err != nil {
		return nil
	}
	var s struct {
		Topics []struct {
			Topic string `yaml:"topic"`
		} `yaml:"topics"`
	}
	if yaml.Unmarshal(raw, &s) != nil {
		return nil
	}
	out := make([]string, len(s.Topics))
	for i, t := range s.Topics {
		out[i] = t.Topic
	}
	return out
}

// TopicNames returns the summary topics in the order summary.yaml lists
// them, the default first.
func (b *Base) TopicNames() []string {
	out := make([]string, len(b.Topics))
	for i, t := range b.Topics {
		out[i] = t.Name
	}
	return out
}

// Quote returns the quote with the given id, or nil.
func (b *Base) Quote(id string) *Quote {
	for i := range b.Quotes {
		if b.Quotes[i].ID == id {
			return &b.Quotes[i]
		}
	}
	return nil
}

// Base is the loaded knowledge base.
type Base struct {
	Actors     []Actor
	Words      Words
	Events     []Event
	Quotes     []Quote
	Casualties []Casualty
	// Topics are the moderator summaries, the default first.
	Topics []Topic

	actors  map[string]*Actor
	english *English
	// institutions holds Institutions for every actor, voices SpeaksFor.
	institutions, voices map[string][]string
	tagger               *Tagger
	located              map[string]string // doc + quote → passage ID, found by the check
	passages             map[string][]passageText
}

// PassageOf returns the ID of the passage a cited quote sits in ("003:12"):
// the one Load found for a record's quote, or for any other verbatim part
// of a document of the corpus, the passage it starts in. It returns "" for
// words not in the document.
func (b *Base) PassageOf(doc, quote string) string {
	if id, ok := b.located[doc+"\x00"+quote]; ok {
		return id
	}
	return locate(b.passages, doc, quote)
}

// LastPassageOf returns the ID of the passage where a quote running over
// several paragraphs ends ("003:46" for words from 003:44 on), or "" for a
// quote of one paragraph or words not found.
func (b *Base) LastPassageOf(doc, quote string) string {
	paras := strings.Split(strings.TrimSpace(quote), "\n\n")
	if len(paras) < 2 {
		return ""
	}
	// The quote's last paragraph in the passages from its first on, so
	// that a short or repeated one never points back.
	first := b.PassageOf(doc, quote)
	ps := b.passages[doc]
	at := slices.IndexFunc(ps, func(p passageText) bool { return p.id == first })
	if at < 0 {
		return ""
	}
	return locate(map[string][]passageText{doc: ps[at:]}, doc, paras[len(paras)-1])
}

// Offset returns where quote starts in the passage of doc with the given
// ID, as a byte offset in the passage's text with white space folded, or
// -1, and the character just before it (0 at the passage's start or when
// not found). A quotation running over several paragraphs starts where
// its first paragraph does.
func (b *Base) Offset(doc, passage, quote string) (int, rune) {
	first, _, _ := strings.Cut(strings.TrimSpace(quote), "\n\n")
	for _, p := range b.passages[doc] {
		if p.id != passage {
			continue
		}
		at := strings.Index(p.text, seeds.NormalizeSpace(first))
		if at <= 0 {
			return at, 0
		}
		r, _ := utf8.DecodeLastRuneInString(p.text[:at])
		return at, r
	}
	return -1, 0
}

// sortEvents orders events by full date (never by month and day alone);
// within a day what was done comes before what was said of it (the
// strikes, then the statements announcing them), then by id for a stable
// order.
func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].When, evs[j].When
		if a != b {
			return a.Before(b)
		}
		if si, sj := evs[i].Kind == Statement, evs[j].Kind == Statement; si != sj {
			return sj
		}
		return evs[i].ID < evs[j].ID
	})
}

// Event returns the event with the given id, or nil.
func (b *Base) Event(id string) *Event {
	for i := range b.Events {
		if b.Events[i].ID == id {
			return &b.Events[i]
		}
	}
	return nil
}

// MainEvent returns the event the sources are about: the first event of
// the first summary topic, which a moderator's default brief opens with;
// nil when there is none.
func (b *Base) MainEvent() *Event {
	if len(b.Topics) == 0 {
		return nil
	}
	for _, s := range b.Topics[0].Sections {
		for _, it := range s.Items {
			if it.Event != "" {
				return b.Event(it.Event)
			}
		}
	}
	return nil
}

// Actor returns the actor with the given id, or nil.
func (b *Base) Actor(id string) *Actor { return b.actors[id] }

// Within reports whether the actor id is the place outer or lies within
// it, directly or through the places it lies in: Erbil is within Iraq.
func (b *Base) Within(id, outer string) bool {
	seen := map[string]bool{}
	var in func(id string) bool
	in = func(id string) bool {
		if id == outer {
			return true
		}
		if seen[id] {
			return false // a loop in the data; check reports it
		}
		seen[id] = true
		if a := b.actors[id]; a != nil {
			for _, p := range a.In {
				if in(p) {
					return true
				}
			}
		}
		return false
	}
	return in(id)
}

// AliasWords returns the folded words of an actor's name and aliases
// ("the", "pentagon" for the Pentagon); nil for an unknown actor.
func (b *Base) AliasWords(id string) map[string]bool {
	a := b.actors[id]
	if a == nil {
		return nil
	}
	out := map[string]bool{}
	for _, name := range append([]string{a.Name}, a.Aliases...) {
		for _, t := range Tokenize(name) {
			out[t.Norm] = true
		}
	}
	return out
}

// Institutions returns id and every institution the actor speaks for or
// is a part of, directly or through another (Kirby → the Pentagon → the
// United States; Kataib Hezbollah → the PMF): news of the actor is news of
// them. The slice is shared: callers must not change it.
func (b *Base) Institutions(id string) []string {
	if in, ok := b.institutions[id]; ok {
		return in
	}
	return b.institutionsOf(id, true)
}

// SpeaksFor returns id and every institution the actor speaks for,
// directly or through another (Kirby → the Pentagon → the United States),
// but not those it is only a part of: Kataib Hezbollah's words are not the
// PMF's. The slice is shared: callers must not change it.
func (b *Base) SpeaksFor(id string) []string {
	if in, ok := b.voices[id]; ok {
		return in
	}
	return b.institutionsOf(id, false)
}

// institutionsOf walks the member_of links from id, and the part_of links
// too with parts set.
func (b *Base) institutionsOf(id string, parts bool) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	for i := 0; i < len(out); i++ {
		a := b.actors[out[i]]
		if a == nil {
			continue
		}
		links := a.MemberOf
		if parts {
			links = append(slices.Clip(links), a.PartOf...)
		}
		for _, p := range links {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// indexActors maps actor ids to their records and their institutions.
// Every search asks for the institutions of each actor a candidate names,
// so they are walked once here. It returns the ids used twice.
func (b *Base) indexActors() []*Actor {
	var dups []*Actor
	b.actors = make(map[string]*Actor, len(b.Actors))
	for i := range b.Actors {
		a := &b.Actors[i]
		if _, dup := b.actors[a.ID]; dup {
			dups = append(dups, a)
			continue
		}
		b.actors[a.ID] = a
	}
	b.institutions = make(map[string][]string, len(b.actors))
	b.voices = make(map[string][]string, len(b.actors))
	for id := range b.actors {
		b.institutions[id] = b.institutionsOf(id, true)
		b.voices[id] = b.institutionsOf(id, false)
	}
	return dups
}

// Tagger returns the tagger over all actors' aliases.
func (b *Base) Tagger() *Tagger { return b.tagger }
