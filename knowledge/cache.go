package knowledge

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/dossier/dossier/seeds"
)

// A knowledge cache holds a Base that Load decoded and checked, so that a
// later start can skip decoding the YAML and checking it against the
// corpus: together the larger part of a one-shot `dossier ask` over an
// index kept on disk. It is only ever used for the exact inputs it was made
// from, named by a key (see CacheKey), and only once its checksum proves it
// intact; anything else is an error, and the caller loads the YAML instead.

// cacheMagic opens every cache; its number changes with the cache's layout.
const cacheMagic = "dossier knowledge cache 1\n"

// Why a cache cannot be used. ReadCache's errors wrap one of these.
var (
	// ErrCacheStale is a cache made from other knowledge, other documents
	// or another build of Dossier.
	ErrCacheStale = errors.New("knowledge cache is stale")
	// ErrCacheDamaged is a cache whose bytes are not what was written.
	ErrCacheDamaged = errors.New("knowledge cache is damaged")
)

// snapshot is what a cache stores: the Base's records and what the check
// derived from the corpus. The field lines of records (Source.lines) are
// left out: only the check reports them, and a cached Base has passed it.
type snapshot struct {
	Key        string
	Actors     []Actor
	Words      Words
	Events     []Event
	Quotes     []Quote
	Casualties []Casualty
	Topics     []Topic
	Located    map[string]string
	Passages   map[string][]cachedPassage
	English    *English
}

// cachedPassage is a passageText with fields gob can see.
type cachedPassage struct{ ID, Text string }

// CacheKey names the inputs a cache is valid for: the knowledge files in
// knowledgeFS, the English grammar data, every file of the corpus in
// corpusFS, the layout of the cached types, and build, which names the
// build of Dossier (a change to the check's rules must not reuse what an
// older check accepted; "" when the caller cannot tell builds apart and
// relies on the rest).
func CacheKey(knowledgeFS, corpusFS fs.FS, build string) (string, error) {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(cacheMagic)
	field(typeSignature(reflect.TypeFor[snapshot](), map[reflect.Type]bool{}))
	field(build)
	for _, name := range files {
		raw, err := fs.ReadFile(knowledgeFS, name)
		if err != nil {
			return "", fmt.Errorf("read knowledge %s: %w", name, err)
		}
		field(name)
		field(string(raw))
	}
	// The English grammar data is always the embedded file.
	raw, err := fs.ReadFile(embedded, "english.yaml")
	if err != nil {
		return "", fmt.Errorf("read english.yaml: %w", err)
	}
	field("english.yaml")
	field(string(raw))
	entries, err := fs.ReadDir(corpusFS, ".")
	if err != nil {
		return "", fmt.Errorf("list corpus: %w", err)
	}
	for _, e := range entries { // ReadDir sorts by name
		if !e.Type().IsRegular() {
			continue
		}
		raw, err := fs.ReadFile(corpusFS, e.Name())
		if err != nil {
			return "", fmt.Errorf("read corpus %s: %w", e.Name(), err)
		}
		field(e.Name())
		field(string(raw))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// typeSignature spells out the fields of t and of the types it holds, so
// that a cache written before a field was added, removed or retyped is
// stale rather than decoded with gob's silent tolerance.
func typeSignature(t reflect.Type, seen map[reflect.Type]bool) string {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return t.Kind().String() + " " + typeSignature(t.Elem(), seen)
	case reflect.Map:
		return "map[" + typeSignature(t.Key(), seen) + "]" + typeSignature(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return t.String()
		}
		seen[t] = true
		var b strings.Builder
		b.WriteString(t.String() + "{")
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() {
				b.WriteString(f.Name + " " + typeSignature(f.Type, seen) + ";")
			}
		}
		b.WriteString("}")
		return b.String()
	}
	return t.String()
}

// MarshalCache encodes the Base as a cache for the inputs key names.
func (b *Base) MarshalCache(key string) ([]byte, error) {
	s := snapshot{
		Key: key, Actors: b.Actors, Words: b.Words, Events: b.Events, Quotes: b.Quotes,
		Casualties: b.Casualties, Topics: b.Topics, Located: b.located, English: b.english,
		Passages: make(map[string][]cachedPassage, len(b.passages)),
	}
	for doc, ps := range b.passages {
		out := make([]cachedPassage, len(ps))
		for i, p := range ps {
			out[i] = cachedPassage{p.id, p.text}
		}
		s.Passages[doc] = out
	}
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(&s); err != nil {
		return nil, fmt.Errorf("encode knowledge cache: %w", err)
	}
	sum := sha256.Sum256(body.Bytes())
	out := make([]byte, 0, len(cacheMagic)+len(sum)+body.Len())
	out = append(out, cacheMagic...)
	out = append(out, sum[:]...)
	return append(out, body.Bytes()...), nil
}

