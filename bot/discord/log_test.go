package discord_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
)

// TestInteractionLog checks the one structured log line each interaction
// gets: who, where, what, how it went, how long and how many results.
func TestInteractionLog(t *testing.T) {
	st := bottest.New(t, "")
	var buf bytes.Buffer
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), slog.New(slog.NewJSONHandler(&buf, nil)))
	h.SetCooldown(time.Hour, 2) // the denied summary does not count
	tests := []struct {
		body    []byte
		command string
		outcome string
		results float64 // -1: no results field
	}{
		{command("ask", map[string]any{"question": "Who said the strikes would deter future action?", "limit": 2}), "ask", "ok", 2},
		{command("ask", map[string]any{"question": "What did Putin say?"}), "ask", "not_covered", 0},
		{command("summary", nil), "summary", "denied", -1},
		{command("who-said", map[string]any{"speaker": "Kirby"}), "who-said", "cooldown", -1},
	}
	for _, tt := range tests {
		buf.Reset()
		var i discordgo.Interaction
		if err := json.Unmarshal(tt.body, &i); err != nil {
			t.Fatal(err)
		}
		h.Handle(t.Context(), &i)
		lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
		if len(lines) != 1 {
			t.Fatalf("%s logged %d lines, want 1: %s", tt.command, len(lines), buf.String())
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
			t.Fatalf("log line %q is not JSON: %v", lines[0], err)
		}
		want := map[string]any{"msg": "interaction", "user": "555", "guild": "7", "channel": "8", "command": tt.command, "outcome": tt.outcome}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s log %s = %v, want %v (line %s)", tt.command, k, got[k], v, lines[0])
			}
		}
		if lat, ok := got["latency"].(float64); !ok || lat <= 0 {
			t.Errorf("%s log latency = %v, want a positive duration", tt.command, got["latency"])
		}
		n, has := got["results"]
		switch {
		case tt.results < 0 && has:
			t.Errorf("%s log results = %v, want none: no command ran", tt.command, n)
		case tt.results >= 0 && n != tt.results:
			t.Errorf("%s log results = %v, want %v", tt.command, n, tt.results)
		}
	}
}
