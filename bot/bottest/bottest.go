// Package bottest opens Dossier's real stack — knowledge base, corpus,
// Bleve index with facts, command layer — over the embedded data, for tests
// in any package.
package bottest

import (
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Stack is the wired command layer and what it was built from.
type Stack struct {
	Bot   *bot.Bot
	KB    *knowledge.Base
	Index *index.Index
	// Docs maps document names to their text.
	Docs map[string]string
}

// New opens the stack with the given scoring model (index.BM25 if empty),
// with its index built.
func New(t testing.TB, scoring string) *Stack {
	t.Helper()
	b, err := bot.Open(t.Context(), bot.Config{Scoring: scoring})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ix, err := b.Index(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s := &Stack{Bot: b, KB: b.Knowledge(), Index: ix, Docs: map[string]string{}}
	for _, d := range docs {
		s.Docs[d.Name] = d.Text
	}
	return s
}
