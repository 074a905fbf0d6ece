package discord_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
)

// TestGateway runs the real discordgo session against the fake Discord: it
// registers the commands on READY, answers /who-said, pages a timeline with
// a button, and after the connection drops, resumes and answers again.
func TestGateway(t *testing.T) {
	f := newFakeDiscord(t)
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetCooldown(time.Millisecond, 1000)

	s, err := discord.NewSession(discord.GatewayConfig{
		Token:  "test-token",
		Client: f.client(),
		Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- discord.RunGateway(ctx, s, h, "7", nil) }()

	f.waitConnected(t, "identify")
	// Registration happens on READY, in its own goroutine.
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.mu.Lock()
		n, path := len(f.registered), f.regPath
		f.mu.Unlock()
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
	f.dispatch("INTERACTION_CREATE", interactionEvent("201", 2, map[string]any{
		"id": "1", "name": "who-said", "type": 1,
		"options": []map[string]any{{"name": "speaker", "type": 3, "value": "Binkin"}},
	}))
	cb := f.waitCallback(t)
	r := parseReply(t, cb.contentType, cb.body)
	if cb.path != "/api/v9/interactions/201/token-201/callback" || r.Type != 4 {
		t.Fatalf("callback %s type %d, want the interaction's callback with type 4", cb.path, r.Type)
	}
	checkReply(t, r)
	if !strings.Contains(string(cb.body), "Antony Blinken") {
		t.Errorf("who-said Binkin reply does not name Antony Blinken: %s", cb.body)
	}

	// A timeline, then its Next button.
	f.dispatch("INTERACTION_CREATE", interactionEvent("202", 2, map[string]any{"id": "2", "name": "timeline", "type": 1}))
	cb = f.waitCallback(t)
	tl := parseReply(t, cb.contentType, cb.body)
	if png := tl.files["timeline.png"]; len(png) == 0 || tl.Data.Embeds[0].Image == nil || tl.Data.Embeds[0].Image.URL != "attachment://timeline.png" {
		t.Errorf("timeline over the gateway: attachment %d bytes, embed image %+v; want timeline.png shown by the first embed", len(png), tl.Data.Embeds[0].Image)
	}
	next := findButton(tl, "Next")
	if next == "" {
		t.Fatalf("timeline reply has no Next button: %s", tl.payload)
	}
	f.dispatch("INTERACTION_CREATE", interactionEvent("203", 3, map[string]any{"custom_id": next, "component_type": 2}))
	cb = f.waitCallback(t)
	if r := parseReply(t, cb.contentType, cb.body); r.Type != 7 || !strings.Contains(r.Data.Embeds[0].Footer.Text, "Page 2") {
		t.Errorf("button reply type %d footer %v, want an updated message on page 2", r.Type, r.Data.Embeds[0].Footer)
	}

	// The connection drops; the session resumes and keeps answering.
	f.drop()
	f.waitConnected(t, "resume")
	f.dispatch("INTERACTION_CREATE", interactionEvent("204", 2, map[string]any{
		"id": "3", "name": "ask", "type": 1,
		"options": []map[string]any{{"name": "question", "type": 3, "value": "@everyone what did Khatibzadeh say?"}},
	}))
	cb = f.waitCallback(t)
	r = parseReply(t, cb.contentType, cb.body)
	checkReply(t, r)
	var raw map[string]any
	json.Unmarshal(cb.body, &raw)
	if !strings.Contains(string(cb.body), "disrupting regional security") || strings.Contains(string(cb.body), "@everyone") {
		t.Errorf("reply after reconnect = %s, want Khatibzadeh's words and no live mention", cb.body)
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
