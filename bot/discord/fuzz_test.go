package discord_test

import (
	"crypto/ed25519"
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
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// FuzzInteraction posts arbitrary bodies, signed and unsigned, to the
// endpoint: every request gets a status and never a panic, and a signed
// body that decodes gets a reply within Discord's limits.
func FuzzInteraction(f *testing.F) {
	for _, b := range [][]byte{
		interaction(discordgo.InteractionPing, nil, ""),
		command("ask", map[string]any{"question": "Who said the strikes would deter future action?"}),
		command("who-said", map[string]any{"speaker": "@everyone"}),
		command("timeline", map[string]any{"from": "31/02/2021"}),
		interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": "pg|1|timeline|from=x"}, ""),
		interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"name": "casualties", "options": []map[string]any{{"name": "event", "type": 3, "value": "er", "focused": true}}}, ""),
		[]byte(`{"type":2,"data":{"name":"ask","options":[{"name":"question","value":12}]}}`),
		[]byte(`{"type":3,"data":{"custom_id":123}}`),
		[]byte(`null`), []byte(`{`), []byte{0xff, 0xfe},
	} {
		f.Add(b, true)
		f.Add(b, false)
	}
	st := bottest.New(f, "")
	pub, priv, _ := ed25519.GenerateKey(nil)
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetCooldown(time.Nanosecond, 1<<30)
	f.Fuzz(func(t *testing.T, body []byte, sign bool) {
		// A fresh endpoint each time: the fuzzer repeats inputs, and a
		// repeated signed request is rightly refused as a replay.
		ep := discord.NewEndpoint(h, pub, nil)
		h.SetPanicHook(discordtest.FailOnPanic(t)) // answers come on this goroutine
		req := httptest.NewRequest(http.MethodPost, "/interactions", strings.NewReader(string(body)))
		if sign {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
			req.Header.Set("X-Signature-Timestamp", ts)
		} else if len(body) > 64 {
			req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(body[:64]))
			req.Header.Set("X-Signature-Timestamp", string(body[:10]))
		}
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, req)
		switch {
		case !sign && w.Code != http.StatusUnauthorized:
			t.Fatalf("unsigned request got %d, want 401", w.Code)
		case sign && w.Code == http.StatusOK:
			r := parseReply(t, w.Header().Get("Content-Type"), w.Body.Bytes())
			if r.Data != nil && r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				checkReply(t, r)
			}
		case sign && w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge:
			t.Fatalf("signed request got %d", w.Code)
		}
	})
}

// FuzzRender renders answers with arbitrary text and many results: every
// page stays within Discord's limits.
func FuzzRender(f *testing.F) {
	f.Add("Who said?", "text", "quote **bold** @everyone", "003:12", 3, 2)
	f.Add(strings.Repeat("x", 5000), strings.Repeat("word ", 2000), strings.Repeat("é", 3000), "x:1", 40, 30)
	f.Add("", "", "", "", 0, 0)
	f.Add("\u202e", "`", "\\", "||", 11, 26)
	f.Fuzz(func(t *testing.T, query, text, quote, passage string, results, cites int) {
		results, cites = min(max(results, 0), 60), min(max(cites, 0), 40)
		a := &bot.Answer{Command: "ask", Query: query, Text: text}
		for i := range results {
			r := bot.Result{Text: text, Speaker: quote, Date: "2021-06-27", Context: query}
			for j := range cites {
				c := bot.Citation{Doc: passage, Passage: passage + ":" + strconv.Itoa(j), Quote: quote}
				if sp := strings.IndexByte(quote, ' '); sp > 0 {
					c.Marks = []bot.Span{{Start: 0, End: sp}} // the first word matched
				}
				if i%2 == 0 {
					c.Quote = text
				}
				r.Citations = append(r.Citations, c)
			}
			a.Results = append(a.Results, r)
		}
		pages := discord.Pages(a)
		for p := range pages {
			d := discord.Message(a, p, "ask|"+query)
			if err := discord.CheckLimits(d); err != nil {
				t.Fatalf("page %d: %v", p, err)
			}
		}
	})
}
