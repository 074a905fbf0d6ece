package discord_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// TestTimelineEveryActor sends /timeline actor: for every actor the
// knowledge base knows. Each gets its answer; the chart is attached when
// there is something to draw and left out otherwise (Blinken's events are
// a statement and a designation), never "Something went wrong".
func TestTimelineEveryActor(t *testing.T) {
	e := newEndpoint(t)
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	kb, err := knowledge.Load(knowledge.Embedded(), docs)
	if err != nil {
		t.Fatal(err)
	}
	withChart, without := 0, 0
	for _, a := range kb.Actors {
		code, r := e.post(t, command("timeline", map[string]any{"actor": a.Name}), time.Now(), e.priv)
		if code != http.StatusOK || r.Data == nil {
			t.Errorf("/timeline actor:%s = %d %s, want 200 and an answer", a.Name, code, r.payload)
			continue
		}
		if strings.Contains(string(r.payload), "Something went wrong") {
			t.Errorf("/timeline actor:%s = %s, want an answer or a clear notice", a.Name, r.payload)
		}
		png := r.files["timeline.png"]
		switch {
		case len(png) > 0:
			withChart++
			if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
				t.Errorf("/timeline actor:%s attached %d bytes that are not a PNG", a.Name, len(png))
			}
		case len(r.files) > 0 || len(r.Data.Embeds) > 0 && r.Data.Embeds[0].Image != nil:
			t.Errorf("/timeline actor:%s: files %d, embed image %+v; want a chart or none", a.Name, len(r.files), r.Data.Embeds[0].Image)
		default:
			without++
		}
		if a.Name == "Antony Blinken" && len(png) > 0 {
			t.Errorf("/timeline actor:%s attached a chart; want none, nothing to draw", a.Name)
		}
	}
	t.Logf("%d answers with a chart, %d without", withChart, without)
	if withChart == 0 || without == 0 {
		t.Errorf("%d answers with a chart, %d without; want both kinds among %d actors", withChart, without, len(kb.Actors))
	}
}
