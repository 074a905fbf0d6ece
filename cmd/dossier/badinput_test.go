package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// badInputs are hostile or broken inputs every command must survive.
var badInputs = []string{
	"", "   \t ", strings.Repeat("strikes ", 1300), "\x00\x01\x02\x1b[31m", "\xff\xfe\xfd", "\u200f\u202eKirby\u202c",
	"text:x", "/.*/", "/(a+)+b/", "a*", "*", "x~2", "+a -b", `"unterminated`, "(((",
	"@everyone", "<@&1>", "<@123> @here", "```go\npanic()\n```", "**bold** __x__ ||spoiler||",
	"'; DROP TABLE quotes; --", "<script>alert(1)</script>", "😀🔥💥", "كتائب حزب الله", "Кирби сказал", "中文问题",
	"42", "-1", "2021-13-45", "31/02/2021", "June 31", "99999999999999999999", "Napoleon", "Battle of Hastings",
}

// TestBadInput sends every bad input to every command through the CLI, the
// HTTP endpoint and the gateway: each gets a short reply or a one-line
// error, never a panic, a stack trace, a ping or a slow answer.
func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow table")
	}
	type call struct {
		cli  []string
		name string
		opts map[string]any
	}
	var calls []call
	for _, in := range badInputs {
		calls = append(calls,
			call{[]string{"ask", in}, "ask", map[string]any{"question": in}},
			call{[]string{"who-said", in}, "who-said", map[string]any{"speaker": in}},
			call{[]string{"who-said", "--quote", in}, "", nil},
			call{[]string{"casualties", in}, "casualties", map[string]any{"event": in}},
			call{[]string{"timeline", "--from", in}, "timeline", map[string]any{"from": in}},
			call{[]string{"timeline", "--to", "2021-06-01", "--from", "2021-07-01", "--actor", in}, "timeline", map[string]any{"from": "2021-07-01", "to": "2021-06-01", "actor": in}},
			call{[]string{"summary", "--topic", in}, "summary", map[string]any{"topic": in}},
		)
	}
	calls = append(calls, call{[]string{"frobnicate"}, "frobnicate", nil}, call{[]string{"ask", "--limit", "-5", "x"}, "", nil})

	// The CLI: exit 0 with output, or a one-line error (exit 2 for the
	// user's mistakes).
	for _, c := range calls {
		out, errOut, err := runCLI(t, c.cli...)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(msg, "goroutine") || len(msg) > 400 {
				t.Errorf("CLI %q error is not one short line: %q", c.cli, msg)
			}
		} else if out == "" {
			t.Errorf("CLI %q printed nothing", c.cli)
		}
		if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "runtime error") {
			t.Errorf("CLI %q: %s", c.cli, errOut)
		}
	}

	// Both Discord transports: a reply within limits that pings no one.
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	env := func(k string) string {
		return map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_TOKEN": "test-token-1234"}[k]
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr bottest.SyncBuffer
	fake := discordtest.New(t)
	srvOpts := testOptions(t, env, io.Discard, &stderr)
	srvOpts.transport = fake.Transport() // deferred answers are edited in there
	go runOptions(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, srvOpts)
	addr := waitListening(t, &stderr)
	gw := &options{stdout: io.Discard, stderr: io.Discard, getenv: env, transport: fake.Transport()}
	gw.panicHook = discordtest.FailOnPanic(t)
	go runOptions(ctx, []string{"bot"}, gw)
	fake.WaitConnected(t, "identify")

	for n, c := range calls {
		if c.name == "" {
			continue
		}
		var opts []map[string]any
		for k, v := range c.opts {
			opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
		}
		data := map[string]any{"id": "1", "name": c.name, "type": 1, "options": opts}
		id := strconv.Itoa(5000 + n)
		event := discordtest.InteractionEvent(id, 2, data)
		event["member"] = map[string]any{"user": map[string]any{"id": strconv.Itoa(n)}, "permissions": "8192"}
		body, _ := json.Marshal(event)

		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
		req.Header.Set("X-Signature-Timestamp", ts)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		payload := readPayload(t, resp.Header.Get("Content-Type"), resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("HTTP %s %q: status %d", c.name, c.opts, resp.StatusCode)
		}
		checkDiscordReply(t, "HTTP "+c.name, answered(t, fake, payload))

		fake.Dispatch("INTERACTION_CREATE", event)
		cb := fake.WaitCallback(t)
		checkDiscordReply(t, "gateway "+c.name, answered(t, fake, readPayload(t, cb.ContentType, bytes.NewReader(cb.Body))))
	}
}

// answered returns the answer a reply gives: the reply itself, or for a
// deferred one (type 5 or 6), the edit of the original message that
// follows it, as an interaction response.
func answered(t *testing.T, fake *discordtest.Fake, payload []byte) []byte {
	t.Helper()
	var r struct {
		Type discordgo.InteractionResponseType `json:"type"`
	}
	json.Unmarshal(payload, &r)
	if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource && r.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		return payload
	}
	cb := fake.WaitCallback(t)
	if !strings.HasSuffix(cb.Path, "/messages/@original") {
		t.Fatalf("after a deferred reply, callback %s, want the edit of the original message", cb.Path)
	}
	edit := readPayload(t, cb.ContentType, bytes.NewReader(cb.Body))
	return []byte(`{"type":4,"data":` + string(edit) + `}`)
}

// readPayload returns the JSON of a reply, from a multipart body if need be.
func readPayload(t *testing.T, contentType string, body io.Reader) []byte {
	t.Helper()
	mt, params, _ := mime.ParseMediaType(contentType)
	if mt != "multipart/form-data" {
		b, _ := io.ReadAll(body)
		return b
	}
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			t.Fatalf("multipart reply without payload_json: %v", err)
		}
		if p.FormName() == "payload_json" {
			b, _ := io.ReadAll(p)
			return b
		}
	}
}

// checkDiscordReply holds a reply to Discord's limits and the mention rule.
func checkDiscordReply(t *testing.T, what string, payload []byte) {
	t.Helper()
	var r struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data struct {
			Content         string                            `json:"content"`
			Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
			AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal(payload, &r); err != nil {
		t.Errorf("%s: reply is not JSON: %v: %.200s", what, err, payload)
		return
	}
	if r.Data.AllowedMentions == nil || len(r.Data.AllowedMentions.Parse) != 0 {
		t.Errorf("%s: allowed_mentions = %+v", what, r.Data.AllowedMentions)
	}
	if err := discord.CheckLimits(&discordgo.InteractionResponseData{Content: r.Data.Content, Embeds: r.Data.Embeds}); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	for _, s := range []string{"@everyone", "@here", "<@&1>", "<@123>", "goroutine ", "runtime error"} {
		if strings.Contains(string(payload), s) {
			t.Errorf("%s: reply contains %q: %.300s", what, s, payload)
		}
	}
	if !utf8.Valid(payload) {
		t.Errorf("%s: reply is not valid UTF-8", what)
	}
}
