package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// parseEdit reads an edit of the original message (a webhook message
// edit, JSON or multipart with files) as a reply of type 4.
func parseEdit(t *testing.T, cb discordtest.Callback) *reply {
	t.Helper()
	if !strings.HasSuffix(cb.Path, "/messages/@original") {
		t.Fatalf("callback %s, want an edit of the original message", cb.Path)
	}
	r := &reply{payload: cb.Body, files: map[string][]byte{}}
	if mt, params, _ := mime.ParseMediaType(cb.ContentType); mt == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(cb.Body), params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("bad multipart edit: %v", err)
			}
			data, _ := io.ReadAll(part)
			if part.FormName() == "payload_json" {
				r.payload = data
			} else {
				r.files[part.FileName()] = data
			}
		}
	}
	r.wireResponse = &wireResponse{Type: discordgo.InteractionResponseChannelMessageWithSource}
	if err := json.Unmarshal(r.payload, &r.wireResponse.Data); err != nil {
		t.Fatalf("edit is not a message: %v\n%s", err, r.payload)
	}
	return r
}

// checkTimelineEdit checks that an edit carries a timeline and its chart.
func checkTimelineEdit(t *testing.T, what string, cb discordtest.Callback) {
	t.Helper()
	r := parseEdit(t, cb)
	checkReply(t, r)
	if len(r.Data.Embeds) == 0 || !strings.HasPrefix(r.Data.Embeds[0].Title, "Timeline") {
		t.Errorf("%s: edit %.300s, want the timeline", what, r.payload)
	}
	if png := r.files["timeline.png"]; !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("%s: edit attaches %d bytes of timeline.png, want the chart", what, len(png))
	}
}

// deferringEndpoint is an endpoint whose handler defers every answer,
// however fast, and edits it in through a fake Discord.
func deferringEndpoint(t *testing.T) (*discordtest.Fake, *endpoint) {
	t.Helper()
	f := discordtest.New(t)
	e := newEndpoint(t)
	followups(t, f, e.h)
	e.h.SetDeferAfter(0)
	return f, e
}

// followups makes h deliver deferred answers through the fake Discord f.
func followups(t *testing.T, f *discordtest.Fake, h *discord.Handler) {
	t.Helper()
	rest, err := discordgo.New("")
	if err != nil {
		t.Fatal(err)
	}
	rest.Client = f.Client()
	h.SetFollowups(rest)
}

// TestDeferredOverHTTP: a command that runs past the deferral limit (here
// zero: every answer is deferred) is answered with type 5 at once, and its answer edits the
// original message through the interaction webhook of the fake Discord; a
// paging button is answered with type 6 and edited the same way.
func TestDeferredOverHTTP(t *testing.T) {
	f, e := deferringEndpoint(t)

	code, r := e.post(t, command("timeline", map[string]any{"from": "2019-12-01", "to": "2021-07-31"}), time.Now(), e.priv)
	if code != 200 || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("slow /timeline = %d type %d %s, want 200 type 5", code, r.Type, r.payload)
	}
	cb := f.WaitCallback(t)
	if !strings.Contains(cb.Path, "/webhooks/42/tok/messages/@original") {
		t.Errorf("edit went to %s, want the interaction's webhook", cb.Path)
	}
	checkTimelineEdit(t, "deferred /timeline", cb)
	next := findButton(parseEdit(t, cb), "Next")
	if next == "" {
		t.Fatal("deferred timeline has no Next button")
	}
	code, r = e.post(t, interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": next, "component_type": 2}, ""), time.Now(), e.priv)
	if code != 200 || r.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("slow Next = %d type %d %s, want 200 type 6", code, r.Type, r.payload)
	}
	if ed := parseEdit(t, f.WaitCallback(t)); len(ed.Data.Embeds) == 0 || !strings.Contains(ed.Data.Embeds[0].Footer.Text, "Page 2") {
		t.Errorf("deferred page edit = %.300s, want page 2", ed.payload)
	}
}

