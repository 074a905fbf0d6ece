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

// config is what the command line asks Dossier to answer from.
func (o *options) config() bot.Config {
	cfg := bot.Config{
		Knowledge: o.knowledgeFS(),
		IndexDir:  o.indexDir,
		Scoring:   o.scoring,
		Log:       o.logger(),
		Rebuilding: func(dir string, why error) {
			what := "was built by another version of Dossier or from other curated data"
			if errors.Is(why, index.ErrIncomplete) {
				what = "is incomplete (its build did not finish)"
			}
			fmt.Fprintf(o.stderr, "dossier: the index in %s %s; rebuilding it\n", dir, what)
		},
		SyntheticIndex: func(dir string) {
			fmt.Fprintf(o.stderr, "dossier: the index in %s holds a synthetic corpus made for benchmarks (index build --passages): its answers cite generated text, not the sources\n", dir)
		},
	}
	if o.corpus != "" {
		cfg.Corpus = os.DirFS(o.corpus)
	}
	return cfg
}

// open opens Dossier as the flags say; the index is opened or built when
// a command first searches.
func (o *options) open(ctx context.Context) (*bot.Bot, error) {
	b, err := bot.Open(ctx, o.config())
	if err != nil && o.knowledge != "" && errors.Is(err, fs.ErrNotExist) {
		// "read knowledge actors.yaml": in the folder given.
		return nil, fmt.Errorf("--knowledge %s: %w", o.knowledge, err)
	}
	return b, err
}

// loadKnowledge opens Dossier as the flags say and returns its checked
// knowledge base, for the benchmarks, which build their indexes with
// build. The seeds are loaded by bot.Open; build needs none given.
func (o *options) loadKnowledge() (*knowledge.Base, []*seeds.Document, error) {
	b, err := o.open(context.Background())
	if err != nil {
		return nil, nil, err
	}
	return b.Knowledge(), nil, nil
}

// build builds the index the flags describe, or (passages > 0) one over a
// synthetic corpus of that many passages, in memory or at path, for the
// benchmarks. The knowledge base it was given is loaded again by bot.Open.
func (o *options) build(ctx context.Context, _ *knowledge.Base, _ []*seeds.Document, path string, passages int) (*index.Index, error) {
	cfg := o.config()
	cfg.IndexDir, cfg.Rebuild, cfg.Synthetic = path, true, passages
	if passages > 0 {
		cfg.Progress = o.progress(passages)
		defer o.endProgress(cfg.Progress)
	}
	b, err := bot.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return b.Index(ctx) // closed by the caller
}
