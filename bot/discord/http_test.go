package discord_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// endpoint is a running HTTP interactions endpoint and the key that signs
// requests to it.
type endpoint struct {
	url  string
	priv ed25519.PrivateKey
	h    *discord.Handler
}

func newEndpoint(t *testing.T) *endpoint {
	t.Helper()
	st := bottest.New(t, "")
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Millisecond, 1000) // tests send many commands as one user
	srv := httptest.NewServer(discord.NewEndpoint(h, pub, nil))
	t.Cleanup(srv.Close)
	return &endpoint{url: srv.URL, priv: priv, h: h}
}

// postSig sends body to /interactions with the signature header as given,
// and returns the status.
func (e *endpoint) postSig(t *testing.T, body []byte, ts time.Time, sigHex string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, e.url+"/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Signature-Ed25519", sigHex)
	req.Header.Set("X-Signature-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// post sends body to /interactions, signed at ts with key (nil: unsigned).
func (e *endpoint) post(t *testing.T, body []byte, ts time.Time, key ed25519.PrivateKey) (int, *reply) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, e.url+"/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	if key != nil {
		sig := ed25519.Sign(key, append([]byte(stamp), body...))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		req.Header.Set("X-Signature-Timestamp", stamp)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, &reply{payload: out}
	}
	return resp.StatusCode, parseReply(t, resp.Header.Get("Content-Type"), out)
}

// command builds the JSON of an application command interaction.
func command(name string, opts map[string]any) []byte {
	var options []map[string]any
	for k, v := range opts {
		typ := discordgo.ApplicationCommandOptionString
		if _, ok := v.(int); ok {
			typ = discordgo.ApplicationCommandOptionInteger
		}
		options = append(options, map[string]any{"name": k, "type": typ, "value": v})
	}
	return interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": name, "type": 1, "options": options}, "")
}

// nextID gives every test interaction its own id, as Discord does; a
// request sent twice is a replay.
var nextID atomic.Int64

func interaction(typ discordgo.InteractionType, data map[string]any, perms string) []byte {
	if perms == "" {
		perms = "0"
	}
	b, _ := json.Marshal(map[string]any{
		"id": strconv.FormatInt(100+nextID.Add(1), 10), "application_id": "42", "type": typ, "token": "tok", "version": 1,
		"guild_id": "7", "channel_id": "8",
		"member": map[string]any{"user": map[string]any{"id": "555", "username": "asker"}, "permissions": perms},
		"data":   data,
	})
	return b
}