// TestDeferredOverGateway: the same over a real discordgo session: the
// callback says type 5, then the answer edits the original message.
func TestDeferredOverGateway(t *testing.T) {
	f := discordtest.New(t)
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Millisecond, 1000)
	h.SetDeferAfter(0) // every answer is deferred, however fast
	cancel, done := startGateway(t, f, h)
	f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("401", 2, map[string]any{"id": "1", "name": "timeline", "type": 1}))
	cb := f.WaitCallback(t)
	if r := parseReply(t, cb.ContentType, cb.Body); !strings.Contains(cb.Path, "/interactions/401/") || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first callback %s type %d, want type 5 for interaction 401", cb.Path, r.Type)
	}
	cb = f.WaitCallback(t)
	if !strings.Contains(cb.Path, "/webhooks/42/token-401/messages/@original") {
		t.Errorf("edit went to %s, want interaction 401's webhook", cb.Path)
	}
	checkTimelineEdit(t, "deferred /timeline over the gateway", cb)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunGateway = %v", err)
	}
}

func parseFloat(s string) float64 {
	var f float64
	json.Unmarshal([]byte(strings.TrimSpace(s)), &f)
	return f
}

// counts reads the counters named name from the metrics, by their labels
// as Prometheus writes them (`command="ask",outcome="ok"`).
func counts(t *testing.T, m *discord.Metrics, name string) map[string]int {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	got := map[string]int{}
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, name+"{"); ok {
			labels, value, _ := strings.Cut(rest, "} ")
			got[labels] = int(parseFloat(value))
		}
	}
	return got
}

