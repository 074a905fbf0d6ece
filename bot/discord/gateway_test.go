package discord_test

import (
	"context"
	"encoding/json"
	stdlog "log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// TestGateway runs the real discordgo session against the fake Discord: it
// registers the commands on READY, answers /who-said, pages a timeline with
// a button, and after the connection drops, resumes and answers again.
func TestGateway(t *testing.T) {
	f := discordtest.New(t)
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetDeferAfter(time.Hour) // these tests read each answer from its callback
	h.SetCooldown(time.Millisecond, 1000)

	s, err := discord.NewSession(discord.GatewayConfig{
		Token:  "test-token",
		Client: f.Client(),
		Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- discord.RunGateway(ctx, s, h, "7", nil) }()

	f.WaitConnected(t, "identify")
	// Registration happens on READY, in its own goroutine.
	deadline := time.Now().Add(10 * time.Second)
	for {
		path, n := f.Registered()
		if n > 0 {
			if path != "/api/v9/applications/42/guilds/7/commands" || n != len(discord.Commands()) {
				t.Errorf("registered %d commands at %s, want %d at the guild's bulk overwrite", n, path, len(discord.Commands()))
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("commands were not registered after READY")
		}
		time.Sleep(20 * time.Millisecond)
	}

	// /who-said over the gateway.
	f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("201", 2, map[string]any{
		"id": "1", "name": "who-said", "type": 1,
		"options": []map[string]any{{"name": "speaker", "type": 3, "value": "Binkin"}},
	}))
	cb := f.WaitCallback(t)
	r := parseReply(t, cb.ContentType, cb.Body)
	if cb.Path != "/api/v9/interactions/201/token-201/callback" || r.Type != 4 {
		t.Fatalf("callback %s type %d, want the interaction's callback with type 4", cb.Path, r.Type)
	}
	checkReply(t, r)
	if !strings.Contains(string(cb.Body), "Antony Blinken") {
		t.Errorf("who-said Binkin reply does not name Antony Blinken: %s", cb.Body)
	}

	// A timeline, then its Next button.
	f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("202", 2, map[string]any{"id": "2", "name": "timeline", "type": 1}))
	cb = f.WaitCallback(t)
	tl := parseReply(t, cb.ContentType, cb.Body)
	if png := tl.files["timeline.png"]; len(png) == 0 || tl.Data.Embeds[0].Image == nil || tl.Data.Embeds[0].Image.URL != "attachment://timeline.png" {
		t.Errorf("timeline over the gateway: attachment %d bytes, embed image %+v; want timeline.png shown by the first embed", len(png), tl.Data.Embeds[0].Image)
	}
	next := findButton(tl, "Next")
	if next == "" {
		t.Fatalf("timeline reply has no Next button: %s", tl.payload)
	}
	f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("203", 3, map[string]any{"custom_id": next, "component_type": 2}))
	cb = f.WaitCallback(t)
	if r := parseReply(t, cb.ContentType, cb.Body); r.Type != 7 || !strings.Contains(r.Data.Embeds[0].Footer.Text, "Page 2") {
		t.Errorf("button reply type %d footer %v, want an updated message on page 2", r.Type, r.Data.Embeds[0].Footer)
	}

	// The connection drops; the session resumes and keeps answering.
	f.Drop()
	f.WaitConnected(t, "resume")
	f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("204", 2, map[string]any{
		"id": "3", "name": "ask", "type": 1,
		"options": []map[string]any{{"name": "question", "type": 3, "value": "@everyone what did Khatibzadeh say?"}},
	}))
	cb = f.WaitCallback(t)
	r = parseReply(t, cb.ContentType, cb.Body)
	checkReply(t, r)
	var raw map[string]any
	json.Unmarshal(cb.Body, &raw)
	if !strings.Contains(string(cb.Body), "disrupting regional security") || strings.Contains(string(cb.Body), "@everyone") {
		t.Errorf("reply after reconnect = %s, want Khatibzadeh's words and no live mention", cb.Body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("RunGateway returned %v after shutdown, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("RunGateway did not return after its context ended")
	}
}

// TestGatewayFaults sends op 7 (reconnect) and op 9 (invalid session),
// drops the connection (also with an interaction sent while it is down) and
// answers a callback with 429, each to its own session: the session resumes
// or identifies anew, or retries after retry_after, and the interaction is
// still answered.
func TestGatewayFaults(t *testing.T) {
	st := bottest.New(t, "")
	tests := []struct {
		name  string
		fault func(f *discordtest.Fake)
		then  string // how the session goes on: "resume", "identify" or "" (same session)
		// early sends the interaction before the session is back, so only
		// the resume's replay delivers it.
		early bool
	}{
		{"op 7 reconnect", func(f *discordtest.Fake) { f.SendOp(7, nil) }, "resume", false},
		{"op 9 invalid session", func(f *discordtest.Fake) { f.SendOp(9, false) }, "identify", false},
		{"dropped connection", func(f *discordtest.Fake) { f.Drop() }, "resume", false},
		{"interaction while the connection is down", func(f *discordtest.Fake) { f.Drop() }, "resume", true},
		{"429 on the answer", func(f *discordtest.Fake) { f.RateLimitCallbacks(1) }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := discordtest.New(t)
			h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
			h.SetPanicHook(discordtest.FailOnPanic(t))
			h.SetDeferAfter(time.Hour) // these tests read each answer from its callback
			h.SetCooldown(time.Millisecond, 1000)
			s, err := discord.NewSession(discord.GatewayConfig{Token: "test-token", Client: f.Client(), Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second}})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- discord.RunGateway(ctx, s, h, "", slog.New(slog.NewTextHandler(testWriter{t}, nil))) }()
			f.WaitConnected(t, "identify")
			send := func(id string) {
				f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent(id, 2, map[string]any{
					"id": "1", "name": "who-said", "type": 1, "options": []map[string]any{{"name": "speaker", "type": 3, "value": "Kirby"}},
				}))
			}
			answered := func(id string) {
				cb := f.WaitCallback(t)
				if !strings.Contains(cb.Path, "/"+id+"/") || !strings.Contains(string(cb.Body), "John Kirby") {
					t.Fatalf("callback %s %.200s, want Kirby's quotations", cb.Path, cb.Body)
				}
			}
			send("300") // the session is fully up before the fault
			answered("300")
			tt.fault(f)
			start := time.Now()
			if tt.early {
				send("301")
			}
			if tt.then != "" {
				f.WaitConnected(t, tt.then)
			}
			if !tt.early {
				start = time.Now()
				send("301")
			}
			answered("301")
			if d := time.Since(start); tt.then == "" && d < 150*time.Millisecond {
				t.Errorf("answer after a 429 came in %v, before retry_after", d)
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("RunGateway after shutdown = %v", err)
			}
		})
	}
}

