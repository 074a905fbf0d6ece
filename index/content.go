package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/dossier/dossier/knowledge"
)

// keyContent stores the content version beside the documents.
var keyContent = []byte("dossier:content-version")

// ContentVersion identifies what an index built with kb and facts holds
// beyond the corpus: the facts' text and labels, and the actors and words
// that decide the entities and words each document is indexed under. An
// on-disk index whose content version differs was built from other curated
// data, and is rebuilt rather than answer from stale facts.
func ContentVersion(kb *knowledge.Base, facts []Fact) string {
	type actor struct {
		ID, Name, Kind            string
		Aliases, MemberOf, PartOf []string
	}
	actors := make([]actor, 0, len(kb.Actors))
	for _, a := range kb.Actors {
		actors = append(actors, actor{a.ID, a.Name, a.Kind, a.Aliases, a.MemberOf, a.PartOf})
	}
	raw, err := json.Marshal(struct {
		Mapping string
		Actors  []actor
		Words   knowledge.Words
		Facts   []Fact
	}{MappingVersion, actors, kb.Words, facts})
	if err != nil {
		// Plain strings and slices always encode; a failure here would be
		// a programming error, and an empty version only forces a rebuild.
		return ""
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:12])
}

// Content returns the content version the index was built with.
func (ix *Index) Content() string { return ix.content }
