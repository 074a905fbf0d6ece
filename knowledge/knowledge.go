// Package knowledge loads Dossier's curated data — actors and their aliases,
// the words questions use for what the sources say, and the facts curated
// from the sources — and checks every fact against the text it cites.
package knowledge

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"gopkg.in/yaml.v3"
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
	Source   `yaml:",inline"`
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
	// FunctionWords are English words that carry no content ("the", "of").
	FunctionWords []string `yaml:"function_words"`
	// Numbers map number words to their value ("seven" → 7), so a figure
	// written one way matches the other.
	Numbers map[string]int `yaml:"numbers"`
	// Generic are capitalised words that name nothing ("I"), which the
	// attribution rule does not look for in a record's citations.
	Generic []string `yaml:"generic"`
}

// Section is one headed part of a summary.
type Section struct {
	Heading string        `yaml:"heading"`
	Items   []SummaryItem `yaml:"items"`
}

// SummaryItem names the one record a summary sentence is drawn from.
type SummaryItem struct {
	Event      string `yaml:"event"`
	Quote      string `yaml:"quote"`
	Casualties string `yaml:"casualties"`
	// Attacks is a date range, "2021-06-28..2021-07-08".
	Attacks string `yaml:"attacks"`
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
	// Topics are the moderator summaries, by topic name.
	Topics map[string][]Section

	actors   map[string]*Actor
	tagger   *Tagger
	located  map[string]string // doc + quote → passage ID, filled by Check
	passages map[string][]passageText
}

// PassageOf returns the ID of the passage a cited quote sits in ("003:12"):
// the one Check found for a record's quote, or for any other verbatim part
// of a document Check saw, the passage it starts in. It returns "" before
// Check or for words not in the document.
func (b *Base) PassageOf(doc, quote string) string {
	if id, ok := b.located[doc+"\x00"+quote]; ok {
		return id
	}
	return locate(b.passages, doc, quote)
}

// Load reads the knowledge base from fsys (the Embedded files, or a folder
// with the same file names).
func Load(fsys fs.FS) (*Base, error) {
	b := &Base{}
	var err error
	if b.Actors, err = decodeRecords(fsys, "actors.yaml", "actors", func(a *Actor, line int) { a.Line = line }); err != nil {
		return nil, err
	}
	if err := decodeFile(fsys, "words.yaml", &b.Words); err != nil {
		return nil, err
	}
	if b.Events, err = decodeRecords(fsys, "events.yaml", "events", func(e *Event, line int) { e.Line = line }); err != nil {
		return nil, err
	}
	if b.Quotes, err = decodeRecords(fsys, "quotes.yaml", "quotes", func(q *Quote, line int) { q.Line = line }); err != nil {
		return nil, err
	}
	if b.Casualties, err = decodeRecords(fsys, "casualties.yaml", "casualties", func(c *Casualty, line int) { c.Line = line }); err != nil {
		return nil, err
	}
	var summary struct {
		Topics map[string][]Section `yaml:"topics"`
	}
	if err := decodeFile(fsys, "summary.yaml", &summary); err != nil {
		return nil, err
	}
	b.Topics = summary.Topics
	// Malformed dates and figures stay zero here; Check reports them with
	// their file, line and record.
	for i := range b.Events {
		b.Events[i].When, _ = ParseISO(b.Events[i].Date)
	}
	for i := range b.Quotes {
		b.Quotes[i].When, _ = ParseISO(b.Quotes[i].Date)
	}
	for i := range b.Casualties {
		c := &b.Casualties[i]
		c.Killed, _ = ParseFigure(c.KilledText)
		c.Injured, _ = ParseFigure(c.InjuredText)
	}
	sortEvents(b.Events)
	b.actors = make(map[string]*Actor, len(b.Actors))
	for i := range b.Actors {
		a := &b.Actors[i]
		if _, dup := b.actors[a.ID]; dup {
			return nil, fmt.Errorf("actors.yaml:%d: duplicate actor id %q", a.Line, a.ID)
		}
		b.actors[a.ID] = a
	}
	b.tagger = NewTagger(b.Actors, b.Words.QuestionWords)
	return b, nil
}

// decodeRecords reads the list under key in a YAML file strictly —
// rejecting fields a record does not have, so a misspelt field name is an
// error rather than silently lost data — and notes the line each record
// starts on.
func decodeRecords[T any](fsys fs.FS, name, key string, setLine func(*T, int)) ([]T, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read knowledge %s: %w", name, err)
	}
	var recs map[string][]T
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&recs); err != nil {
		return nil, fmt.Errorf("parse knowledge %s: %w", name, err)
	}
	out, ok := recs[key]
	if !ok {
		return nil, fmt.Errorf("parse knowledge %s: no %q list", name, key)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err == nil && len(doc.Content) > 0 {
		m := doc.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				for j, n := range m.Content[i+1].Content {
					if j < len(out) {
						setLine(&out[j], n.Line)
					}
				}
			}
		}
	}
	return out, nil
}

func decodeFile(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read knowledge %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("parse knowledge %s: %w", name, err)
	}
	return nil
}

// sortEvents orders events by full date (never by month and day alone),
// then by id for a stable order within a day.
func sortEvents(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i].When, evs[j].When
		if a != b {
			return a.Before(b)
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

// Actor returns the actor with the given id, or nil.
func (b *Base) Actor(id string) *Actor { return b.actors[id] }

// Institutions returns id and every institution the actor speaks for,
// directly or through another (Kirby → the Pentagon → the United States).
func (b *Base) Institutions(id string) []string {
	out := []string{id}
	seen := map[string]bool{id: true}
	for i := 0; i < len(out); i++ {
		if a := b.actors[out[i]]; a != nil {
			for _, p := range a.MemberOf {
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// Tagger returns the tagger over all actors' aliases.
func (b *Base) Tagger() *Tagger { return b.tagger }
