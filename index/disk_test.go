package index

import (
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// seedsAndKB loads the embedded seeds and the knowledge base over them.
func seedsAndKB(t testing.TB) ([]*seeds.Document, *knowledge.Base) {
	t.Helper()
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return docs, kb
}

// buildDisk builds the seeds into dir and closes the index.
func buildDisk(t *testing.T, dir string) {
	t.Helper()
	docs, kb := seedsAndKB(t)
	ix, err := Build(t.Context(), docs, kb, Options{Path: dir})
	if err != nil {
		t.Fatalf("Build(%s) error: %v", dir, err)
	}
	ix.Close()
}

// searchWorks checks that ix answers a question with hits.
func searchWorks(t *testing.T, what string, ix *Index) {
	t.Helper()
	res, err := ix.Search(t.Context(), "Who said the strikes would deter future action?", 3)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("%s: Search = %v hits, %v; want hits", what, res, err)
	}
}

// xorBytes flips bits in path from byte from to byte to, every 7th byte.
func xorBytes(t *testing.T, path string, from, to int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := from; i < to && i < int64(len(b)); i += 7 {
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// cutStorage cuts the storage file of the index in dir to 1/n of the
// bytes it has in use, at a page boundary.
func cutStorage(t *testing.T, dir string, n int64) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, storageFile))
	if err != nil {
		t.Fatal(err)
	}
	used, ok := boltUsed(f)
	f.Close()
	if !ok || used < 4*4096 {
		t.Fatalf("storage file: %d bytes in use (header valid: %v), want a built index's", used, ok)
	}
	if err := os.Truncate(filepath.Join(dir, storageFile), used/n/4096*4096); err != nil {
		t.Fatal(err)
	}
}

func segment(t *testing.T, dir string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no segment in %s: %v", dir, err)
	}
	return m[0]
}

// TestOpenDamaged damages copies of a built index in the ways a disk, a
// copy or an operator can, and expects Open to refuse each with one line
// naming the folder and the kind of problem — never a panic, which in a
// server's reload would end the process.
func TestOpenDamaged(t *testing.T) {
	src := filepath.Join(t.TempDir(), "ix")
	buildDisk(t, src)
	_, kb := seedsAndKB(t)
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   error
	}{
		{"storage file emptied", func(t *testing.T, d string) { os.Truncate(filepath.Join(d, "store", "root.bolt"), 0) }, ErrDamaged},
		// Cut by the pages in use, not by a fixed size: the file's size,
		// and how much of it is in use, varies from build to build.
		{"storage file cut in half", func(t *testing.T, d string) { cutStorage(t, d, 2) }, ErrDamaged},
		{"storage file cut to its header", func(t *testing.T, d string) { os.Truncate(filepath.Join(d, storageFile), 8192) }, ErrDamaged},
		{"storage pages scrambled", func(t *testing.T, d string) { xorBytes(t, filepath.Join(d, "store", "root.bolt"), 8192, 1<<20) }, ErrDamaged},
		{"storage header scrambled", func(t *testing.T, d string) { xorBytes(t, filepath.Join(d, "store", "root.bolt"), 0, 8192) }, ErrDamaged},
		{"segment cut short", func(t *testing.T, d string) { os.Truncate(segment(t, d), 100000) }, ErrDamaged},
		{"segment scrambled", func(t *testing.T, d string) { xorBytes(t, segment(t, d), 1000, 200000) }, ErrDamaged},
		{"segment footer scrambled", func(t *testing.T, d string) {
			st, _ := os.Stat(segment(t, d))
			xorBytes(t, segment(t, d), st.Size()-200, st.Size())
		}, ErrDamaged},
		{"segment removed", func(t *testing.T, d string) { os.Remove(segment(t, d)) }, ErrDamaged},
		{"metadata garbled", func(t *testing.T, d string) { os.WriteFile(filepath.Join(d, metaFile), []byte("{x"), 0o644) }, ErrDamaged},
		{"storage folder removed", func(t *testing.T, d string) { os.RemoveAll(filepath.Join(d, "store")) }, ErrDamaged},
		{"emptied folder", func(t *testing.T, d string) {
			os.RemoveAll(filepath.Join(d, "store"))
			os.Remove(filepath.Join(d, metaFile))
		}, ErrNotIndex},
		{"other files", func(t *testing.T, d string) {
			os.RemoveAll(filepath.Join(d, "store"))
			os.Rename(filepath.Join(d, metaFile), filepath.Join(d, "notes.txt"))
		}, ErrNotIndex},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ix")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			tt.damage(t, dir)
			ix, err := Open(dir, kb)
			if err == nil {
				ix.Close()
				t.Fatalf("Open(%s) of a damaged index succeeded", dir)
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), dir) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Open(damaged) = %q, want one line naming %s and wrapping %v", err, dir, tt.want)
			}
		})
	}
}