// wireResponse is an interaction response as Discord receives it.
type wireResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content         string                                      `json:"content"`
		Flags           discordgo.MessageFlags                      `json:"flags"`
		Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
		AllowedMentions *discordgo.MessageAllowedMentions           `json:"allowed_mentions"`
		Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		Attachments     []map[string]any                            `json:"attachments"`
		Components      []struct {
			Components []struct {
				Label    string `json:"label"`
				CustomID string `json:"custom_id"`
				Disabled bool   `json:"disabled"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

// reply is a response as Discord would read it: the JSON payload and, for a
// multipart response, its files.
type reply struct {
	*wireResponse
	payload []byte
	files   map[string][]byte
}

// parseReply reads a JSON or multipart/form-data interaction response.
func parseReply(t *testing.T, contentType string, body []byte) *reply {
	t.Helper()
	r := &reply{payload: body, files: map[string][]byte{}}
	mt, params, _ := mime.ParseMediaType(contentType)
	if mt == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("bad multipart response: %v", err)
			}
			data, _ := io.ReadAll(part)
			if part.FormName() == "payload_json" {
				r.payload = data
			} else {
				r.files[part.FileName()] = data
			}
		}
	}
	r.wireResponse = &wireResponse{}
	if err := json.Unmarshal(r.payload, r.wireResponse); err != nil {
		t.Fatalf("response is not an interaction response: %v\n%s", err, r.payload)
	}
	return r
}

func TestSignatures(t *testing.T) {
	e := newEndpoint(t)
	ping := interaction(discordgo.InteractionPing, nil, "")
	fresh := func() []byte { return interaction(discordgo.InteractionPing, nil, "") }
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	now := time.Now()
	tests := []struct {
		name string
		body []byte
		ts   time.Time
		key  ed25519.PrivateKey
		want int
	}{
		{"valid ping", fresh(), now, e.priv, http.StatusOK},
		{"unsigned", ping, now, nil, http.StatusUnauthorized},
		{"signed by another key", ping, now, other, http.StatusUnauthorized},
		{"stale timestamp", ping, now.Add(-6 * time.Minute), e.priv, http.StatusUnauthorized},
		{"future timestamp", ping, now.Add(6 * time.Minute), e.priv, http.StatusUnauthorized},
		{"malformed JSON, valid signature", []byte(`{"type":1,`), now, e.priv, http.StatusBadRequest},
		{"body over the limit", bytes.Repeat([]byte("x"), discord.MaxBody+1), now, e.priv, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, r := e.post(t, tt.body, tt.ts, tt.key)
			if code != tt.want {
				t.Errorf("POST /interactions = %d %s, want %d", code, r.payload, tt.want)
			}
		})
	}
	// The same signed request sent twice: the replay is refused.
	again := interaction(discordgo.InteractionPing, map[string]any{"nonce": "replay"}, "")
	if code, _ := e.post(t, again, now, e.priv); code != http.StatusOK {
		t.Errorf("first send = %d, want 200", code)
	}
	if code, _ := e.post(t, again, now, e.priv); code != http.StatusUnauthorized {
		t.Errorf("replayed request = %d, want 401", code)
	}
	// The same signature spelled in other letter cases is the same
	// signature: each respelling is a replay too.
	caseBody := interaction(discordgo.InteractionPing, map[string]any{"nonce": "replay-case"}, "")
	caseSig := hex.EncodeToString(ed25519.Sign(e.priv, append([]byte(strconv.FormatInt(now.Unix(), 10)), caseBody...)))
	for i, spelling := range []string{caseSig, strings.ToUpper(caseSig), strings.ToUpper(caseSig[:64]) + caseSig[64:]} {
		want := http.StatusUnauthorized
		if i == 0 {
			want = http.StatusOK
		}
		if code := e.postSig(t, caseBody, now, spelling); code != want {
			t.Errorf("send %d with signature %.16s… = %d, want %d", i, spelling, code, want)
		}
	}
	// A body altered after signing fails.
	stamp := strconv.FormatInt(now.Unix(), 10)
	sig := ed25519.Sign(e.priv, append([]byte(stamp), ping...))
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, e.url+"/interactions", bytes.NewReader(append(ping, ' ')))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("tampered body = %d, want 401", resp.StatusCode)
	}
	code, r := e.post(t, fresh(), now, e.priv)
	if code != 200 || strings.TrimSpace(string(r.payload)) != `{"type":1}` {
		t.Errorf("PING = %d %s, want 200 {\"type\":1}", code, r.payload)
	}
}

func TestMethodsAndHealth(t *testing.T) {
	e := newEndpoint(t)
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/interactions", http.StatusMethodNotAllowed},
		{http.MethodPut, "/interactions", http.StatusMethodNotAllowed},
		{http.MethodGet, "/healthz", http.StatusOK},
		{http.MethodPost, "/healthz", http.StatusMethodNotAllowed},
		{http.MethodGet, "/nowhere", http.StatusNotFound},
		{http.MethodHead, "/healthz", http.StatusOK},
		{http.MethodGet, "/metrics", http.StatusNotFound},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), tt.method, e.url+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.want)
		}
	}
}

// TestCommandsOverHTTP answers each command through the signed endpoint
// and compares the rendered replies with golden files.
func TestCommandsOverHTTP(t *testing.T) {
	e := newEndpoint(t)
	tests := []struct {
		name      string
		body      []byte
		wantType  discordgo.InteractionResponseType
		ephemeral bool
	}{
		{"who_said_binkin", command("who-said", map[string]any{"speaker": "Binkin"}), 4, false},
		{"who_said_quote", command("who-said", map[string]any{"quote": "clear and unambiguous deterrent message"}), 4, false},
		{"timeline_place_all", command("timeline", map[string]any{"place": "Erbil", "all": true}), 4, false},
		{"ask_deter", command("ask", map[string]any{"question": "Who said the strikes would deter future action?"}), 4, false},
		{"ask_not_covered", command("ask", map[string]any{"question": "What did Putin say?"}), 4, true},
		{"ask_empty", command("ask", map[string]any{"question": "   "}), 4, true},
		{"casualties_june27", command("casualties", map[string]any{"event": "2021-06-27"}), 4, false},
		{"casualties_all", command("casualties", nil), 4, false},
		{"timeline", command("timeline", nil), 4, false},
		{"timeline_bad_date", command("timeline", map[string]any{"from": "31/02/2021"}), 4, true},
		{"sources", command("sources", nil), 4, false},
		{"help", command("help", nil), 4, true},
		{"summary_not_moderator", command("summary", nil), 4, true},
		{"summary_moderator", interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": "summary", "type": 1}, strconv.FormatInt(discordgo.PermissionManageMessages, 10)), 4, false},
		{"unknown_command", command("frobnicate", nil), 4, true},
		{"autocomplete_speaker", interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "1", "name": "who-said", "type": 1, "options": []map[string]any{{"name": "speaker", "type": 3, "value": "bli", "focused": true}}}, ""), 8, false},
		{"autocomplete_event", interaction(discordgo.InteractionApplicationCommandAutocomplete, map[string]any{"id": "1", "name": "casualties", "type": 1, "options": []map[string]any{{"name": "event", "type": 3, "value": "erbil", "focused": true}}}, ""), 8, false},
		{"unknown_interaction_type", interaction(99, nil, ""), 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// How fast is for the benchmarks; in production a slow answer is
			// deferred (TestDeferredOverHTTP).
			code, r := e.post(t, tt.body, time.Now(), e.priv)
			if code != http.StatusOK {
				t.Fatalf("status = %d %s, want 200", code, r.payload)
			}
			if r.Type != tt.wantType {
				t.Errorf("response type = %d, want %d", r.Type, tt.wantType)
			}
			checkReply(t, r)
			if name := map[string]string{"timeline": "timeline.png", "timeline_place_all": "timeline.png", "casualties_june27": "casualties.png", "casualties_all": "casualties.png"}[tt.name]; name != "" {
				if len(r.files[name]) == 0 || r.Data.Embeds[0].Image == nil || r.Data.Embeds[0].Image.URL != "attachment://"+name {
					t.Errorf("want %s attached as multipart/form-data and shown by the first embed; files %d, image %+v", name, len(r.files), r.Data.Embeds[0].Image)
				}
			}
			if got := r.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			golden(t, tt.name, r)
		})
	}
}

// TestPagingButton follows the Next button of a long timeline.
func TestPagingButton(t *testing.T) {
	e := newEndpoint(t)
	_, r := e.post(t, command("timeline", map[string]any{"from": "2019-12-01", "to": "2021-07-31"}), time.Now(), e.priv)
	next := findButton(r, "Next")
	if next == "" {
		t.Fatalf("long timeline has no Next button: %s", r.payload)
	}
	if len(next) > discord.MaxCustomID || !strings.Contains(next, "from=2019-12-01") {
		t.Errorf("custom_id = %q, want the page and filters within 100 characters", next)
	}
	first := r.Data.Embeds[1].Description
	press := interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": next, "component_type": 2}, "")
	code, r2 := e.post(t, press, time.Now(), e.priv)
	if code != 200 {
		t.Fatalf("button = %d %s", code, r2.payload)
	}
	if r2.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("button response type = %d, want 7 (update message)", r2.Type)
	}
	checkReply(t, r2)
	if r2.Data.Embeds[1].Description == first || !strings.Contains(r2.Data.Embeds[0].Footer.Text, "Page 2") {
		t.Errorf("page 2 shows the same first event or no page footer")
	}
	golden(t, "timeline_page2", r2)
	// Someone else pressing the asker's button gets an ephemeral notice,
	// and the message is left as it is.
	pressBy := func(customID, presser, perms string) *reply {
		t.Helper()
		b, _ := json.Marshal(map[string]any{
			"id": strconv.FormatInt(100+nextID.Add(1), 10), "application_id": "42", "type": 3, "token": "tok", "version": 1,
			"guild_id": "7", "channel_id": "8",
			"member":  map[string]any{"user": map[string]any{"id": presser}, "permissions": perms},
			"message": map[string]any{"id": "900", "channel_id": "8", "interaction_metadata": map[string]any{"id": "1", "type": 2, "user": map[string]any{"id": "555"}}},
			"data":    map[string]any{"custom_id": customID, "component_type": 2},
		})
		_, r := e.post(t, b, time.Now(), e.priv)
		return r
	}
	if r := pressBy(next, "556", "0"); r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data == nil || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(r.Data.Content, "Only the member who asked") {
		t.Errorf("another member's press = type %d %s, want an ephemeral notice", r.Type, r.payload)
	}
	if r := pressBy(next, "555", "0"); r.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("the asker's press = type %d %s, want the page", r.Type, r.payload)
	}
	// A button naming a moderators' command checks the permission too.
	forged := "pg|0|summary|topic=overview"
	if r := pressBy(forged, "555", "0"); r.Type == discordgo.InteractionResponseUpdateMessage || r.Data == nil || !strings.Contains(r.Data.Content, "moderators") {
		t.Errorf("forged summary button from a member = type %d %.300s, want the moderators-only notice", r.Type, r.payload)
	}
	if r := pressBy(forged, "555", "8192"); r.Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("summary button from a moderator = type %d %.300s, want the page", r.Type, r.payload)
	}
	// A forged or stale custom_id gets a short reply, not an error.
	bad := interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": "pg|x|timeline|%%%", "component_type": 2}, "")
	_, r3 := e.post(t, bad, time.Now(), e.priv)
	if r3.Data == nil || !strings.Contains(r3.Data.Content, "expired") {
		t.Errorf("forged custom_id reply = %s, want an 'expired' notice", r3.payload)
	}
}

func findButton(raw *reply, label string) string {
	for _, row := range raw.Data.Components {
		for _, c := range row.Components {
			if c.Label == label {
				return c.CustomID
			}
		}
	}
	return ""
}

// TestNoMentions puts mentions in a question and checks that nothing can
// ping: allowed_mentions parses nothing, and the text itself is defused.
func TestNoMentions(t *testing.T) {
	e := newEndpoint(t)
	for _, q := range []string{
		"@everyone what did Kirby say about the strikes? <@&123> <@456>",
		"@here <@&123>",
		"What did Putin say to @everyone",
	} {
		_, r := e.post(t, command("ask", map[string]any{"question": q}), time.Now(), e.priv)
		checkReply(t, r)
		for _, s := range []string{"@everyone", "@here", "<@&123>", "<@456>"} {
			if strings.Contains(string(r.payload), s) {
				t.Errorf("reply to %q contains a live %q: %s", q, s, r.payload)
			}
		}
	}
}

// TestCooldown sends commands faster than a user may and expects a polite,
// private reply once the allowance is spent.
func TestCooldown(t *testing.T) {
	e := newEndpoint(t)
	e.h.SetCooldown(10*time.Second, 2)
	var last *reply
	for range 3 {
		_, last = e.post(t, command("sources", nil), time.Now(), e.priv)
	}
	// The allowance comes back one command per 10 seconds: the notice
	// gives that wait, not "a few seconds".
	if last.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(last.Data.Content, "please wait 10 seconds") {
		t.Errorf("third command within the cooldown = %+v, want an ephemeral notice to wait 10 seconds", last.Data)
	}
}

// checkReply holds a reply to Discord's limits and to the mention rule.
func checkReply(t *testing.T, r *reply) {
	t.Helper()
	d := r.Data
	if r.Type == discordgo.InteractionResponsePong {
		return
	}
	if d == nil {
		t.Fatalf("reply has no data")
	}
	if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		if len(d.Choices) > 25 {
			t.Errorf("%d autocomplete choices, want at most 25", len(d.Choices))
		}
		return
	}
	if strings.Contains(d.Content, "Something went wrong") {
		t.Errorf("reply is an internal error: %q", d.Content)
	}
	if d.AllowedMentions == nil || d.AllowedMentions.Parse == nil || len(d.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want an empty parse list", d.AllowedMentions)
	}
	if err := discord.CheckLimits(&discordgo.InteractionResponseData{Content: d.Content, Embeds: d.Embeds}); err != nil {
		t.Error(err)
	}
	for _, row := range d.Components {
		for _, c := range row.Components {
			if len(c.CustomID) > discord.MaxCustomID {
				t.Errorf("custom_id %q is over %d characters", c.CustomID, discord.MaxCustomID)
			}
		}
	}
}

// golden compares a reply's JSON with its golden file; attachments are
// listed by name and checked as PNGs (the pictures themselves have pixel
// goldens in package chart).
func golden(t *testing.T, name string, r *reply) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, r.payload, "", "  "); err != nil {
		t.Fatal(err)
	}
	var names []string
	for n, data := range r.files {
		if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("attachment %s is not a PNG", n)
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 0 {
		fmt.Fprintf(&pretty, "\nattachments: %s\n", strings.Join(names, ", "))
	}
	bottest.Golden(t, *update, filepath.Join("testdata", "golden", name+".golden"), pretty.Bytes(), nil)
}

// TestRecoveredPanicIsReported makes a command panic (its Bot is missing)
// and checks the three things a recovered panic must leave: a log line
// with the stack, a count in /metrics, and a call to the panic hook —
// which in every other test fails it.
func TestRecoveredPanicIsReported(t *testing.T) {
	st := bottest.New(t, "")
	var logs bottest.SyncBuffer
	h := discord.NewHandler(bot.NewLive(nil, st.KB, nil), slog.New(slog.NewJSONHandler(&logs, nil)))
	h.SetCooldown(time.Millisecond, 1000)
	m := discord.NewMetrics(bot.NewLive(st.Bot, st.KB, nil))
	h.SetMetrics(m)
	var hooked []string
	h.SetPanicHook(func(where string, p any, stack []byte) {
		hooked = append(hooked, fmt.Sprintf("%s: %v", where, p))
		if !bytes.Contains(stack, []byte("goroutine")) {
			t.Errorf("hook got no stack: %s", stack)
		}
	})
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	srv := httptest.NewServer(discord.NewEndpoint(h, pub, nil))
	defer srv.Close()
	e := &endpoint{url: srv.URL, priv: priv, h: h}
	code, r := e.post(t, command("who-said", map[string]any{"speaker": "Kirby"}), time.Now(), priv)
	if code != 200 || r.Data == nil || !strings.Contains(r.Data.Content, "Something went wrong") {
		t.Errorf("panicking command = %d %s, want a short apology", code, r.payload)
	}
	if len(hooked) != 1 || !strings.HasPrefix(hooked[0], "interaction who-said") {
		t.Errorf("panic hook calls = %q, want one for the who-said interaction", hooked)
	}
	if !strings.Contains(logs.String(), `"msg":"recovered panic"`) || !strings.Contains(logs.String(), `"stack":"goroutine`) {
		t.Errorf("log = %s, want the recovered panic with its stack", logs.String())
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if want := `dossier_panics_total{where="interaction"} 1`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("/metrics lacks %q", want)
	}
}
