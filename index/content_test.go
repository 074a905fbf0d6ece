package index_test

import (
	"testing"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// TestContentVersion proves that any change to indexed curated text — a
// fact's words or its label — or to the actors documents are indexed under
// changes the content version, so an on-disk index built before is rebuilt.
func TestContentVersion(t *testing.T) {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		t.Fatal(err)
	}
	facts := []index.Fact{{ID: "event:x", Kind: "event", Text: "27 June 2021 — US strike: …", Label: "27 June 2021", Doc: "001.txt"}}
	base := index.ContentVersion(kb, facts)
	if again := index.ContentVersion(kb, facts); again != base {
		t.Fatalf("ContentVersion is not stable: %q then %q", base, again)
	}
	relabel := []index.Fact{facts[0]}
	relabel[0].Text = "27 June 2021 — United States strike: …"
	if index.ContentVersion(kb, relabel) == base {
		t.Error("a relabelled fact keeps the content version")
	}
	if index.ContentVersion(kb, nil) == base {
		t.Error("an index without facts has the content version of one with them")
	}
	renamed := *kb
	renamed.Actors = append([]knowledge.Actor(nil), kb.Actors...)
	renamed.Actors[0].Aliases = append([]string{"a new alias"}, renamed.Actors[0].Aliases...)
	if index.ContentVersion(&renamed, facts) == base {
		t.Error("a new alias keeps the content version")
	}
}