// TestOpenIncomplete opens what a build leaves when it stops half way
// (killed, or its context cancelled): incomplete, not "another version".
func TestOpenIncomplete(t *testing.T) {
	docs, kb := seedsAndKB(t)
	dir := filepath.Join(t.TempDir(), "partial")
	ctx, cancel := context.WithCancel(t.Context())
	half := func(yield func(*seeds.Document) bool) {
		for i, d := range docs {
			if i == len(docs)/2 {
				cancel()
			}
			if !yield(d) {
				return
			}
		}
	}
	if _, err := build(ctx, dir, iter.Seq[*seeds.Document](half), 0, kb, Options{Scoring: BM25}); err == nil {
		t.Fatal("build with a cancelled context succeeded")
	}
	_, err := Open(dir, kb)
	if !errors.Is(err, ErrIncomplete) || errors.Is(err, ErrStale) || !strings.Contains(err.Error(), dir) {
		t.Errorf("Open(partial index) = %v, want ErrIncomplete naming the folder", err)
	}
}

// TestBuildRefusesForeignFolder: Build into a folder holding other files
// refuses and leaves them be, unless forced.
func TestBuildRefusesForeignFolder(t *testing.T) {
	docs, kb := seedsAndKB(t)
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("mine"), 0o644)
	_, err := Build(t.Context(), docs, kb, Options{Path: dir})
	if !errors.Is(err, ErrNotIndex) || !strings.Contains(err.Error(), dir) {
		t.Errorf("Build into a folder of notes = %v, want ErrNotIndex naming it", err)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Fatalf("refused Build touched the folder: %q, %v", b, err)
	}
	ix, err := Build(t.Context(), docs, kb, Options{Path: dir, Force: true})
	if err != nil {
		t.Fatalf("forced Build: %v", err)
	}
	defer ix.Close()
	searchWorks(t, "forced build", ix)
	if _, err := os.Stat(notes); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("forced Build kept %s: %v", notes, err)
	}
}

// TestBuildOverFile: a file where the index should go is refused like a
// folder of other files, and replaced when forced.
func TestBuildOverFile(t *testing.T) {
	docs, kb := seedsAndKB(t)
	path := filepath.Join(t.TempDir(), "ix")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(t.Context(), docs, kb, Options{Path: path}); !errors.Is(err, ErrNotIndex) {
		t.Errorf("Build over a file = %v, want ErrNotIndex", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "mine" {
		t.Fatalf("refused Build touched the file: %q, %v", b, err)
	}
	ix, err := Build(t.Context(), docs, kb, Options{Path: path, Force: true})
	if err != nil {
		t.Fatalf("forced Build over a file: %v", err)
	}
	defer ix.Close()
	searchWorks(t, "forced build over a file", ix)

	// Below a file, nothing can be built, forced or not: said so, with
	// no advice to force it.
	below := filepath.Join(path+"x", "ix")
	if err := os.WriteFile(path+"x", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, force := range []bool{false, true} {
		_, err := Build(t.Context(), docs, kb, Options{Path: below, Force: force})
		if err == nil || errors.Is(err, ErrNotIndex) || !strings.Contains(err.Error(), "a folder above it is a file") {
			t.Errorf("Build(force %v) below a file = %v, want an error saying a folder above it is a file", force, err)
		}
	}
}

// TestRebuildBesideServing rebuilds an index folder while an index opened
// from it serves: a failed rebuild leaves the folder as it was, a good one
// replaces it, the serving index answers throughout, and no build folders
// are left behind.
func TestRebuildBesideServing(t *testing.T) {
	docs, kb := seedsAndKB(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "ix")
	buildDisk(t, dir)
	serving, err := Open(dir, kb)
	if err != nil {
		t.Fatal(err)
	}
	defer serving.Close()

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Build(ctx, docs, kb, Options{Path: dir}); err == nil {
		t.Fatal("Build with a cancelled context succeeded")
	}
	searchWorks(t, "serving index after a failed rebuild", serving)
	again, err := Open(dir, kb)
	if err != nil {
		t.Fatalf("Open after a failed rebuild = %v, want the old index intact", err)
	}
	again.Close()

	rebuilt, err := Build(t.Context(), docs, kb, Options{Path: dir})
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	defer rebuilt.Close()
	searchWorks(t, "serving index after the rebuild", serving)
	searchWorks(t, "rebuilt index", rebuilt)
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "ix" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder beside the index holds %v, want only ix", names)
	}
}

// TestFailedBuildKeepsIndex checks that a build Open would call damaged
// (two documents of one label, whose passages share IDs) fails before it
// replaces the index at its path.
func TestFailedBuildKeepsIndex(t *testing.T) {
	docs, kb := seedsAndKB(t)
	path := filepath.Join(t.TempDir(), "ix")
	good, err := Build(t.Context(), docs, kb, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	good.Close()
	dup := []*seeds.Document{
		{Name: "001_alpha.txt", Text: "The convoy was hit near Qaim."},
		{Name: "001_beta.txt", Text: "A parade was held in Baghdad."},
	}
	for _, d := range dup {
		d.Passages = seeds.Split(d.Name, d.Text)
	}
	if ix, err := Build(t.Context(), dup, kb, Options{Path: path, Force: true}); err == nil {
		ix.Close()
		t.Fatalf("Build(two documents labelled 001) succeeded, want an error")
	}
	ix, err := Open(path, kb)
	if err != nil {
		t.Fatalf("Open(the index a failed build was to replace) = %v, want the seeds' index", err)
	}
	defer ix.Close()
	if got := ix.DocCount(); got != good.DocCount() {
		t.Errorf("DocCount after a failed build = %d, want %d", got, good.DocCount())
	}
}
