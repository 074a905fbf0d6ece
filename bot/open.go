package bot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Config says what Dossier answers from. The zero Config answers from the
// embedded seeds and knowledge base, with an index built in memory.
type Config struct {
	// Knowledge is the folder of knowledge YAML; nil means the embedded
	// files.
	Knowledge fs.FS
	// Corpus is a folder of documents to index instead of the seeds. The
	// curated facts cite the seeds, so they are indexed only with them.
	Corpus fs.FS
	// Synthetic, when positive, indexes a corpus of that many passages
	// generated from the seeds instead.
	Synthetic int
	// IndexDir, when set, keeps the index on disk there: an index already
	// there is opened, and rebuilt when it was built by another version of
	// Dossier or from other curated data.
	IndexDir string
	// Rebuild builds the index in IndexDir afresh even if one is there.
	Rebuild bool
	// Scoring is the ranking model, index.BM25 (the default) or index.TFIDF.
	Scoring string
	// Log receives the command layer's logs; nil discards them.
	Log *slog.Logger
	// Progress, when set, is told how indexing goes.
	Progress func(done, total int)
	// Force lets a build replace an IndexDir that holds something other
	// than an index.
	Force bool
	// Rebuilding, when set, is told that the index in IndexDir is being
	// rebuilt, and why: index.ErrStale (another version of Dossier, or
	// other curated data) or index.ErrIncomplete (a build that did not
	// finish). The rebuild happens in a new folder, moved into place once
	// complete.
	Rebuilding func(dir string, why error)
	// SyntheticIndex, when set, is told that the index opened in IndexDir
	// holds a synthetic corpus (index build --passages): its answers cite
	// generated text, not the sources.
	SyntheticIndex func(dir string)
}