// waitCounts waits until the counters named name are want: a deferred
// answer is counted once its edit is done, after the fake has it.
func waitCounts(t *testing.T, m *discord.Metrics, name string, want map[string]int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := counts(t, m, name)
		if maps.Equal(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %v, want %v", name, got, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkDeferredLog checks the one log line of each interaction: the
// outcome its asker saw, marked as deferred.
func checkDeferredLog(t *testing.T, log string, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var l map[string]any
		if json.Unmarshal([]byte(line), &l) != nil || l["msg"] != "interaction" {
			continue
		}
		cmd, _ := l["command"].(string)
		if _, dup := got[cmd]; dup {
			t.Errorf("two log lines for /%s: %s", cmd, log)
		}
		got[cmd], _ = l["outcome"].(string)
		if l["deferred"] != true {
			t.Errorf("log line %s is not marked deferred", line)
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("logged outcomes %v, want %v", got, want)
	}
}

// TestDeferredOutcomes: a deferred answer is counted and logged once, when
// its edit is done, with the outcome its asker saw — an answer, "not
// covered", or an error when the edit failed (over HTTP) or the deferred
// response itself could not be sent (over the gateway) — and is also
// counted as deferred. The interim response is not an outcome.
func TestDeferredOutcomes(t *testing.T) {
	const (
		requests = "dossier_requests_total"
		deferred = "dossier_requests_deferred_total"
	)
	newHandler := func(t *testing.T) (*discord.Handler, *discord.Metrics, *bottest.SyncBuffer) {
		st := bottest.New(t, "")
		live := bot.NewLive(st.Bot, st.KB, nil)
		log := &bottest.SyncBuffer{}
		h := discord.NewHandler(live, slog.New(slog.NewJSONHandler(log, nil)))
		h.SetPanicHook(discordtest.FailOnPanic(t))
		h.SetCooldown(time.Millisecond, 1000)
		h.SetDeferAfter(0) // every answer is deferred, however fast
		m := discord.NewMetrics(live)
		h.SetMetrics(m)
		return h, m, log
	}

	t.Run("http", func(t *testing.T) {
		f := discordtest.New(t)
		h, m, log := newHandler(t)
		followups(t, f, h)
		pub, priv, _ := ed25519.GenerateKey(rand.Reader)
		srv := httptest.NewServer(discord.NewEndpoint(h, pub, nil))
		defer srv.Close()
		e := &endpoint{url: srv.URL, priv: priv, h: h}

		for _, tt := range []struct {
			name string
			opts map[string]any
			lost bool // the edit fails: the token expired
		}{
			{"timeline", map[string]any{"actor": "Kataib Hezbollah"}, false},
			{"ask", map[string]any{"question": "What did Putin say about the strikes?"}, false},
			{"who-said", map[string]any{"speaker": "Kirby"}, true},
		} {
			f.ExpireEdits(map[bool]int{true: 1}[tt.lost])
			code, r := e.post(t, command(tt.name, tt.opts), time.Now(), priv)
			if code != http.StatusOK || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Fatalf("/%s = %d type %d, want 200 type 5", tt.name, code, r.Type)
			}
			if !tt.lost {
				parseEdit(t, f.WaitCallback(t))
			}
		}
		want := map[string]int{
			`command="ask",outcome="not_covered"`: 1,
			`command="timeline",outcome="ok"`:     1,
			`command="who-said",outcome="error"`:  1,
		}
		waitCounts(t, m, requests, want)
		waitCounts(t, m, deferred, want)
		checkDeferredLog(t, log.String(), map[string]string{"timeline": "ok", "ask": "not_covered", "who-said": "error"})
		if !strings.Contains(log.String(), "edit deferred answer") {
			t.Errorf("the failed edit is not logged: %s", log.String())
		}
	})

	t.Run("gateway", func(t *testing.T) {
		f := discordtest.New(t)
		h, m, log := newHandler(t)
		cancel, done := startGateway(t, f, h)
		defer cancel()

		// The deferred response of the first is refused: nobody sees its
		// answer.
		f.ExpireCallbacks(1)
		f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("601", 2, map[string]any{"id": "1", "name": "who-said", "type": 1,
			"options": []map[string]any{{"name": "speaker", "type": 3, "value": "Kirby"}}}))
		waitCounts(t, m, requests, map[string]int{`command="who-said",outcome="error"`: 1})

		f.Dispatch("INTERACTION_CREATE", discordtest.InteractionEvent("602", 2, map[string]any{"id": "1", "name": "timeline", "type": 1}))
		if r := parseReply(t, "application/json", f.WaitCallback(t).Body); r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Fatalf("/timeline callback type %d, want 5", r.Type)
		}
		checkTimelineEdit(t, "deferred /timeline", f.WaitCallback(t))
		want := map[string]int{
			`command="timeline",outcome="ok"`:    1,
			`command="who-said",outcome="error"`: 1,
		}
		waitCounts(t, m, requests, want)
		waitCounts(t, m, deferred, want)
		checkDeferredLog(t, log.String(), map[string]string{"timeline": "ok", "who-said": "error"})
		cancel()
		if err := <-done; err != nil {
			t.Errorf("RunGateway = %v", err)
		}
	})
}

// TestFailedPageKeepsAnswer turns a page whose command now fails (an
// impossible date in the button's options): the member who pressed it is
// told so in a message for them alone, and the answer every member sees is
// left as it was — not replaced by the notice, over the immediate response
// or after a deferred one.
func TestFailedPageKeepsAnswer(t *testing.T) {
	button := interaction(discordgo.InteractionMessageComponent, map[string]any{"custom_id": "pg|1|timeline|from=2021-13-45", "component_type": 2}, "")

	e := newEndpoint(t)
	code, r := e.post(t, button, time.Now(), e.priv)
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data == nil || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("failed page turn = %d type %d %s, want 200, a new ephemeral message (type 4, flags 64)", code, r.Type, r.payload)
	}

	f, e := deferringEndpoint(t)
	code, r = e.post(t, button, time.Now(), e.priv)
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("deferred page turn = %d type %d, want 200 type 6", code, r.Type)
	}
	cb := f.WaitCallback(t)
	if strings.HasSuffix(cb.Path, "/messages/@original") {
		t.Fatalf("failed deferred page turn edited the shared answer: %s", cb.Body)
	}
	var msg struct {
		Content string `json:"content"`
		Flags   int    `json:"flags"`
	}
	if err := json.Unmarshal(cb.Body, &msg); err != nil {
		t.Fatalf("follow-up %s: %v", cb.Body, err)
	}
	if !strings.HasSuffix(cb.Path, "/webhooks/42/tok") || msg.Flags&int(discordgo.MessageFlagsEphemeral) == 0 || !strings.Contains(msg.Content, "no month 13") {
		t.Errorf("failed deferred page turn sent %s %s, want an ephemeral follow-up saying the date is wrong", cb.Path, cb.Body)
	}
}

