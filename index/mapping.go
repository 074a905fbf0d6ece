package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping or the way documents are
// prepared for it changes; an on-disk index built under another version is
// rebuilt rather than searched with mismatched assumptions.
const MappingVersion = "dossier-11"

// Scoring models a search can rank by.
const (
	BM25  = "bm25"
	TFIDF = "tfidf"
)

// Field names, in one place so mapping, indexing and queries agree.
const (
	fieldText    = "text"    // normalized words of the passage, English-analyzed
	fieldContext = "context" // normalized words of the passage's label or speaker
	fieldEntity  = "entity"  // actor ids named in the passage (keyword)
	fieldRaw     = "raw"     // the passage verbatim (stored only)
	fieldDoc     = "doc"
	fieldKind    = "kind"
	fieldType    = "type" // "passage" or "fact"
	fieldLabel   = "label"
	fieldStart   = "start"
	fieldEnd     = "end"
	fieldCites   = "cites" // the passage a fact quotes (stored only)
)

var storedFields = []string{fieldRaw, fieldDoc, fieldKind, fieldType, fieldLabel, fieldStart, fieldEnd, fieldCites}

// newMapping builds the one index mapping Dossier uses.
func newMapping(scoring string) mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	if scoring == BM25 {
		m.ScoringModel = BM25
	}
	m.DefaultAnalyzer = en.AnalyzerName

	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = en.AnalyzerName
		f.Store = store
		f.IncludeTermVectors = true // phrase queries need positions
		f.IncludeInAll = false
		return f
	}
	kw := func(store, index bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.Index = index
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text(false))
	dm.AddFieldMappingsAt(fieldContext, text(false))
	dm.AddFieldMappingsAt(fieldEntity, kw(false, true))
	dm.AddFieldMappingsAt(fieldRaw, kw(true, false))
	dm.AddFieldMappingsAt(fieldDoc, kw(true, true))
	dm.AddFieldMappingsAt(fieldKind, kw(true, true))
	dm.AddFieldMappingsAt(fieldType, kw(true, true))
	dm.AddFieldMappingsAt(fieldLabel, kw(true, false))
	dm.AddFieldMappingsAt(fieldCites, kw(true, false))
	dm.AddFieldMappingsAt(fieldStart, num())
	dm.AddFieldMappingsAt(fieldEnd, num())
	m.DefaultMapping = dm
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
