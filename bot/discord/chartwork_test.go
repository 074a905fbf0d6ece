package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/knowledge"
)

// chartWork reads the dossier_chart_work gauge and the charts drawn from
// the metrics.
func chartWork(t *testing.T, m *discord.Metrics) (stages map[string]int, drawn int) {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	stages = map[string]int{}
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, `dossier_chart_work{stage="`); ok {
			stage, value, _ := strings.Cut(rest, `"} `)
			stages[stage] = int(parseFloat(value))
		}
		if v, ok := strings.CutPrefix(line, `dossier_chart_renders_total{outcome="ok"} `); ok {
			drawn = int(parseFloat(v))
		}
	}
	return stages, drawn
}

// TestRenderLimit asks for uncached charts at once over the HTTP endpoint
// and the gateway, which share one handler and so one render limit: six
// distinct timelines and six identical ones, half through each transport.
// A render hook holds every drawing until all twelve requests wait for a
// chart; then exactly the limit are drawing and the other distinct charts
// queue for a slot, the identical requests sharing one. Released, the
// drawings never exceed the limit at once, each distinct chart is drawn
// once, and every reply carries its chart.
func TestRenderLimit(t *testing.T) {
	const (
		limit    = 2
		distinct = 6
		same     = 6
	)
	f := discordtest.New(t)
	st := bottest.New(t, "")
	live := bot.NewLive(st.Bot, st.KB, nil)
	h := discord.NewHandler(live, nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Nanosecond, 1<<30)
	h.SetDeferAfter(time.Hour) // each answer comes in its response
	h.SetRenderLimit(limit)
	m := discord.NewMetrics(live)
	h.SetMetrics(m)

	var (
		mu      sync.Mutex
		running int
		peak    int
		drawn   = map[string]int{}
	)
	gate := make(chan struct{})
	release := sync.OnceFunc(func() { close(gate) })
	h.SetRenderHook(func(_ context.Context, key string) func() {
		mu.Lock()
		running++
		peak = max(peak, running)
		drawn[key]++
		mu.Unlock()
		<-gate
		return func() {
			mu.Lock()
			running--
			mu.Unlock()
		}
	})

	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	srv := httptest.NewServer(discord.NewEndpoint(h, pub, nil))
	defer srv.Close()
	defer release() // before the server closes: a failing test must not leave drawings held
	e := &endpoint{url: srv.URL, priv: priv, h: h}
	cancel, done := startGateway(t, f, h)
	defer cancel()

	// Request i: distinct ones start on a different day each; the
	// identical ones are one actor's timeline.
	options := func(i int) map[string]any {
		if i < distinct {
			return map[string]any{"from": fmt.Sprintf("2019-12-%02d", i+1)}
		}
		return map[string]any{"actor": "Kataib Hezbollah"}
	}
	var wg sync.WaitGroup
	gateway := 0
	for i := range distinct + same {
		if i%2 == 0 {
			wg.Go(func() {
				_, r := e.post(t, command("timeline", options(i)), time.Now(), priv)
				if len(r.files["timeline.png"]) == 0 {
					t.Errorf("/timeline %v over HTTP: no chart in %.200s", options(i), r.payload)
				}
			})
			continue
		}
		gateway++
		var opts []map[string]any
		for k, v := range options(i) {
			opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
		}
		f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent(strconv.Itoa(500+i), 2, map[string]any{"id": "1", "name": "timeline", "type": 1, "options": opts}))
	}

	// Wait until every request waits for its chart: a condition, not a
	// time.
	deadline := time.Now().Add(time.Minute)
	for {
		stages, _ := chartWork(t, m)
		if stages["requests_waiting"] == distinct+same && stages["renders_queued"]+stages["renders_running"] >= distinct+1 {
			if stages["renders_running"] != limit || stages["renders_queued"] != distinct+1-limit {
				t.Errorf("with %d distinct charts asked for: %d drawing and %d queued, want %d drawing (the limit) and %d queued (identical ones coalesced)",
					distinct+1, stages["renders_running"], stages["renders_queued"], limit, distinct+1-limit)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("chart work %v after a minute, want %d requests waiting for %d charts", stages, distinct+same, distinct+1)
		}
		time.Sleep(5 * time.Millisecond)
	}
	release()

	for range gateway {
		cb := f.WaitCallback(t)
		r := parseReply(t, cb.ContentType, cb.Body)
		if len(r.files["timeline.png"]) == 0 {
			t.Errorf("/timeline over the gateway (%s): no chart in %.200s", cb.Path, r.payload)
		}
	}
	wg.Wait()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunGateway = %v", err)
	}

	mu.Lock()
	defer mu.Unlock()
	if peak != limit {
		t.Errorf("at most %d charts drawn at once, want the limit, %d", peak, limit)
	}
	if len(drawn) != distinct+1 {
		t.Errorf("%d distinct charts drawn, want %d: %v", len(drawn), distinct+1, drawn)
	}
	for key, n := range drawn {
		if n != 1 {
			t.Errorf("chart %s drawn %d times, want once", key, n)
		}
	}
	stages, total := chartWork(t, m)
	if total != distinct+1 {
		t.Errorf("dossier_chart_renders_total{outcome=\"ok\"} = %d, want %d", total, distinct+1)
	}
	for stage, n := range stages {
		if n != 0 {
			t.Errorf("chart work %s = %d once every reply was sent, want 0", stage, n)
		}
	}
}

// TestChartRedrawnAfterReload asks for a casualty chart, reloads a
// knowledge base with one figure changed (as /reload and SIGHUP do), and
// asks again: the chart must be the new base's, not the cached drawing of
// the old one.
func TestChartRedrawnAfterReload(t *testing.T) {
	st := bottest.New(t, "")
	live := bot.NewLive(st.Bot, st.KB, nil)
	h := discord.NewHandler(live, nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Nanosecond, 1<<30)
	h.SetDeferAfter(time.Hour)
	chart := func() []byte {
		t.Helper()
		i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, User: &discordgo.User{ID: "u1"},
			Data: discordgo.ApplicationCommandInteractionData{Name: "casualties", Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "event", Type: discordgo.ApplicationCommandOptionString, Value: "2021-06-27"}}}}
		resp := h.Handle(t.Context(), i)
		if resp.Data == nil || len(resp.Data.Files) != 1 {
			t.Fatalf("/casualties event:2021-06-27 = %+v, want one chart", resp.Data)
		}
		img, err := io.ReadAll(resp.Data.Files[0].Reader)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	before := chart()

	dir := t.TempDir()
	files, err := fs.Glob(knowledge.Embedded(), "*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("embedded knowledge files = %v, %v", files, err)
	}
	changed := false
	for _, name := range files {
		data, err := fs.ReadFile(knowledge.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "casualties.yaml" {
			edited := strings.Replace(string(data), "    killed: at least 7\n", "    killed: at least 70\n", 1)
			changed = edited != string(data)
			data = []byte(edited)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !changed {
		t.Fatal(`casualties.yaml holds no "killed: at least 7" to change`)
	}
	nb, err := bot.Open(t.Context(), bot.Config{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	want, err := nb.CasualtiesChart(t.Context(), bot.CasualtiesRequest{Event: "2021-06-27"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(want, before) {
		t.Fatal("the changed figure draws the same chart: the test shows nothing")
	}
	live.Swap(nb, nb.Knowledge(), func() { nb.Close() })
	if got := chart(); !bytes.Equal(got, want) {
		t.Errorf("chart after reload = %d bytes (the old chart: %v), want the new base's %d bytes", len(got), bytes.Equal(got, before), len(want))
	}
}
