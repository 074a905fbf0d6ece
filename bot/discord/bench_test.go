package discord_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
)

// BenchmarkEndpoint verifies and answers a mixed set of signed
// interactions through the endpoint's handler (no network).
func BenchmarkEndpoint(b *testing.B) {
	st := bottest.New(b, "")
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetCooldown(time.Nanosecond, 1<<30)
	ep := discord.NewEndpoint(h, pub, nil)
	bodies := [][]byte{
		command("ask", map[string]any{"question": "Who said the strikes would deter future action?"}),
		command("ask", map[string]any{"question": "What did Iran's foreign ministry spokesman say?"}),
		command("who-said", map[string]any{"speaker": "Psaki"}),
		command("casualties", map[string]any{"event": "2021-06-27"}),
		command("timeline", map[string]any{"actor": "Kataib Hezbollah"}),
		command("ask", map[string]any{"question": "What did Putin say?"}),
		interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "1", "name": "who-said", "type": 1, "options": []map[string]any{{"name": "speaker", "type": 3, "value": "bli", "focused": true}}}, ""),
		interaction(discordgo.InteractionPing, nil, ""),
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sigs := make([]string, len(bodies))
	for i, body := range bodies {
		sigs[i] = hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...)))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := i % len(bodies)
		req := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(string(bodies[k])))
		req.Header.Set("X-Signature-Ed25519", sigs[k])
		req.Header.Set("X-Signature-Timestamp", ts)
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
		i++
	}
}
