// Package knowledge loads Dossier's curated data — actors and their aliases,
// the words questions use for what the sources say, and the facts curated
// from the sources — and checks every fact against the text it cites.
package knowledge

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"

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
	Doc      string   `yaml:"doc"`
	Quote    string   `yaml:"quote"`
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
}

// Base is the loaded knowledge base.
type Base struct {
	Actors []Actor
	Words  Words

	actors map[string]*Actor
	tagger *Tagger
}

// Load reads the knowledge base from fsys (the Embedded files, or a folder
// with the same file names).
func Load(fsys fs.FS) (*Base, error) {
	b := &Base{}
	var actors struct {
		Actors []yaml.Node `yaml:"actors"`
	}
	if err := decodeFile(fsys, "actors.yaml", &actors); err != nil {
		return nil, err
	}
	for _, n := range actors.Actors {
		var a Actor
		if err := n.Decode(&a); err != nil {
			return nil, fmt.Errorf("actors.yaml:%d: %w", n.Line, err)
		}
		a.Line = n.Line
		b.Actors = append(b.Actors, a)
	}
	if err := decodeFile(fsys, "words.yaml", &b.Words); err != nil {
		return nil, err
	}
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
