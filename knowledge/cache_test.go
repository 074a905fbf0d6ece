package knowledge

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier/seeds"
)

func cacheKey(t *testing.T, knowledgeFS fs.FS) string {
	t.Helper()
	key, err := CacheKey(knowledgeFS, seeds.Embedded(), "test")
	if err != nil {
		t.Fatalf("CacheKey error: %v", err)
	}
	return key
}

// TestCacheRoundTrip: a cached Base is the Base Load returns, records,
// derived tables and all, and answers PassageOf alike.
func TestCacheRoundTrip(t *testing.T) {
	b := loadBase(t)
	key := cacheKey(t, Embedded())
	raw, err := b.MarshalCache(key)
	if err != nil {
		t.Fatalf("MarshalCache error: %v", err)
	}
	got, err := ReadCache(raw, key)
	if err != nil {
		t.Fatalf("ReadCache error: %v", err)
	}
	if err := sameBase(got, b); err != nil {
		t.Errorf("ReadCache(MarshalCache(base)) differs from Load's base: %v", err)
	}
	zero := 0
	for _, k := range got.Casualties {
		if k.Killed.Max != nil && *k.Killed.Max == zero {
			return // a figure of exactly 0 kept its upper bound
		}
	}
	t.Errorf("no casualty record with 0 killed after the round trip; the knowledge base has some")
}

// TestCacheRefused: a cache made from other inputs is stale, and one
// whose bytes changed in any way is damaged; neither is decoded.
func TestCacheRefused(t *testing.T) {
	b := loadBase(t)
	key := cacheKey(t, Embedded())
	raw, err := b.MarshalCache(key)
	if err != nil {
		t.Fatalf("MarshalCache error: %v", err)
	}
	// Knowledge edited by one byte.
	edited := fstest.MapFS{}
	for _, name := range files {
		data, err := fs.ReadFile(Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		edited[name] = &fstest.MapFile{Data: data}
	}
	edited["words.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), edited["words.yaml"].Data...), '\n')}
	otherKey := cacheKey(t, edited)
	if otherKey == key {
		t.Fatalf("CacheKey is the same after words.yaml changed")
	}
	otherBuild, err := CacheKey(Embedded(), seeds.Embedded(), "another build")
	if err != nil || otherBuild == key {
		t.Fatalf("CacheKey(another build) = %q, %v; want a key other than %q", otherBuild, err, key)
	}
	flipped := append([]byte(nil), raw...)
	flipped[len(flipped)-10] ^= 1
	sumFlipped := append([]byte(nil), raw...)
	sumFlipped[len(cacheMagic)+3] ^= 1
	oldLayout := append([]byte("dossier knowledge cache 0\n"), raw[len(cacheMagic):]...)
	for _, c := range []struct {
		name string
		raw  []byte
		key  string
		want error
	}{
		{"other knowledge", raw, otherKey, ErrCacheStale},
		{"other build", raw, otherBuild, ErrCacheStale},
		{"other layout", oldLayout, key, ErrCacheStale},
		{"flipped bit", flipped, key, ErrCacheDamaged},
		{"flipped checksum", sumFlipped, key, ErrCacheDamaged},
		{"truncated", raw[:len(raw)/2], key, ErrCacheDamaged},
		{"header only", raw[:len(cacheMagic)+5], key, ErrCacheDamaged},
		{"empty", nil, key, ErrCacheDamaged},
		{"not a cache", []byte("actors:\n  - id: x\n"), key, ErrCacheDamaged},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadCache(c.raw, c.key)
			if got != nil || !errors.Is(err, c.want) {
				t.Errorf("ReadCache(%s) = %v, %v; want nil, %v", c.name, got != nil, err, c.want)
			}
		})
	}
}

// BenchmarkLoad decodes and checks the embedded knowledge base, as a start
// without a cache does.
func BenchmarkLoad(b *testing.B) {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(Embedded(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCache is what a start with a valid cache does instead of
// Load: key the inputs, verify the cache and decode it.
func BenchmarkReadCache(b *testing.B) {
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	kb, err := Load(Embedded(), docs)
	if err != nil {
		b.Fatal(err)
	}
	key, err := CacheKey(Embedded(), seeds.Embedded(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	raw, err := kb.MarshalCache(key)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		key, err := CacheKey(Embedded(), seeds.Embedded(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ReadCache(raw, key); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEmbeddedSnapshot fails while the snapshot of the embedded knowledge
// base is out of date: after a change to the knowledge files, the seeds,
// the check or the cached types, until go generate ./knowledge is run.
func TestEmbeddedSnapshot(t *testing.T) {
	if err := CheckSnapshot(seedDocs(t)); err != nil {
		t.Fatal(err)
	}
	// And the comparison can fail: a base with one record changed.
	b := loadBase(t)
	changed := *b
	changed.Events = append([]Event(nil), b.Events...)
	changed.Events[0].Summary += "!"
	if err := sameBase(&changed, b); err == nil {
		t.Errorf("sameBase(base with a changed event, base) = nil, want a difference")
	}
}