// Open loads and checks the knowledge base against the seeds its facts
// cite, and returns a Bot over it. The index is opened or built on first
// use, so commands that never search (timeline, who-said, casualties,
// summary) do not pay for it; Warm builds it at once. Close releases it.
func Open(ctx context.Context, cfg Config) (*Bot, error) {
	if cfg.Knowledge == nil {
		cfg.Knowledge = knowledge.Embedded()
	}
	// The seeds are read only when something needs them: a start that
	// finds its knowledge cache and its index on disk does not.
	docs := sync.OnceValues(func() ([]*seeds.Document, error) {
		docs, err := seeds.Load(seeds.Embedded())
		if err != nil {
			return nil, fmt.Errorf("load seeds: %w", err)
		}
		return docs, nil
	})
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	kb, cache, err := loadKnowledge(cfg, log, docs)
	var problems knowledge.Problems
	if errors.As(err, &problems) {
		return nil, fmt.Errorf("knowledge base has %d %s (first: %s); run dossier check", len(problems), Plural(len(problems), "problem", "problems"), problems[0])
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lazy := &lazyIndex{}
	b := New(lazy, kb, log)
	lazy.open = func(ctx context.Context) (*index.Index, error) {
		ix, err := b.openIndex(ctx, cfg, docs)
		if err == nil && cfg.IndexDir != "" {
			// The index is built from, or proved to match, this base.
			cache.write(kb, b.log)
		}
		return ix, err
	}
	b.lazy = lazy
	return b, nil
}

// openIndex opens the on-disk index, or builds the one cfg describes.
func (b *Bot) openIndex(ctx context.Context, cfg Config, seedDocs func() ([]*seeds.Document, error)) (*index.Index, error) {
	if cfg.IndexDir == "" || cfg.Rebuild {
		return b.buildIndex(ctx, cfg, seedDocs)
	}
	ix, err := index.Open(cfg.IndexDir, b.kb)
	if err == nil && ix.Content() != index.ContentVersion(b.kb, b.indexedFacts(ix.HasFacts())) {
		// Built from other curated data: its facts would answer with
		// records that are no longer there, or miss new ones.
		ix.Close()
		err = index.ErrStale
	}
	if errors.Is(err, index.ErrStale) || errors.Is(err, index.ErrIncomplete) {
		if cfg.Rebuilding != nil {
			cfg.Rebuilding(cfg.IndexDir, err)
		}
		return b.buildIndex(ctx, cfg, seedDocs)
	}
	if err == nil && cfg.SyntheticIndex != nil && slices.ContainsFunc(ix.Sources(), func(s index.Source) bool { return seeds.IsSynthetic(s.Name) }) {
		cfg.SyntheticIndex(cfg.IndexDir)
	}
	return ix, err
}

// indexedFacts returns the facts an index holds, if it holds any.
func (b *Bot) indexedFacts(with bool) []index.Fact {
	if !with {
		return nil
	}
	return b.facts()
}

// buildIndex indexes the seeds with their facts, a corpus folder, or a
// synthetic corpus, in memory or in cfg.IndexDir.
func (b *Bot) buildIndex(ctx context.Context, cfg Config, loadSeeds func() ([]*seeds.Document, error)) (*index.Index, error) {
	seedDocs, err := loadSeeds()
	if err != nil {
		return nil, err
	}
	opts := index.Options{Path: cfg.IndexDir, Force: cfg.Force, Scoring: cfg.Scoring, Progress: cfg.Progress}
	var ix *index.Index
	switch {
	case cfg.Synthetic > 0:
		ix, err = index.BuildFrom(ctx, seeds.Synthetic(seedDocs, cfg.Synthetic, 1), cfg.Synthetic, b.kb, opts)
	case cfg.Corpus != nil:
		docs, lerr := seeds.Load(cfg.Corpus)
		if lerr != nil {
			return nil, fmt.Errorf("load corpus: %w", lerr)
		}
		ix, err = index.Build(ctx, docs, b.kb, opts)
	default:
		opts.Facts = b.facts()
		ix, err = index.Build(ctx, seedDocs, b.kb, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	return ix, nil
}

// Warm opens or builds the index now rather than on first use, so a
// long-running front end answers its first question quickly, and a broken
// index is found before it serves.
func (b *Bot) Warm(ctx context.Context) error {
	_, err := b.Index(ctx)
	return err
}

// Index returns the index the Bot searches, opening or building it if
// need be. A Bot made by New over another Searcher has none.
func (b *Bot) Index(ctx context.Context) (*index.Index, error) {
	if b.lazy == nil {
		if ix, ok := b.search.(*index.Index); ok {
			return ix, nil
		}
		return nil, errors.New("this Bot searches no index of its own")
	}
	return b.lazy.get(ctx)
}

// Close releases the index, if Open built or opened one.
func (b *Bot) Close() error {
	if b.lazy == nil {
		return nil
	}
	return b.lazy.close()
}

// lazyIndex is a Searcher that opens its index on first use.
type lazyIndex struct {
	open func(context.Context) (*index.Index, error)

	// ready holds the index once it is open, so searches need no lock.
	ready atomic.Pointer[index.Index]

	mu     sync.Mutex // held while opening and closing
	ix     *index.Index
	closed bool
}

// errClosed is returned by a Bot used after Close.
var errClosed = errors.New("dossier is closed")

func (l *lazyIndex) get(ctx context.Context) (*index.Index, error) {
	if ix := l.ready.Load(); ix != nil {
		return ix, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, errClosed
	}
	if l.ix == nil {
		// A failure is not kept: the next request tries again.
		ix, err := l.open(ctx)
		if err != nil {
			return nil, err
		}
		l.ix = ix
		l.ready.Store(ix)
	}
	return l.ix, nil
}

// built returns the index if it has been opened.
func (l *lazyIndex) built() *index.Index { return l.ready.Load() }

func (l *lazyIndex) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	l.ready.Store(nil)
	if l.ix == nil {
		return nil
	}
	return l.ix.Close()
}

// Rank opens the index if need be and ranks its answers to a question.
func (l *lazyIndex) Rank(ctx context.Context, question string) (*index.Ranking, error) {
	ix, err := l.get(ctx)
	if err != nil {
		return nil, err
	}
	return ix.Rank(ctx, question)
}

// Sources lists the indexed documents; none if the index cannot be opened
// (Bot.Sources opens it first and reports why).
func (l *lazyIndex) Sources() []index.Source {
	ix, err := l.get(context.Background())
	if err != nil {
		return nil
	}
	return ix.Sources()
}

// DocCount is the number of indexed passages and facts, 0 until the index
// is opened.
func (l *lazyIndex) DocCount() int {
	if ix := l.built(); ix != nil {
		return ix.DocCount()
	}
	return 0
}
