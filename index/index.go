// Package index is Dossier's full-text index: it holds every Bleve detail
// (mapping, analysis, queries, scoring) behind the project's own types, so
// callers see passages, hits and snippets, never Bleve.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// Internal keys stored beside the documents of an index.
var (
	keyVersion = []byte("dossier:mapping-version")
	keyMeta    = []byte("dossier:meta")
)

// ErrStale is returned by Open when an on-disk index was built with another
// mapping version and must be rebuilt.
var ErrStale = errors.New("index was built by another version of Dossier and must be rebuilt")

// Source describes one indexed document.
type Source struct {
	Name      string `json:"name"`
	Label     string `json:"label"`
	Title     string `json:"title"`
	Date      string `json:"date,omitempty"`
	DateQuote string `json:"date_quote,omitempty"`
	Passages  int    `json:"passages"`
	// Opening is the document's first sentence, verbatim.
	Opening   string `json:"opening"`
	OpeningID string `json:"opening_id"`
}

// meta is what an index remembers about its contents besides the documents.
type meta struct {
	Sources []Source `json:"sources"`
	// Vocab maps every word of the corpus, as folded by knowledge.Tokenize,
	// to its stem; it drives typo correction and "not mentioned" answers.
	Vocab map[string]string `json:"vocab"`
	// Tokens counts the analyzed tokens per field, for BM25 lengths.
	Tokens  map[string]int `json:"tokens"`
	Docs    int            `json:"docs"`
	Scoring string         `json:"scoring"`
	// Facts is set when curated facts are indexed beside the passages.
	Facts bool `json:"facts"`
}

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

// Index is a searchable corpus.
type Index struct {
	bi      bleve.Index
	kb      *knowledge.Base
	an      analysis.Analyzer
	meta    meta
	byStem  map[string]bool
	byFirst map[byte][]string // vocabulary words by first byte, for typo correction
	syn     map[string][][]string
	// questionWords shape a question but name nothing in it.
	questionWords map[string]bool
	bm25          *search.BM25Stats

	// stored holds what hits need of each document, for an in-memory
	// index, so searches skip Bleve's stored-field loading; on-disk indexes
	// leave it nil and read stored fields, keeping memory bounded.
	stored map[string]Hit
	// analyses caches the analysis of stored passages, made on first use:
	// a one-shot CLI question pays only for the passages it touches.
	analyses sync.Map // ID → [2]*analyzed (text, label)
	// sortAll makes every search sort by score and ID inside Bleve, as
	// searches did before the tie-break moved here; tests compare the two.
	sortAll bool

	// content is the version of the curated data the index was built
	// from (see ContentVersion).
	content string

	closeOnce sync.Once
	closeErr  error
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
	tmp, err := prepare(opts.Path, opts.Force)
	if err != nil {
		return nil, err
	}
	ix, err := build(ctx, tmp, docs, total, kb, opts)
	if err == nil {
		err = ix.Close()
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
	ix := &Index{bi: bi, kb: kb, meta: meta{Vocab: map[string]string{}, Tokens: map[string]int{}, Scoring: opts.Scoring}}
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

// Open opens an on-disk index written by Build and reads part of it back,
// so that an index that opens can serve. Its errors name the folder on one
// line and wrap ErrStale (built under another mapping version, to be
// rebuilt), ErrIncomplete (a build that did not finish), ErrDamaged
// (files that cannot be read) or ErrNotIndex.
func Open(path string, kb *knowledge.Base) (*Index, error) {
	bi, err := openBleve(path)
	if err != nil {
		return nil, err
	}
	ix, err := openChecked(path, bi, kb)
	if err != nil {
		bi.Close()
		return nil, err
	}
	return ix, nil
}

// openChecked reads the metadata of the open Bleve index bi and checks it
// before it serves. Bleve's storage panics on some damage; that is an
// error here.
func openChecked(path string, bi bleve.Index, kb *knowledge.Base) (ix *Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			ix, err = nil, openError(path, ErrDamaged, p)
		}
	}()
	v, err := bi.GetInternal(keyVersion)
	switch {
	case err != nil:
		return nil, openError(path, ErrDamaged, err)
	case v == nil:
		return nil, openError(path, ErrIncomplete, nil)
	case string(v) != MappingVersion:
		return nil, openError(path, ErrStale, nil)
	}
	raw, err := bi.GetInternal(keyMeta)
	if err != nil || raw == nil {
		return nil, openError(path, ErrDamaged, fmt.Sprintf("metadata: %v", err))
	}
	content, err := bi.GetInternal(keyContent)
	if err != nil {
		return nil, openError(path, ErrDamaged, fmt.Sprintf("content version: %v", err))
	}
	ix = &Index{bi: bi, kb: kb, content: string(content)}
	if err := json.Unmarshal(raw, &ix.meta); err != nil {
		return nil, openError(path, ErrDamaged, "metadata: "+err.Error())
	}
	if err := ix.init(); err != nil {
		return nil, err
	}
	ix.deriveVocab()
	if err := ix.verify(path); err != nil {
		return nil, err
	}
	return ix, nil
}

