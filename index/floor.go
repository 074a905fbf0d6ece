package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/dossier/dossier/seeds"
)

// FloorBuild is the least work that answers a question from documents
// with Bleve: index each passage's text in memory under Bleve's default
// mapping, run Bleve's match query sorted by score, and return the best
// passage's text. Benchmarks compare a cold `dossier ask` with it.
func FloorBuild(ctx context.Context, docs []*seeds.Document, question string) (string, error) {
	bi, err := bleve.NewUsing("", bleve.NewIndexMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return "", fmt.Errorf("create index: %w", err)
	}
	defer bi.Close()
	batch := bi.NewBatch()
	for _, d := range docs {
		for _, p := range d.Passages {
			if err := batch.Index(p.ID(), map[string]interface{}{fieldText: p.Text}); err != nil {
				return "", fmt.Errorf("index passage %s: %w", p.ID(), err)
			}
		}
	}
	if err := bi.Batch(batch); err != nil {
		return "", fmt.Errorf("index batch: %w", err)
	}
	return floorMatch(ctx, bi, question, fieldText)
}

// FloorOpen is the least work that answers a question from an index
// written by Build: open it read-only, run Bleve's match query sorted by
// score, and return the best passage's text.
func FloorOpen(ctx context.Context, path, question string) (string, error) {
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return "", fmt.Errorf("open index %s: %w", path, err)
	}
	defer bi.Close()
	return floorMatch(ctx, bi, question, fieldRaw)
}

// floorMatch runs the match query and returns the stored field of the best
// hit.
func floorMatch(ctx context.Context, bi bleve.Index, question, stored string) (string, error) {
	q := matchQuery(question)
	req := bleve.NewSearchRequestOptions(q, 1, 0, false)
	req.Fields = []string{stored}
	sr, err := bi.SearchInContext(ctx, req)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	if len(sr.Hits) == 0 {
		return "", nil
	}
	text, _ := sr.Hits[0].Fields[stored].(string)
	return text, nil
}
