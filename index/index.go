// Package index is Dossier's full-text index: it holds every Bleve detail
// (mapping, analysis, queries, scoring) behind the project's own types, so
// callers see passages, hits and snippets, never Bleve.
package index

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/dossier/dossier/knowledge"
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
	// DF counts the passages and facts each stem occurs in, for the
	// weight of a question's terms.
	DF map[string]int `json:"df"`
	// Abbrev maps the abbreviations the corpus defines in brackets to the
	// words they stand for.
	Abbrev map[string]string `json:"abbrev"`
	// Initials maps the initials of the corpus's runs of capitalized
	// words to those words ("ap": "associated press"), for an
	// abbreviation the corpus never writes ("AP", "WH").
	Initials map[string][]string `json:"initials"`
}

// Index is a searchable corpus.
type Index struct {
	bi      bleve.Index
	kb      *knowledge.Base
	an      analysis.Analyzer
	meta    meta
	byStem  map[string]bool
	byFirst map[byte][]string // vocabulary words by first byte, for typo correction
	harm    map[string]bool   // stems of the words a casualty record's figures are given by
	// latest is the latest date the sources speak of, worked out on
	// first use (the sources' metadata is read after the vocabulary).
	latest func() knowledge.Date
	// mainEvent is the event the sources are about and its record's words
	// analyzed, worked out on first use; nil event when there is none.
	mainEvent func() (*knowledge.Event, *analyzed)
	// eventDates maps a passage, and a casualty record ("casualty:id"),
	// to the dates of the events recorded from it, worked out on first
	// use: a passage about the strikes that says "overnight" is of their
	// day.
	eventDates func() map[string][]knowledge.Date
	syn        map[string][][]string
	// questionWords shape a question but name nothing in it.
	questionWords map[string]bool
	// functionWords carry no content ("in", "of", "the"): a modifier is
	// never followed by one.
	functionWords map[string]bool
	bm25          *search.BM25Stats
	grammar       *grammar
	forms         *forms
	// numberStems and regionStems hold the stems of the corpus's numbers
	// (by value) and of its country names and adjectives (by country).
	numberStems map[int][]string
	regionStems map[string][]string
	// byPrefix holds the corpus's stems by their first five letters, for
	// derivations the stemmer leaves apart ("injur", "injuri").
	byPrefix map[string][]string

	// stored holds what hits need of each document, for an in-memory
	// index, so searches skip Bleve's stored-field loading; on-disk indexes
	// leave it nil and read stored fields, keeping memory bounded.
	stored map[string]Hit
	// analyses caches the analysis of stored passages, made on first use:
	// a one-shot CLI question pays only for the passages it touches.
	analyses sync.Map // ID → [2]*analyzed (text, label)
	// matchPools keeps the document matches Bleve's searchers fill, for
	// the next search (see collect).
	matchPools sync.Pool // *search.DocumentMatchPool
	// sortAll makes every search sort by score and ID inside Bleve, as
	// searches did before the tie-break moved here; tests compare the two.
	sortAll bool

	// content is the version of the curated data the index was built
	// from (see ContentVersion).
	content string

	closeOnce sync.Once
	closeErr  error
}

// Open opens an on-disk index written by Build and reads part of it back,
// so that an index that opens can serve. Its errors name the folder on one
// line and wrap ErrStale (built under another mapping version, to be
// rebuilt), ErrIncomplete (a build that did not finish), ErrDamaged
// (files that cannot be read) or ErrNotIndex. Build folders that killed
// builds left beside the index are removed first (see cleanStale).
func Open(path string, kb *knowledge.Base) (*Index, error) {
	// Best effort, as in Build: what a killed build left beside the index
	// only takes room.
	cleanStale(path)
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
	// Gob, not JSON: the vocabulary and document frequencies decode about
	// three times as fast, which a one-shot `dossier --index DIR ask` feels.
	if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(&ix.meta); err != nil {
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