// Close releases the index. Closing twice is harmless.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.bi.Close() })
	return ix.closeErr
}

// Sources lists the indexed documents.
func (ix *Index) Sources() []Source { return ix.meta.Sources }

// Scoring returns the scoring model the index ranks with.
func (ix *Index) Scoring() string { return ix.meta.Scoring }

// HasFacts reports whether curated facts were indexed.
func (ix *Index) HasFacts() bool { return ix.meta.Facts }

// DocCount returns the number of indexed passages and facts.
func (ix *Index) DocCount() int { return ix.meta.Docs }

func (ix *Index) init() error {
	an := ix.bi.Mapping().AnalyzerNamed(en.AnalyzerName)
	if an == nil {
		return errors.New("english analyzer is not registered")
	}
	ix.an = an
	ix.questionWords = make(map[string]bool, len(ix.kb.Words.QuestionWords))
	for _, w := range ix.kb.Words.QuestionWords {
		ix.questionWords[w] = true
	}
	ix.syn = map[string][][]string{}
	for _, group := range ix.kb.Words.Synonyms {
		var members [][]string
		for _, w := range group {
			if st := ix.stems(w); len(st) > 0 {
				members = append(members, st)
			}
		}
		for _, mb := range members {
			if len(mb) == 1 {
				ix.syn[mb[0]] = appendNew(ix.syn[mb[0]], members...)
			}
		}
	}
	return nil
}

// appendNew appends the stem sequences not already in list.
func appendNew(list [][]string, add ...[]string) [][]string {
	for _, a := range add {
		key := strings.Join(a, " ")
		dup := false
		for _, l := range list {
			dup = dup || strings.Join(l, " ") == key
		}
		if !dup {
			list = append(list, a)
		}
	}
	return list
}

// stems analyzes text the way the text field is analyzed.
func (ix *Index) stems(text string) []string {
	var out []string
	for _, t := range knowledge.Tokenize(text) {
		if s := ix.stem(t.Norm); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// stem returns the analyzed form of one folded word, or "" for a stop word.
func (ix *Index) stem(word string) string {
	if s, ok := ix.meta.Vocab[word]; ok {
		return s
	}
	toks := ix.an.Analyze([]byte(word))
	if len(toks) == 0 {
		return ""
	}
	return string(toks[0].Term)
}

// normalize turns text into the word sequence the index stores, so that
// questions and passages are folded by the same code.
func normalize(text string) string {
	toks := knowledge.Tokenize(text)
	var b strings.Builder
	b.Grow(len(text))
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Norm)
	}
	return b.String()
}

func (ix *Index) deriveVocab() {
	ix.byStem = make(map[string]bool, len(ix.meta.Vocab))
	ix.byFirst = map[byte][]string{}
	for w, s := range ix.meta.Vocab {
		if s == "" {
			continue
		}
		ix.byStem[s] = true
		ix.byFirst[w[0]] = append(ix.byFirst[w[0]], w)
	}
	ix.bm25 = &search.BM25Stats{DocCount: float64(ix.meta.Docs), FieldCardinality: map[string]int{fieldText: 0, fieldContext: 0, fieldEntity: 0}}
	for f, n := range ix.meta.Tokens {
		ix.bm25.FieldCardinality[f] = n
	}
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
	for d := range docs {
		src := Source{Name: d.Name, Label: d.Label(), Title: d.Title, Date: d.Date, DateQuote: d.DateQuote, Passages: len(d.Passages)}
		for _, p := range d.Passages {
			if src.Opening == "" && p.Kind != seeds.KindHeading && p.Kind != seeds.KindRelated {
				if ss := seeds.Sentences(p.Text); len(ss) > 0 {
					src.Opening, src.OpeningID = p.Text[ss[0].Start:ss[0].End], p.ID()
				}
			}
			done++
			if p.Kind == seeds.KindRelated {
				continue // links to other articles: not part of this one
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			fields := map[string]interface{}{
				fieldText:    ix.learn(fieldText, p.Text),
				fieldContext: ix.learn(fieldContext, p.Context),
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
	raw, err := json.Marshal(ix.meta)
	if err != nil {
		return fmt.Errorf("encode index metadata: %w", err)
	}
	if err := ix.bi.SetInternal(keyMeta, raw); err != nil {
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

// learn folds text for the index, adds its words to the vocabulary and
// counts its analyzed tokens for the field's BM25 length statistics.
func (ix *Index) learn(field, text string) string {
	for _, t := range knowledge.Tokenize(text) {
		s, ok := ix.meta.Vocab[t.Norm]
		if !ok {
			s = ix.stem(t.Norm)
			ix.meta.Vocab[t.Norm] = s
		}
		if s != "" {
			ix.meta.Tokens[field]++
		}
	}
	return normalize(text)
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
