package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

func (o *options) corpusFS() fs.FS {
	if o.corpus != "" {
		return os.DirFS(o.corpus)
	}
	return seeds.Embedded()
}

func (o *options) knowledgeFS() fs.FS {
	if o.knowledge != "" {
		return os.DirFS(o.knowledge)
	}
	return knowledge.Embedded()
}

// app is the wired command layer.
type app struct {
	bot   *bot.Bot
	kb    *knowledge.Base
	close func()
}

// open loads the knowledge base, checks it against the seeds its facts
// cite, and opens (--index) or builds the index.
func (o *options) open(ctx context.Context) (*app, error) {
	kb, seedDocs, problems, err := o.loadKnowledge()
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("knowledge base has %d %s (first: %s); run dossier check", len(problems), bot.Plural(len(problems), "problem", "problems"), problems[0])
	}
	var ix *index.Index
	if o.indexDir != "" {
		ix, err = index.Open(o.indexDir, kb)
		if errors.Is(err, index.ErrStale) {
			fmt.Fprintf(o.stderr, "dossier: the index in %s was built by another version of Dossier; rebuilding it\n", o.indexDir)
			ix, err = o.build(ctx, kb, seedDocs, o.indexDir, 0)
		}
	} else {
		ix, err = o.build(ctx, kb, seedDocs, "", 0)
	}
	if err != nil {
		return nil, err
	}
	return &app{bot: bot.New(ix, kb, o.logger()), kb: kb, close: func() { ix.Close() }}, nil
}

// loadKnowledge loads the knowledge base and the seeds its facts cite, and
// checks the one against the other (which also locates the passages the
// facts cite).
func (o *options) loadKnowledge() (*knowledge.Base, []*seeds.Document, []knowledge.Problem, error) {
	kb, err := knowledge.Load(o.knowledgeFS())
	if err != nil {
		return nil, nil, nil, err
	}
	seedDocs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("load seeds: %w", err)
	}
	return kb, seedDocs, kb.Check(seedDocs), nil
}

// build indexes the corpus — the seeds with their facts, a --corpus folder,
// or (passages > 0) a synthetic corpus of that many passages — in memory or
// at path.
func (o *options) build(ctx context.Context, kb *knowledge.Base, seedDocs []*seeds.Document, path string, passages int) (*index.Index, error) {
	opts := index.Options{Path: path, Scoring: o.scoring}
	switch {
	case passages > 0:
		opts.Progress = o.progress(passages)
		ix, err := index.BuildFrom(ctx, seeds.Synthetic(seedDocs, passages, 1), passages, kb, opts)
		o.endProgress(opts.Progress)
		return ix, wrap("build index", err)
	case o.corpus != "":
		docs, err := seeds.Load(os.DirFS(o.corpus))
		if err != nil {
			return nil, fmt.Errorf("load corpus: %w", err)
		}
		// Facts cite the seeds; over another corpus they would cite
		// documents that are not there.
		ix, err := index.Build(ctx, docs, kb, opts)
		return ix, wrap("build index", err)
	}
	opts.Facts = bot.Facts(kb)
	ix, err := index.Build(ctx, seedDocs, kb, opts)
	return ix, wrap("build index", err)
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
