package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/blevesearch/bleve/v2"
)

// Why an on-disk index cannot be opened, besides ErrStale. Open's errors
// wrap one of these and name the folder, on one line.
var (
	// ErrIncomplete is an index whose build did not finish: it was killed,
	// or failed, before it stored its mapping version, which comes last.
	ErrIncomplete = errors.New("index is incomplete: its build did not finish")
	// ErrDamaged is an index whose files cannot be read as written.
	ErrDamaged = errors.New("index is damaged")
	// ErrNotIndex is a folder that holds something other than an index.
	ErrNotIndex = errors.New("folder holds no Dossier index")
)

// metaFile is the file Bleve writes first in an index folder; a folder
// with it is an index, whole or not.
const metaFile = "index_meta.json"

// verifyDocs is how many documents Open reads back, stored fields and
// all, to check that the segments can be read before the index serves.
const verifyDocs = 100

// IsIndex reports whether path holds an index folder, complete or not, and
// whether the folder is empty (or missing), the two kinds of folder Build
// may replace without Options.Force.
func IsIndex(path string) (index, empty bool, err error) {
	entries, err := os.ReadDir(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, true, nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		if fi, serr := os.Lstat(path); serr == nil && !fi.IsDir() {
			return false, false, nil // a file: no index, and not empty
		}
		// A folder above it is a file: nothing can be built there.
		return false, false, fmt.Errorf("%s: a folder above it is a file", path)
	}
	if err != nil {
		return false, false, fmt.Errorf("read %s: %w", path, err)
	}
	if len(entries) == 0 {
		return false, true, nil
	}
	raw, err := os.ReadFile(filepath.Join(path, metaFile))
	if err != nil {
		return false, false, nil
	}
	var m struct {
		Storage string `json:"storage"`
	}
	return json.Unmarshal(raw, &m) == nil && m.Storage != "", false, nil
}

// openError is why Open failed on path: kind (ErrStale, ErrIncomplete,
// ErrDamaged, ErrNotIndex) with what the libraries said, on one line.
func openError(path string, kind error, detail any) error {
	msg := ""
	if detail != nil {
		msg = firstLine(fmt.Sprint(detail))
	}
	if msg == "" {
		return fmt.Errorf("open index %s: %w", path, kind)
	}
	return fmt.Errorf("open index %s: %w (%s)", path, kind, msg)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

// openBleve opens the Bleve index at path read-only. Damaged files make
// Bleve's storage return errors or panic ("assertion failed", slice bounds);
// both become ErrDamaged.
func openBleve(path string) (bi bleve.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			bi, err = nil, openError(path, ErrDamaged, p)
		}
	}()
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	if !st.IsDir() {
		return nil, openError(path, ErrNotIndex, "not a folder")
	}
	raw, err := os.ReadFile(filepath.Join(path, metaFile))
	if errors.Is(err, fs.ErrNotExist) {
		entries, _ := os.ReadDir(path)
		if len(entries) == 0 {
			return nil, openError(path, ErrNotIndex, "the folder is empty")
		}
		return nil, openError(path, ErrNotIndex, "no "+metaFile)
	}
	if err != nil {
		return nil, openError(path, ErrDamaged, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, openError(path, ErrDamaged, metaFile+": "+err.Error())
	}
	if err := checkStorage(path); err != nil {
		return nil, err
	}
	bi, err = bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, openError(path, ErrDamaged, err)
	}
	return bi, nil
}

// verify reads the index back before it serves: the document count it
// stored, and the stored fields of its first documents. A panic in Bleve's
// storage while doing so is a damaged index, not a crash.
func (ix *Index) verify(path string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = openError(path, ErrDamaged, p)
		}
	}()
	n, err := ix.bi.DocCount()
	if err != nil {
		return openError(path, ErrDamaged, err)
	}
	if int(n) != ix.meta.Docs {
		return openError(path, ErrDamaged, fmt.Sprintf("%d documents, its metadata says %d", n, ix.meta.Docs))
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), min(ix.meta.Docs, verifyDocs), 0, false)
	req.Fields = storedFields
	sr, err := ix.bi.Search(req)
	if err != nil {
		return openError(path, ErrDamaged, err)
	}
	if len(sr.Hits) != min(ix.meta.Docs, verifyDocs) {
		return openError(path, ErrDamaged, fmt.Sprintf("read back %d documents, want %d", len(sr.Hits), min(ix.meta.Docs, verifyDocs)))
	}
	for _, d := range sr.Hits {
		if h := hitFromFields(d.ID, d.Fields); h.Doc == "" || h.Type == "" {
			return openError(path, ErrDamaged, "document "+d.ID+" lost its stored fields")
		}
	}
	return nil
}

// prepare makes a new folder beside path to build into, locked for this
// process until unlock is called, after checking that what path holds may
// be replaced: nothing, an empty folder or an index, or anything when
// force is set. Build folders that killed builds left beside path are
// removed first.
func prepare(path string, force bool) (tmp string, unlock func(), err error) {
	isIndex, empty, err := IsIndex(path)
	if err != nil {
		return "", nil, err
	}
	if !isIndex && !empty && !force {
		return "", nil, fmt.Errorf("%s: %w, and is not empty; refusing to replace it", path, ErrNotIndex)
	}
	parent, _ := filepath.Split(filepath.Clean(path))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", nil, fmt.Errorf("build index in %s: %w", path, err)
	}
	// Best effort: a stale folder that cannot be removed only takes room,
	// and must not stop the build.
	cleanStale(path)
	tmp, unlock, err = workDir(path, buildingKind)
	if err != nil {
		return "", nil, fmt.Errorf("build index in %s: %w", path, err)
	}
	return tmp, unlock, nil
}

// install moves the finished index at tmp to path, replacing what path
// held. An index still serving from the old folder keeps working: its
// files stay open after the folder is removed. The old contents are set
// aside in a locked work folder first, so a process killed before it
// removed them leaves a folder the next build or open removes.
func install(tmp, path string) error {
	if err := releaseWork(tmp); err != nil {
		return fmt.Errorf("install index in %s: %w", path, err)
	}
	old := ""
	if _, err := os.Lstat(path); err == nil {
		aside, unlock, err := workDir(path, oldKind)
		if err != nil {
			return fmt.Errorf("install index in %s: %w", path, err)
		}
		defer unlock()
		old = filepath.Join(aside, filepath.Base(filepath.Clean(path)))
		if err := os.Rename(path, old); err != nil {
			os.RemoveAll(aside)
			return fmt.Errorf("install index in %s: %w", path, err)
		}
		defer os.RemoveAll(aside)
	}
	if err := os.Rename(tmp, path); err != nil {
		if old != "" {
			os.Rename(old, path) // put the previous contents back
		}
		return fmt.Errorf("install index in %s: %w", path, err)
	}
	return nil
}