// testWriter sends log lines to the test's log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// TestGatewayHealthAndLogs follows a session through an outage: /healthz
// says down before it connects, connected once READY, resuming (503) while
// Discord refuses to reconnect, connected after the resume and down once
// closed. What discordgo and the standard logger print meanwhile arrives in
// the JSON log, every line of it JSON.
func TestGatewayHealthAndLogs(t *testing.T) {
	f := discordtest.New(t)
	st := bottest.New(t, "")
	var logs bottest.SyncBuffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	defer discord.RouteLibraryLogs(log)()
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), log)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetDeferAfter(time.Hour) // these tests read each answer from its callback
	s, err := discord.NewSession(discord.GatewayConfig{Token: "test-token", Client: f.Client(), Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	health := discord.NewGatewayHealth()
	health.Watch(s)
	check := func(want string, code int) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); ; {
			rec := httptest.NewRecorder()
			health.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
			if rec.Code == code && strings.HasPrefix(rec.Body.String(), want+" ") {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("/healthz = %d %q, want %d %s", rec.Code, rec.Body.String(), code, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	check(discord.StateDown, http.StatusServiceUnavailable)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- discord.RunGateway(ctx, s, h, "", log) }()
	f.WaitConnected(t, "identify")
	check(discord.StateConnected, http.StatusOK)

	f.RefuseConnections(true)
	f.Drop()
	check(discord.StateResuming, http.StatusServiceUnavailable)
	f.RefuseConnections(false)
	f.WaitConnected(t, "resume")
	check(discord.StateConnected, http.StatusOK)

	stdlog.Print("a line from a library")
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunGateway = %v", err)
	}
	health.Stopped()
	check(discord.StateDown, http.StatusServiceUnavailable)

	out := logs.String()
	for _, want := range []string{`"source":"discordgo"`, `error reading from gateway`, `"msg":"a line from a library"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON log lacks %s:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("log line is not JSON: %s", line)
		}
	}
}

// startGateway connects a real discordgo session to the fake Discord and
// runs h on it; cancel ends the session and done receives RunGateway's
// return.
func startGateway(t *testing.T, f *discordtest.Fake, h *discord.Handler) (cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	s, err := discord.NewSession(discord.GatewayConfig{Token: "test-token", Client: f.Client(), Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	ch := make(chan error, 1)
	go func() { ch <- discord.RunGateway(ctx, s, h, "", nil) }()
	f.WaitConnected(t, "identify")
	return cancel, ch
}