// ReadCache decodes a cache written by MarshalCache for the inputs key
// names. Its errors wrap ErrCacheStale or ErrCacheDamaged: a cache is used
// whole, or not at all.
func ReadCache(raw []byte, key string) (b *Base, err error) {
	body, ok := bytes.CutPrefix(raw, []byte(cacheMagic))
	if !ok {
		if bytes.HasPrefix(raw, []byte("dossier knowledge cache ")) {
			return nil, fmt.Errorf("%w: written in another layout", ErrCacheStale)
		}
		return nil, fmt.Errorf("%w: no header", ErrCacheDamaged)
	}
	if len(body) < sha256.Size {
		return nil, fmt.Errorf("%w: truncated", ErrCacheDamaged)
	}
	sum, body := body[:sha256.Size], body[sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCacheDamaged)
	}
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%w: %v", ErrCacheDamaged, p)
		}
	}()
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCacheDamaged, err)
	}
	if s.Key != key {
		return nil, fmt.Errorf("%w: made from other inputs", ErrCacheStale)
	}
	b = &Base{Actors: s.Actors, Words: s.Words, Events: s.Events, Quotes: s.Quotes, Casualties: s.Casualties, Topics: s.Topics, located: s.Located, english: s.English}
	if b.english == nil {
		return nil, fmt.Errorf("%w: no English grammar data", ErrCacheDamaged)
	}
	if b.located == nil {
		b.located = map[string]string{}
	}
	b.passages = make(map[string][]passageText, len(s.Passages))
	for doc, ps := range s.Passages {
		out := make([]passageText, len(ps))
		for i, p := range ps {
			out[i] = passageText{p.ID, p.Text}
		}
		b.passages[doc] = out
	}
	if dups := b.indexActors(); len(dups) > 0 {
		return nil, fmt.Errorf("%w: duplicate actor ids", ErrCacheDamaged)
	}
	b.tagger = NewTagger(b.Actors, b.Words.CaseWords)
	return b, nil
}

// The embedded knowledge base is decoded and checked ahead of time as
// well: go generate writes its snapshot, which the binary embeds, and
// TestEmbeddedSnapshot fails while the snapshot is out of date.
//
//go:generate go run ./internal/snapshot

// SnapshotFile is the snapshot of the embedded knowledge base.
const SnapshotFile = "embedded.cache"

// snapshotBuild is what the embedded snapshot's key names as its build:
// it is made by go generate, and kept fresh by a test, not by the build.
const snapshotBuild = "go generate"

//go:embed embedded.cache
var embeddedSnapshot []byte

// ReadEmbedded returns the knowledge base in knowledgeFS from the embedded
// snapshot, when knowledgeFS holds the embedded knowledge files (or a copy
// of them) and the snapshot was made from them and the embedded seeds. Its
// error wraps ErrCacheStale otherwise, or ErrCacheDamaged; the caller
// then loads the files.
func ReadEmbedded(knowledgeFS fs.FS) (*Base, error) {
	key, err := CacheKey(knowledgeFS, seeds.Embedded(), snapshotBuild)
	if err != nil {
		return nil, err
	}
	return ReadCache(embeddedSnapshot, key)
}

// Snapshot decodes and checks the embedded knowledge base against docs,
// the embedded seeds, and encodes it as the embedded snapshot.
func Snapshot(docs []*seeds.Document) ([]byte, error) {
	kb, err := Load(Embedded(), docs)
	if err != nil {
		return nil, err
	}
	key, err := CacheKey(Embedded(), seeds.Embedded(), snapshotBuild)
	if err != nil {
		return nil, err
	}
	return kb.MarshalCache(key)
}

// CheckSnapshot reports whether the embedded snapshot holds exactly the
// knowledge base that loading the embedded files against docs gives; the
// error says what to run when it does not.
func CheckSnapshot(docs []*seeds.Document) error {
	want, err := Load(Embedded(), docs)
	if err != nil {
		return err
	}
	got, err := ReadEmbedded(Embedded())
	if err == nil {
		err = sameBase(got, want)
	}
	if err != nil {
		return fmt.Errorf("knowledge/%s is out of date (%w); run go generate ./knowledge", SnapshotFile, err)
	}
	return nil
}

// sameBase reports the first part in which a cached base differs from a
// loaded one, field lines aside (a cache leaves them out). The whole
// structs are compared too, so a field added to Base that the cache does
// not carry is a difference.
func sameBase(got, want *Base) error {
	want = withoutLines(want)
	for _, p := range []struct {
		name      string
		got, want any
	}{
		{"actors", got.Actors, want.Actors},
		{"words", got.Words, want.Words},
		{"events", got.Events, want.Events},
		{"quotes", got.Quotes, want.Quotes},
		{"casualties", got.Casualties, want.Casualties},
		{"topics", got.Topics, want.Topics},
		{"located quotes", got.located, want.located},
		{"passages", got.passages, want.passages},
		{"actor index", got.actors, want.actors},
		{"institutions", got.institutions, want.institutions},
		{"voices", got.voices, want.voices},
		{"tagger", got.tagger, want.tagger},
		{"English grammar data", got.english, want.english},
	} {
		if !reflect.DeepEqual(p.got, p.want) {
			return fmt.Errorf("its %s differ", p.name)
		}
	}
	if !reflect.DeepEqual(withoutLines(got), want) {
		return errors.New("a part of the base that the cache does not carry differs; carry it in snapshot and ReadCache")
	}
	return nil
}

// withoutLines returns a copy of b whose records have no field lines.
func withoutLines(b *Base) *Base {
	c := *b
	c.Actors = clearLines(b.Actors, func(a *Actor) { a.lines = nil })
	c.Events = clearLines(b.Events, func(e *Event) { e.lines = nil })
	c.Quotes = clearLines(b.Quotes, func(q *Quote) { q.lines = nil })
	c.Casualties = clearLines(b.Casualties, func(k *Casualty) { k.lines = nil })
	c.indexActors()
	return &c
}

func clearLines[T any](in []T, clear func(*T)) []T {
	out := append([]T(nil), in...)
	for i := range out {
		clear(&out[i])
	}
	return out
}
