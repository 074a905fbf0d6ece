package bot_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/loadgen"
)

// logRecords is a slog handler that keeps every record's message and
// attributes as one line.
type logRecords struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecords) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecords) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logRecords) WithGroup(string) slog.Handler            { return l }
func (l *logRecords) Handle(_ context.Context, r slog.Record) error {
	line := r.Level.String() + " " + r.Message
	r.Attrs(func(a slog.Attr) bool {
		line += " " + a.Key + "=" + a.Value.String()
		return true
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	return nil
}

// has returns the first line containing all of words, or "".
func (l *logRecords) has(words ...string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
next:
	for _, line := range l.lines {
		for _, w := range words {
			if !strings.Contains(line, w) {
				continue next
			}
		}
		return line
	}
	return ""
}

// everyAnswer answers every input the knowledge base offers and the
// benchmark's questions, each as its JSON.
func everyAnswer(t *testing.T, b *bot.Bot) map[string]string {
	t.Helper()
	run := map[string]bot.Command{}
	for _, c := range bot.Commands() {
		run[c.Name] = c
	}
	cases := bottest.EveryInput(b, b.Knowledge())
	for _, q := range loadgen.AskQuestions() {
		cases = append(cases, bottest.Case{Command: "ask", Input: bot.Input{"question": q}})
	}
	out := map[string]string{}
	for _, c := range cases {
		a, err := run[c.Command].Run(t.Context(), b, c.Input)
		raw, jerr := json.Marshal(a)
		if jerr != nil {
			t.Fatalf("%s: %v", c, jerr)
		}
		out[c.String()] = string(raw) + " " + errString(err)
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestKnowledgeCache proves the knowledge base kept beside an on-disk
// index is used only when it is intact and made from the same inputs, and
// that answers are the same with it as without it: a damaged cache and a
// stale one are logged, ignored and replaced.
func TestKnowledgeCache(t *testing.T) {
	// Knowledge other than the embedded files, whose own snapshot would
	// serve otherwise: one comment more.
	kfs := knowledgeWith(t, "summary.yaml", "# Summaries:", "# Summaries, a copy:")
	dir := filepath.Join(t.TempDir(), "ix")
	cachePath := filepath.Join(dir, bot.KnowledgeCacheFile)
	open := func(t *testing.T, kfs fs.FS, rebuild bool) (*bot.Bot, *logRecords) {
		t.Helper()
		return openWarm(t, kfs, dir, rebuild)
	}
	const fromCache = "knowledge base read from its cache"

	// The answers to compare with come from the index as built, from the
	// YAML. All compared answers come from that one index on disk: an
	// index built again may break exact ties between equal scores in
	// another order (Bleve's sums of floating-point scores follow its
	// document order), which has nothing to do with the cache.
	b, logs := open(t, kfs, true)
	if logs.has(fromCache) != "" {
		t.Errorf("a rebuild read the knowledge cache")
	}
	if _, err := os.Stat(cachePath); err != nil {
		t.Fatalf("building the index wrote no knowledge cache: %v", err)
	}
	want := everyAnswer(t, b)
	if len(want) < 100 {
		t.Fatalf("only %d cases to compare", len(want))
	}
	same := func(t *testing.T, b *bot.Bot) {
		t.Helper()
		got := everyAnswer(t, b)
		n := 0
		for k, w := range want {
			if got[k] != w {
				n++
				if n <= 3 {
					t.Errorf("%s = %.300s\nwant %.300s", k, got[k], w)
				}
			}
		}
		if n > 0 || len(got) != len(want) {
			t.Errorf("%d of %d answers differ (%d cases, want %d)", n, len(want), len(got), len(want))
		}
	}
	t.Run("leftover temporary file", func(t *testing.T) {
		// A write killed before its rename: removed by the next write once
		// old, kept while it may still be in progress.
		old := filepath.Join(dir, "."+bot.KnowledgeCacheFile+"-killed")
		young := filepath.Join(dir, "."+bot.KnowledgeCacheFile+"-writing")
		for _, name := range []string{old, young} {
			if err := os.WriteFile(name, []byte("half a cache"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		long := time.Now().Add(-time.Hour)
		if err := os.Chtimes(old, long, long); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(cachePath); err != nil {
			t.Fatal(err)
		}
		open(t, kfs, false) // loads the YAML and writes the cache again
		if _, err := os.Stat(old); err == nil {
			t.Errorf("the old temporary file %s is still there", old)
		}
		if _, err := os.Stat(young); err != nil {
			t.Errorf("a temporary file younger than a minute was removed: %v", err)
		}
		if _, err := os.Stat(cachePath); err != nil {
			t.Errorf("no cache written: %v", err)
		}
		os.Remove(young)
	})

	t.Run("used", func(t *testing.T) {
		b, logs := open(t, kfs, false)
		if logs.has(fromCache) == "" {
			t.Fatalf("the knowledge cache was not used; logs: %q", logs.lines)
		}
		same(t, b)
	})

	t.Run("damaged", func(t *testing.T) {
		raw, err := os.ReadFile(cachePath)
		if err != nil {
			t.Fatal(err)
		}
		for name, bad := range map[string][]byte{
			"flipped byte": func() []byte { c := append([]byte(nil), raw...); c[len(c)/2] ^= 0x20; return c }(),
			"truncated":    raw[:len(raw)-100],
			"empty":        {},
		} {
			if err := os.WriteFile(cachePath, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			b, logs := open(t, kfs, false)
			if logs.has(fromCache) != "" {
				t.Errorf("%s: a damaged knowledge cache was used", name)
			}
			if logs.has("WARN", "knowledge cache not used", "damaged") == "" {
				t.Errorf("%s: no warning that the cache is damaged; logs: %q", name, logs.lines)
			}
			same(t, b)
			// Replaced once the index proved to match.
			if _, logs := open(t, kfs, false); logs.has(fromCache) == "" {
				t.Errorf("%s: the damaged cache was not replaced; logs: %q", name, logs.lines)
			}
		}
	})

	t.Run("stale", func(t *testing.T) {
		// A heading only summaries show: the index stays valid, the
		// cache does not.
		changed := knowledgeWith(t, "summary.yaml", "heading: What happened", "heading: What happened first")
		b, logs := open(t, changed, false)
		if logs.has(fromCache) != "" {
			t.Errorf("a cache made from other knowledge was used")
		}
		if logs.has("INFO", "knowledge cache not used", "stale") == "" {
			t.Errorf("no log that the cache is stale; logs: %q", logs.lines)
		}
		a, err := b.Summary(t.Context(), bot.SummaryRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if raw, _ := json.Marshal(a); !strings.Contains(string(raw), "What happened first") {
			t.Errorf("Summary() = %.300s, want the changed heading", raw)
		}
		// Back to the first knowledge: the cache now holds the changed
		// one, so it is stale again, and the answers are the YAML's.
		b, logs = open(t, kfs, false)
		if logs.has(fromCache) != "" {
			t.Errorf("a cache made from the changed knowledge was used for the first one")
		}
		same(t, b)
	})
}

// TestEmbeddedSnapshotServes proves the embedded knowledge is read from
// its snapshot, with an index on disk or without one, and that its answers
// are those of the files: the copy of the embedded files differs by a
// comment only, so it is loaded from the YAML.
func TestEmbeddedSnapshotServes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	const fromSnapshot = "knowledge base read from the embedded snapshot"
	open := func(t *testing.T, kfs fs.FS, rebuild bool) (*bot.Bot, *logRecords) {
		t.Helper()
		return openWarm(t, kfs, dir, rebuild)
	}
	b, logs := open(t, nil, true)
	if logs.has(fromSnapshot) == "" {
		t.Fatalf("the embedded knowledge was not read from its snapshot; logs: %q", logs.lines)
	}
	want := everyAnswer(t, b)
	copied := knowledgeWith(t, "summary.yaml", "# Summaries:", "# Summaries, a copy:")
	b, logs = open(t, copied, false)
	if logs.has(fromSnapshot) != "" {
		t.Fatalf("other knowledge files were read from the embedded snapshot")
	}
	got := everyAnswer(t, b)
	n := 0
	for k, w := range want {
		if got[k] != w {
			if n++; n <= 3 {
				t.Errorf("%s = %.300s\nwant %.300s", k, got[k], w)
			}
		}
	}
	if n > 0 {
		t.Errorf("%d of %d answers differ between the snapshot and the files", n, len(want))
	}
}

// openWarm opens Dossier on the index in dir, built first (rebuild) or
// opened, and warms it, recording its log.
func openWarm(t *testing.T, kfs fs.FS, dir string, rebuild bool) (*bot.Bot, *logRecords) {
	t.Helper()
	logs := &logRecords{}
	b, err := bot.Open(t.Context(), bot.Config{Knowledge: kfs, IndexDir: dir, Rebuild: rebuild, Log: slog.New(logs)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.Warm(t.Context()); err != nil {
		t.Fatal(err)
	}
	return b, logs
}
