package bot

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// KnowledgeCacheFile is the file beside an on-disk index that keeps the
// decoded and checked knowledge base, so that a start with --index and
// knowledge other than the embedded files (whose snapshot is built in)
// skips decoding the knowledge YAML and checking it against the seeds.
const KnowledgeCacheFile = "knowledge.cache"

// kbCache is the knowledge cache of one Open: where it lives, the key of
// the inputs it must match, and whether the base came from it.
type kbCache struct {
	path string // "" when there is no cache to read or write
	key  string
	used bool
}

// loadKnowledge returns the knowledge base cfg names: from the embedded
// snapshot when cfg.Knowledge holds the embedded files; else from the
// cache beside cfg.IndexDir when that cache was made from the same
// knowledge, seeds and build of Dossier; else by decoding and checking the
// YAML. A cache that cannot be used is never trusted in part: the reason
// is logged and the YAML loaded.
func loadKnowledge(cfg Config, log *slog.Logger, loadSeeds func() ([]*seeds.Document, error)) (*knowledge.Base, *kbCache, error) {
	c := &kbCache{}
	kb, err := knowledge.ReadEmbedded(cfg.Knowledge)
	if err == nil {
		log.Debug("knowledge base read from the embedded snapshot")
		return kb, c, nil
	}
	switch {
	case !errors.Is(err, knowledge.ErrCacheStale) && cfg.Knowledge == knowledge.Embedded():
		// Not a matter of other knowledge: a broken build. (Other files
		// that cannot be read are told when they are loaded.)
		log.Warn("embedded knowledge snapshot not used; loading the knowledge files", "reason", err)
	case cfg.Knowledge == knowledge.Embedded():
		// TestEmbeddedSnapshot fails in this state; the answers are right,
		// only the start is slower.
		log.Debug("embedded knowledge snapshot is out of date; run go generate ./knowledge")
	}
	if cfg.IndexDir != "" {
		if build := buildStamp(); build != "" {
			if key, err := knowledge.CacheKey(cfg.Knowledge, seeds.Embedded(), build); err == nil {
				c.path, c.key = filepath.Join(cfg.IndexDir, KnowledgeCacheFile), key
			}
		}
	}
	if c.path != "" && !cfg.Rebuild {
		raw, err := os.ReadFile(c.path)
		if err == nil {
			if kb, err = knowledge.ReadCache(raw, c.key); err == nil {
				c.used = true
				log.Debug("knowledge base read from its cache", "path", c.path)
				return kb, c, nil
			}
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case errors.Is(err, knowledge.ErrCacheStale):
			log.Info("knowledge cache not used; loading the knowledge files", "path", c.path, "reason", err)
		default:
			log.Warn("knowledge cache not used; loading the knowledge files", "path", c.path, "reason", err)
		}
	}
	docs, err := loadSeeds()
	if err != nil {
		return nil, nil, err
	}
	kb, err = knowledge.Load(cfg.Knowledge, docs)
	return kb, c, err
}

// write keeps kb in the cache, replacing what was there in one rename, so
// that a reader sees the old cache or the new one, never part of one.
// Failing to write (a read-only index folder) is logged, not an error:
// the index serves without it, and the next start loads the YAML again.
func (c *kbCache) write(kb *knowledge.Base, log *slog.Logger) {
	if c.path == "" || c.used {
		return
	}
	if err := c.writeFile(kb); err != nil {
		log.Info("knowledge cache not written", "path", c.path, "reason", err)
		return
	}
	c.used = true
}

func (c *kbCache) writeFile(kb *knowledge.Base) error {
	raw, err := kb.MarshalCache(c.key)
	if err != nil {
		return err
	}
	// A process killed while writing leaves its temporary file; one older
	// than any write takes is removed here.
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(c.path), "."+KnowledgeCacheFile+"-*"))
	for _, name := range left {
		if st, err := os.Stat(name); err == nil && time.Since(st.ModTime()) > time.Minute {
			os.Remove(name)
		}
	}
	f, err := os.CreateTemp(filepath.Dir(c.path), "."+KnowledgeCacheFile+"-")
	if err != nil {
		return err
	}
	if _, err := f.Write(raw); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), c.path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("install %s: %w", c.path, err)
	}
	return nil
}

// buildStamp names the running build of Dossier by its executable's size
// and modification time, so a cache an older build wrote (whose checks may
// have accepted what this one rejects) is not reused. "" when it cannot be
// told; no cache is used then.
func buildStamp() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", filepath.Base(exe), st.Size(), st.ModTime().UnixNano())
}
