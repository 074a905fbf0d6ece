package bot_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/knowledge"
)

// TestOpenIndexesLazily proves the commands that never search answer
// without an index, and that the first question builds it.
func TestOpenIndexesLazily(t *testing.T) {
	b, err := bot.Open(t.Context(), bot.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := t.Context()
	if _, err := b.Timeline(ctx, bot.TimelineRequest{Actor: "Kataib Hezbollah"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WhoSaid(ctx, bot.WhoSaidRequest{Speaker: "Kirby"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Casualties(ctx, bot.CasualtiesRequest{Event: "2021-06-27"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Summary(ctx, bot.SummaryRequest{}); err != nil {
		t.Fatal(err)
	}
	if n := b.Documents(); n != 0 {
		t.Fatalf("after timeline, who-said, casualties and summary, %d documents are indexed, want none", n)
	}
	a, err := b.Ask(ctx, bot.AskRequest{Question: "Why did the US strike the militias in June 2021?"})
	if err != nil || a.NotCovered {
		t.Fatalf("Ask = %+v, %v; want an answer", a, err)
	}
	if n := b.Documents(); n == 0 {
		t.Fatal("after ask, no documents are indexed")
	}
}

// knowledgeWith returns the embedded knowledge base with one replacement
// made in one file.
func knowledgeWith(t *testing.T, file, old, new string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(knowledge.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(knowledge.Embedded(), path)
		if err != nil {
			return err
		}
		if path == file {
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s does not contain %q", file, old)
			}
			data = []byte(strings.Replace(string(data), old, new, 1))
		}
		out[path] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOnDiskIndexFollowsKnowledge proves an on-disk index built from other
// curated data is rebuilt, so its fact documents say what the knowledge
// base now says, and that an unchanged one is opened as it is.
func TestOnDiskIndexFollowsKnowledge(t *testing.T) {
	dir := t.TempDir()
	open := func(kfs fs.FS, build bool) (*bot.Bot, bool) {
		t.Helper()
		rebuilt := false
		b, err := bot.Open(t.Context(), bot.Config{Knowledge: kfs, IndexDir: dir, Rebuild: build, Rebuilding: func(string, error) { rebuilt = true }})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Warm(t.Context()); err != nil {
			t.Fatal(err)
		}
		return b, rebuilt
	}
	b, _ := open(nil, true)
	b.Close()
	if b, rebuilt := open(nil, false); rebuilt {
		t.Error("an index built from the same knowledge was rebuilt")
	} else {
		b.Close()
	}

	const question = "Which attack hit the zanzibarite airbase?"
	changed := knowledgeWith(t, "events.yaml", "the K1 military airbase near Kirkuk", "the zanzibarite K1 military airbase near Kirkuk")
	b, rebuilt := open(changed, false)
	defer b.Close()
	if !rebuilt {
		t.Error("an index built from other knowledge was opened, not rebuilt")
	}
	a, err := b.Ask(t.Context(), bot.AskRequest{Question: question})
	if err != nil {
		t.Fatal(err)
	}
	if a.NotCovered || len(a.Results) == 0 || !strings.Contains(a.Results[0].Text, "zanzibarite") {
		t.Errorf("Ask(%q) = %q %+v, want the changed event first", question, a.Text, a.Results)
	}
}
