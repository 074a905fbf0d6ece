package index

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"iter"
	"os"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Options configure Build.
type Options struct {
	// Path, when set, writes an on-disk index there; otherwise the index
	// lives in memory. The index is built in a new folder beside Path and
	// moved to Path only once complete, so a failed or interrupted build
	// leaves Path as it was, and an index serving from Path keeps serving.
	Path string
	// Force lets Build replace a Path that holds something other than an
	// index; without it, only a missing or empty folder, or an index, is
	// replaced.
	Force bool
	// Scoring is BM25 (the default) or TFIDF.
	Scoring string
	// Facts are extra documents (curated facts) to index beside the passages.
	Facts []Fact
	// Progress, when set, is called after each batch with the number of
	// passages indexed so far and the total.
	Progress func(done, total int)
}

// Build indexes the documents (and any facts in opts) and returns the index.
func Build(ctx context.Context, docs []*seeds.Document, kb *knowledge.Base, opts Options) (*Index, error) {
	total := 0
	for _, d := range docs {
		total += len(d.Passages)
	}
	return BuildFrom(ctx, slices.Values(docs), total, kb, opts)
}

// BuildFrom indexes documents as they come from a sequence, so a large
// corpus is never held in memory at once; total (passages, or 0 if not
// known) is for progress reports.
func BuildFrom(ctx context.Context, docs iter.Seq[*seeds.Document], total int, kb *knowledge.Base, opts Options) (*Index, error) {
	if opts.Scoring == "" {
		opts.Scoring = BM25
	}
	if opts.Scoring != BM25 && opts.Scoring != TFIDF {
		return nil, fmt.Errorf("unknown scoring model %q", opts.Scoring)
	}
	if opts.Path == "" {
		return build(ctx, "", docs, total, kb, opts)
	}
	tmp, unlock, err := prepare(opts.Path, opts.Force)
	if err != nil {
		return nil, err
	}
	// Held until the build is in place or removed: until then another
	// process's cleanStale leaves the folder alone.
	defer unlock()
	ix, err := build(ctx, tmp, docs, total, kb, opts)
	if err == nil {
		// What Open checks, checked before the build takes the place of
		// the index there: a build Open would call damaged replaces
		// nothing.
		switch n, cerr := ix.bi.DocCount(); {
		case cerr != nil:
			err = fmt.Errorf("build index: count documents: %w", cerr)
		case int(n) != ix.meta.Docs:
			err = fmt.Errorf("build index: %d documents stored of %d indexed (two with one ID?)", n, ix.meta.Docs)
		}
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = install(tmp, opts.Path)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return Open(opts.Path, kb)
}

// build indexes docs into a new index at path, or in memory if path is "".
func build(ctx context.Context, path string, docs iter.Seq[*seeds.Document], total int, kb *knowledge.Base, opts Options) (*Index, error) {
	bi, err := bleve.NewUsing(path, newMapping(opts.Scoring), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix := &Index{bi: bi, kb: kb, meta: meta{Vocab: map[string]string{}, Tokens: map[string]int{}, DF: map[string]int{}, Abbrev: map[string]string{}, Initials: map[string][]string{}, Scoring: opts.Scoring}}
	if path == "" {
		ix.stored = map[string]Hit{}
	}
	if err := ix.init(); err != nil {
		bi.Close()
		return nil, err
	}
	if err := ix.add(ctx, docs, total, opts); err != nil {
		bi.Close()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) add(ctx context.Context, docs iter.Seq[*seeds.Document], total int, opts Options) error {
	batch := ix.bi.NewBatch()
	done := 0
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		if err := ix.bi.Batch(batch); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		batch.Reset()
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
		return nil
	}
	tagger := ix.kb.Tagger()
	captions := map[string]bool{} // passages that are photo captions, by ID
	for d := range docs {
		src := Source{Name: d.Name, Label: d.Label(), Title: d.Title, Date: d.Date, DateQuote: d.DateQuote, Passages: len(d.Passages)}
		for _, p := range d.Passages {
			if src.Opening == "" && p.Kind != seeds.KindHeading && p.Kind != seeds.KindRelated && p.Kind != seeds.KindCaption {
				if ss := seeds.Sentences(p.Text); len(ss) > 0 {
					src.Opening, src.OpeningID = p.Text[ss[0].Start:ss[0].End], p.ID()
				}
			}
			done++
			if p.Kind == seeds.KindRelated {
				continue // links to other articles: not part of this one
			}
			if p.Kind == seeds.KindCaption {
				captions[p.ID()] = true
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			toks := knowledge.Tokenize(p.Text)
			for abbr, words := range abbreviations(p.Text, toks) {
				ix.meta.Abbrev[abbr] = words
			}
			ix.meta.addInitials(p.Text, toks)
			stems := map[string]bool{}
			fields := map[string]interface{}{
				fieldText:    ix.learn(fieldText, p.Text, stems),
				fieldContext: ix.learn(fieldContext, p.Context, stems),
				fieldEntity:  ix.entities(tagger.Tag(p.Text + "\n" + p.Context)),
				fieldRaw:     p.Text,
				fieldDoc:     p.Doc,
				fieldKind:    string(p.Kind),
				fieldType:    "passage",
				fieldLabel:   p.Context,
				fieldStart:   float64(p.Start),
				fieldEnd:     float64(p.End),
			}
			if err := batch.Index(p.ID(), fields); err != nil {
				return fmt.Errorf("index passage %s: %w", p.ID(), err)
			}
			ix.keep(p.ID(), fields)
			ix.meta.Docs++
			if batch.Size() >= 1000 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		ix.meta.Sources = append(ix.meta.Sources, src)
	}
	ix.meta.Facts = len(opts.Facts) > 0
	for _, f := range opts.Facts {
		if captions[f.Cites] {
			// A record of what a photo's caption says ranks as the caption.
			f.Kind = string(seeds.KindCaption)
		}
		fields := ix.factFields(f)
		if err := batch.Index(f.ID, fields); err != nil {
			return fmt.Errorf("index fact %s: %w", f.ID, err)
		}
		ix.keep(f.ID, fields)
		ix.meta.Docs++
	}
	if err := flush(); err != nil {
		return err
	}
	ix.deriveVocab()
	var raw bytes.Buffer
	if err := gob.NewEncoder(&raw).Encode(&ix.meta); err != nil {
		return fmt.Errorf("encode index metadata: %w", err)
	}
	if err := ix.bi.SetInternal(keyMeta, raw.Bytes()); err != nil {
		return fmt.Errorf("store index metadata: %w", err)
	}
	ix.content = ContentVersion(ix.kb, opts.Facts)
	if err := ix.bi.SetInternal(keyContent, []byte(ix.content)); err != nil {
		return fmt.Errorf("store content version: %w", err)
	}
	if err := ix.bi.SetInternal(keyVersion, []byte(MappingVersion)); err != nil {
		return fmt.Errorf("store mapping version: %w", err)
	}
	return nil
}

// keep remembers a document's stored fields for an in-memory index.
func (ix *Index) keep(id string, fields map[string]interface{}) {
	if ix.stored != nil {
		ix.stored[id] = hitFromFields(id, fields)
	}
}

// learn folds text for the index (as normalize does), adds its words to
// the vocabulary, counts its analyzed tokens for the field's BM25 length
// statistics, and counts the document frequency of each stem not yet in
// stems, the stems of the document's other fields. One pass over the
// words does all four: a start without --index builds the index.
func (ix *Index) learn(field, text string, stems map[string]bool) string {
	var b strings.Builder
	b.Grow(len(text))
	for i, t := range knowledge.Tokenize(text) {
		s, ok := ix.meta.Vocab[t.Norm]
		if !ok {
			s = ix.stem(t.Norm)
			ix.meta.Vocab[t.Norm] = s
		}
		if s != "" {
			ix.meta.Tokens[field]++
			if !stems[s] {
				stems[s] = true
				ix.meta.DF[s]++
			}
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Norm)
	}
	return b.String()
}

// entities returns the distinct actor ids of mentions and of the
// institutions those actors speak for, counting them for
// the entity field's BM25 length statistics.
func (ix *Index) entities(ms []knowledge.Mention) []string {
	var ids []string
	seen := map[string]bool{}
	for _, id := range mentionIDs(ms) {
		for _, inst := range ix.kb.Institutions(id) {
			if !seen[inst] {
				seen[inst] = true
				ids = append(ids, inst)
			}
		}
	}
	ix.meta.Tokens[fieldEntity] += len(ids)
	return ids
}

func mentionIDs(ms []knowledge.Mention) []string {
	seen := map[string]bool{}
	var ids []string
	for _, m := range ms {
		if !seen[m.ID] {
			seen[m.ID] = true
			ids = append(ids, m.ID)
		}
	}
	return ids
}