// TestLongQuestionPages asks /ask a question too long for a paging
// button's custom_id to carry, with more results than a page holds: the
// buttons carry a short key instead, within Discord's 100 characters, and
// Next shows page 2 of the same answer.
func TestLongQuestionPages(t *testing.T) {
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Nanosecond, 1<<30)
	q := "What did the Pentagon say about the strikes on the Iraq-Syria border facilities used by Iran-backed militias?"
	ask := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, User: &discordgo.User{ID: "u1"},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: q},
			{Name: "limit", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(10)}}}}
	resp := h.Handle(t.Context(), ask)
	if resp.Data == nil || len(resp.Data.Components) == 0 {
		t.Fatalf("/ask %q limit:10 = %+v, want an answer with paging buttons", q, resp.Data)
	}
	next := ""
	for _, c := range resp.Data.Components[0].(discordgo.ActionsRow).Components {
		b := c.(discordgo.Button)
		if len(b.CustomID) > discord.MaxCustomID {
			t.Errorf("button %q custom_id is %d characters, want at most %d", b.Label, len(b.CustomID), discord.MaxCustomID)
		}
		if b.Label == "Next" {
			next = b.CustomID
		}
	}
	press := &discordgo.Interaction{ID: "2", Type: discordgo.InteractionMessageComponent, User: &discordgo.User{ID: "u1"},
		Data: discordgo.MessageComponentInteractionData{CustomID: next, ComponentType: discordgo.ButtonComponent}}
	page := h.Handle(t.Context(), press)
	if page.Type != discordgo.InteractionResponseUpdateMessage || page.Data == nil || len(page.Data.Embeds) == 0 ||
		page.Data.Embeds[0].Footer == nil || !strings.Contains(page.Data.Embeds[0].Footer.Text, "Page 2") {
		t.Errorf("Next on a long question's answer = type %d %+v, want page 2", page.Type, page.Data)
	}
	// A key the handler does not remember (after a restart) has expired.
	press.Data = discordgo.MessageComponentInteractionData{CustomID: "pg|1|#0123456789abcdef01234567", ComponentType: discordgo.ButtonComponent}
	if r := h.Handle(t.Context(), press); r.Data == nil || !strings.Contains(r.Data.Content, "expired") {
		t.Errorf("a forgotten long key = %+v, want the button said to have expired", r.Data)
	}
}

// TestDrainWaitsForDeferredAnswers defers an answer whose chart is held,
// as a slow one would be at shutdown: Drain does not report the handler
// idle while the answer is still to be delivered, and once the drawing is
// released it returns after the edit reached Discord.
func TestDrainWaitsForDeferredAnswers(t *testing.T) {
	f, e := deferringEndpoint(t)
	gate := make(chan struct{})
	release := sync.OnceFunc(func() { close(gate) })
	defer release()
	e.h.SetRenderHook(func(context.Context, string) func() {
		<-gate
		return func() {}
	})
	if err := e.h.Drain(t.Context()); err != nil {
		t.Fatalf("Drain with nothing in flight = %v, want nil", err)
	}
	code, r := e.post(t, command("timeline", map[string]any{"actor": "Kataib Hezbollah"}), time.Now(), e.priv)
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/timeline = %d type %d, want 200 type 5", code, r.Type)
	}
	short, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := e.h.Drain(short); err == nil || !strings.Contains(err.Error(), "still in flight") {
		t.Errorf("Drain while the answer is held = %v, want an error saying it is still in flight", err)
	}
	release()
	if err := e.h.Drain(t.Context()); err != nil {
		t.Fatalf("Drain after the answer was released = %v, want nil", err)
	}
	checkTimelineEdit(t, "drained /timeline", f.WaitCallback(t))
}
