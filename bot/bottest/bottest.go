// Package bottest builds Dossier's real stack — knowledge base, corpus,
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

// New builds the stack with the given scoring model (index.BM25 if empty).
func New(t testing.TB, scoring string) *Stack {
	t.Helper()
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(t.Context(), docs, kb, index.Options{Scoring: scoring, Facts: bot.Facts(kb)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	s := &Stack{Bot: bot.New(ix, kb, nil), KB: kb, Index: ix, Docs: map[string]string{}}
	for _, d := range docs {
		s.Docs[d.Name] = d.Text
	}
	return s
}
