package seeds

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxDocumentSize bounds one corpus file, so a stray binary or dump in a
// corpus folder is reported instead of being indexed.
const MaxDocumentSize = 4 << 20

// Document is one source article and its passages.
type Document struct {
	// Name is the file name, which is also the citation key.
	Name string
	// Title is the headline from the metadata file, or the file name.
	Title string
	// Date is the ISO date the text itself states, or empty.
	Date string
	// DateQuote is the verbatim text that states Date.
	DateQuote string
	// Text is the file's content, unchanged.
	Text string
	// Passages are the document's passages in order.
	Passages []Passage
}

// Label is the short form of the document's name used in citations: the part
// before the first underscore ("003" for "003_f5a8a94412535d4e.txt").
func (d *Document) Label() string { return Label(d.Name) }

// Label returns the short citation form of a document name.
func Label(name string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	if i := strings.IndexByte(base, '_'); i > 0 {
		return base[:i]
	}
	return base
}

// Metadata is the optional NAME.yaml beside a NAME.txt document.
type Metadata struct {
	Title     string `yaml:"title"`
	Date      string `yaml:"date"`
	DateQuote string `yaml:"date_quote"`
}

// Problem is one thing wrong with a corpus, reported by Check.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Load reads every .txt document in fsys (with its optional .yaml metadata)
// and splits it into passages. Documents are returned sorted by name.
func Load(fsys fs.FS) ([]*Document, error) {
	docs, problems, err := load(fsys)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("corpus: %s", problems[0])
	}
	return docs, nil
}

// Check loads fsys like Load and returns every problem found instead of the
// first: unreadable or non-UTF-8 files, empty documents, malformed metadata,
// dates that are not ISO dates, and date quotes not found in their document.
// It also returns the documents that loaded.
func Check(fsys fs.FS) ([]*Document, []Problem, error) {
	return load(fsys)
}

func load(fsys fs.FS) ([]*Document, []Problem, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, nil, fmt.Errorf("list corpus: %w", err)
	}
	if len(names) == 0 {
		return nil, nil, errors.New("corpus has no .txt documents")
	}
	sort.Strings(names)
	var docs []*Document
	var problems []Problem
	labels := map[string]string{} // a label's document
	for _, name := range names {
		// A citation names a document by its label: two with one label
		// could not be told apart, and their passages would share IDs.
		if other, ok := labels[Label(name)]; ok {
			problems = append(problems, Problem{File: name, Msg: fmt.Sprintf("its label %q is also %s's: citations could not tell them apart", Label(name), other)})
			continue
		}
		labels[Label(name)] = name
		doc, probs, err := loadDocument(fsys, name)
		if err != nil {
			return nil, nil, err
		}
		problems = append(problems, probs...)
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	return docs, problems, nil
}

func loadDocument(fsys fs.FS, name string) (*Document, []Problem, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("stat %s: %w", name, err)
	}
	if info.Size() > MaxDocumentSize {
		return nil, []Problem{{File: name, Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit", info.Size(), MaxDocumentSize)}}, nil
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	if !utf8.Valid(raw) {
		line := 1 + bytes.Count(raw[:firstInvalid(raw)], []byte("\n"))
		return nil, []Problem{{File: name, Line: line, Msg: "not valid UTF-8 text"}}, nil
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, []Problem{{File: name, Msg: "contains NUL bytes: not a text file"}}, nil
	}
	doc := &Document{Name: name, Text: string(raw)}
	doc.Passages = Split(name, doc.Text)
	var problems []Problem
	if len(doc.Passages) == 0 {
		problems = append(problems, Problem{File: name, Msg: "document has no text"})
	}
	meta, metaName, probs := loadMetadata(fsys, name)
	problems = append(problems, probs...)
	doc.Title = meta.Title
	if doc.Title == "" {
		doc.Title = strings.TrimSuffix(name, ".txt")
	}
	if meta.Date != "" {
		if _, err := time.Parse(time.DateOnly, meta.Date); err != nil {
			problems = append(problems, Problem{File: metaName, Msg: fmt.Sprintf("date %q is not an ISO date (YYYY-MM-DD)", meta.Date)})
		} else {
			doc.Date = meta.Date
		}
		if meta.DateQuote == "" {
			problems = append(problems, Problem{File: metaName, Msg: "date has no date_quote showing where the text states it"})
		}
	}
	if meta.DateQuote != "" {
		if !ContainsQuote(doc.Text, meta.DateQuote) {
			problems = append(problems, Problem{File: metaName, Msg: fmt.Sprintf("date_quote %q is not in %s", meta.DateQuote, name)})
		}
		doc.DateQuote = meta.DateQuote
	}
	return doc, problems, nil
}

func loadMetadata(fsys fs.FS, name string) (Metadata, string, []Problem) {
	var meta Metadata
	metaName := strings.TrimSuffix(name, ".txt") + ".yaml"
	raw, err := fs.ReadFile(fsys, metaName)
	if errors.Is(err, fs.ErrNotExist) {
		return meta, metaName, nil
	}
	if err != nil {
		return meta, metaName, []Problem{{File: metaName, Msg: err.Error()}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&meta); err != nil && !errors.Is(err, io.EOF) {
		return Metadata{}, metaName, []Problem{{File: metaName, Msg: "bad metadata: " + err.Error()}}
	}
	return meta, metaName, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// NormalizeSpace folds every run of white space (Unicode's, so no-break
// spaces too) to one space and trims the ends, so quotes can be compared
// "white space aside".
func NormalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// ContainsQuote reports whether quote occurs verbatim in text, white space aside.
func ContainsQuote(text, quote string) bool {
	q := NormalizeSpace(quote)
	return q != "" && strings.Contains(NormalizeSpace(text), q)
}

// QuoteSpan finds quote in text, white space aside, and returns the bytes
// of text it covers: a quote compared "white space aside" still has a
// place in the text it is from.
func QuoteSpan(text, quote string) (Span, bool) {
	q := NormalizeSpace(quote)
	if q == "" {
		return Span{}, false
	}
	// The text as NormalizeSpace writes it, with each byte's offset in
	// text.
	norm := make([]byte, 0, len(text))
	at := make([]int, 0, len(text))
	space := false
	for i, r := range text {
		if unicode.IsSpace(r) {
			space = len(norm) > 0
			continue
		}
		if space {
			norm, at = append(norm, ' '), append(at, i)
			space = false
		}
		// A byte that is not UTF-8 comes as RuneError, one byte wide.
		_, size := utf8.DecodeRuneInString(text[i:])
		for k := range size {
			norm, at = append(norm, text[i+k]), append(at, i+k)
		}
	}
	k := strings.Index(string(norm), q)
	if k < 0 {
		return Span{}, false
	}
	return Span{Start: at[k], End: at[k+len(q)-1] + 1}, true
}
