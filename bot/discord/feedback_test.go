package discord_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/bot/feedback"
)

// moderator is the Manage Messages permission as Discord sends it.
var moderator = strconv.FormatInt(discordgo.PermissionManageMessages, 10)

// member is who sends an interaction: a user id and their permissions.
type member struct{ id, perms string }

var (
	asker = member{"555", "0"}
	other = member{"556", "0"}
	mod   = member{"900", moderator}
)

// event builds an interaction as Discord sends it, from m, optionally on a
// message (for a button).
func event(id string, typ discordgo.InteractionType, m member, data map[string]any, message map[string]any) map[string]any {
	ev := map[string]any{
		"id": id, "application_id": "42", "type": typ, "token": "token-" + id, "version": 1,
		"guild_id": "7", "channel_id": "8",
		"member": map[string]any{"user": map[string]any{"id": m.id, "username": "user" + m.id}, "permissions": m.perms},
		"data":   data,
	}
	if message != nil {
		ev["message"] = message
	}
	return ev
}

func slash(name string, opts map[string]any) map[string]any {
	var options []map[string]any
	for k, v := range opts {
		typ := discordgo.ApplicationCommandOptionString
		if _, ok := v.(int); ok {
			typ = discordgo.ApplicationCommandOptionInteger
		}
		options = append(options, map[string]any{"name": k, "type": typ, "value": v})
	}
	return map[string]any{"id": "1", "name": name, "type": 1, "options": options}
}

func click(custom string) map[string]any {
	return map[string]any{"custom_id": custom, "component_type": 2}
}

func submit(custom string, values map[string]string) map[string]any {
	var rows []map[string]any
	for k, v := range values {
		rows = append(rows, map[string]any{"type": 1, "components": []map[string]any{{"type": 4, "custom_id": k, "value": v}}})
	}
	return map[string]any{"custom_id": custom, "components": rows}
}

// answered is an interaction response as Discord reads it, forms included.
type answered struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		CustomID   string                    `json:"custom_id"`
		Title      string                    `json:"title"`
		Content    string                    `json:"content"`
		Flags      discordgo.MessageFlags    `json:"flags"`
		Embeds     []*discordgo.MessageEmbed `json:"embeds"`
		Components []struct {
			Type       int `json:"type"`
			Components []struct {
				Type     int    `json:"type"`
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
				Value    string `json:"value"`
				Emoji    *struct {
					Name string `json:"name"`
				} `json:"emoji"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
	raw []byte
}

// button returns the custom_id of the button whose label or emoji is
// name.
func (a *answered) button(name string) string {
	for _, row := range a.Data.Components {
		for _, c := range row.Components {
			if c.Label == name || (c.Emoji != nil && c.Emoji.Name == name) {
				return c.CustomID
			}
		}
	}
	return ""
}

// fields returns a form's text inputs by custom_id, with their values.
func (a *answered) fields() map[string]string {
	out := map[string]string{}
	for _, row := range a.Data.Components {
		for _, c := range row.Components {
			if c.Type == 4 {
				out[c.CustomID] = c.Value
			}
		}
	}
	return out
}

// message is the JSON of the message a reply made, as Discord sends it
// back with a click on one of its buttons.
func (a *answered) message() map[string]any {
	var d struct {
		Data struct {
			Components any `json:"components"`
		} `json:"data"`
	}
	json.Unmarshal(a.raw, &d)
	return map[string]any{"id": "m1", "channel_id": "8", "components": d.Data.Components}
}

func (a *answered) ephemeral() bool { return a.Data.Flags&discordgo.MessageFlagsEphemeral != 0 }

func decode(t *testing.T, body []byte) *answered {
	t.Helper()
	a := &answered{raw: body}
	if err := json.Unmarshal(body, a); err != nil {
		t.Fatalf("not an interaction response: %v\n%s", err, body)
	}
	return a
}

// httpSender sends interactions to a signed HTTP endpoint.
func httpSender(t *testing.T, e *endpoint) func(ev map[string]any) *answered {
	return func(ev map[string]any) *answered {
		t.Helper()
		body, _ := json.Marshal(ev)
		code, r := e.post(t, body, time.Now(), e.priv)
		if code != 200 {
			t.Fatalf("interaction = %d %s", code, r.payload)
		}
		return decode(t, r.payload)
	}
}

func openStore(t *testing.T, path string) feedback.Store {
	t.Helper()
	s, err := feedback.Open(t.Context(), path, feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustTally(t *testing.T, s feedback.Store, id string, want feedback.Tally) {
	t.Helper()
	got, err := s.Tally(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Tally(%s) = %+v, want %+v", id, got, want)
	}
}

// TestFeedbackOverHTTP rates answers and reviews the questions through the
// signed HTTP endpoint, as Discord would.
func TestFeedbackOverHTTP(t *testing.T) {
	e := newEndpoint(t)
	store := openStore(t, filepath.Join(t.TempDir(), "feedback.db"))
	e.h.SetFeedback(store)
	send := httpSender(t, e)

	// An answer carries 👍 and 👎 for its interaction id.
	ask := send(event("1001", discordgo.InteractionApplicationCommand, asker, slash("ask", map[string]any{"question": "Who said the strikes would deter future action?"}), nil))
	up, down := ask.button("👍"), ask.button("👎")
	if up != "fb|up|1001" || down != "fb|down|1001" {
		t.Fatalf("answer buttons = %q, %q, want fb|up|1001 and fb|down|1001: %s", up, down, ask.raw)
	}
	if ask.ephemeral() {
		t.Error("a covered answer is ephemeral; want it public, with its buttons")
	}

	r := send(event("1002", discordgo.InteractionMessageComponent, asker, click(up), ask.message()))
	if !r.ephemeral() || !strings.Contains(r.Data.Content, "👍") {
		t.Errorf("👍 reply = %s, want a private thanks", r.raw)
	}
	mustTally(t, store, "1001", feedback.Tally{Up: 1})

	// 👎 from the same user changes the vote and opens the form.
	r = send(event("1003", discordgo.InteractionMessageComponent, asker, click(down), ask.message()))
	if r.Type != discordgo.InteractionResponseModal || r.Data.CustomID != "fbm|1001" {
		t.Fatalf("👎 reply = %s, want the form fbm|1001", r.raw)
	}
	if f := r.fields(); len(f) != 2 {
		t.Errorf("👎 form fields = %v, want what was wrong and the right answer", f)
	}
	mustTally(t, store, "1001", feedback.Tally{Down: 1})
	r = send(event("1004", discordgo.InteractionModalSubmit, asker, submit("fbm|1001", map[string]string{"wrong": "It quoted the wrong day", "expected": "deter future action"}), nil))
	if !r.ephemeral() || r.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Errorf("form reply = %s, want a private thanks", r.raw)
	}
	send(event("1005", discordgo.InteractionMessageComponent, other, click(down), ask.message()))
	mustTally(t, store, "1001", feedback.Tally{Down: 2})

	// Paging keeps the answer's buttons.
	paged := send(event("1006", discordgo.InteractionMessageComponent, asker,
		click("pg|0|ask|question=Who+said+the+strikes+would+deter+future+action%3F"), ask.message()))
	if paged.Type != discordgo.InteractionResponseUpdateMessage || paged.button("👎") != down {
		t.Errorf("paged answer = %s, want an update that keeps 👎 %s", paged.raw, down)
	}

	// Not covered: private, no buttons, but logged for review.
	nc := send(event("1007", discordgo.InteractionApplicationCommand, other, slash("ask", map[string]any{"question": "What is the capital of France?"}), nil))
	if !nc.ephemeral() || nc.button("👍") != "" {
		t.Errorf("not-covered reply = %s, want private and without buttons", nc.raw)
	}
	// A click on an answer the store never saw, and a bare custom_id.
	if r := send(event("1008", discordgo.InteractionMessageComponent, asker, click("fb|up|999"), nil)); !strings.Contains(r.Data.Content, "too old") {
		t.Errorf("vote on an unknown answer = %s, want a 'too old' notice", r.raw)
	}
	if r := send(event("1009", discordgo.InteractionMessageComponent, asker, click("fb|up|"), nil)); !strings.Contains(r.Data.Content, "expired") {
		t.Errorf("vote without an answer id = %s, want an 'expired' notice", r.raw)
	}

	// Members who are not moderators are turned away on every path.
	for _, ev := range []map[string]any{
		event("1010", discordgo.InteractionApplicationCommand, asker, slash("review", nil), nil),
		event("1011", discordgo.InteractionMessageComponent, asker, click("rv|pg|pending|0"), nil),
		event("1012", discordgo.InteractionMessageComponent, asker, click("rv|res|pending|0|1|y|"+feedback.Key("What is the capital of France?")), nil),
		event("1013", discordgo.InteractionModalSubmit, asker, submit("rvm|pending|0|"+feedback.Key("What is the capital of France?"), map[string]string{"out": "yes"}), nil),
	} {
		if r := send(ev); !r.ephemeral() || !strings.Contains(r.Data.Content, "moderators") {
			t.Errorf("review path %v by a member = %s, want a private refusal", ev["data"], r.raw)
		}
	}
	if rs, _ := store.Reviews(t.Context()); len(rs) != 0 {
		t.Fatalf("a member's forged form resolved %+v", rs)
	}

	// A moderator lists both questions, most frequent first.
	list := send(event("1020", discordgo.InteractionApplicationCommand, mod, slash("review", nil), nil))
	if !list.ephemeral() || len(list.Data.Embeds) != 1 {
		t.Fatalf("/review = %s, want one private embed", list.raw)
	}
	desc := list.Data.Embeds[0].Description
	if !strings.Contains(desc, "deter future action") || !strings.Contains(desc, "2 👎") || !strings.Contains(desc, "It quoted the wrong day") ||
		!strings.Contains(desc, "capital of France") || !strings.Contains(desc, "1 not covered") {
		t.Errorf("/review lists:\n%s\nwant the downvoted question with its comment and the unanswered one", desc)
	}
	if strings.Index(desc, "deter") > strings.Index(desc, "France") {
		t.Errorf("/review order:\n%s\nwant the question with 2 👎 before the one with 1 not covered", desc)
	}
	resolve := list.button("Resolve 2")
	if resolve == "" {
		t.Fatalf("/review has no Resolve 2 button: %s", list.raw)
	}
	form := send(event("1021", discordgo.InteractionMessageComponent, mod, click(resolve), list.message()))
	if form.Type != discordgo.InteractionResponseModal || form.fields()["out"] != "yes" {
		t.Fatalf("Resolve 2 = %s, want a form suggesting 'outside the sources: yes' for an unanswered question", form.raw)
	}
	done := send(event("1022", discordgo.InteractionModalSubmit, mod, submit(form.Data.CustomID, map[string]string{"note": "Not in the sources", "want": "", "out": "yes"}), nil))
	if done.Type != discordgo.InteractionResponseUpdateMessage || strings.Contains(done.Data.Embeds[0].Description, "France") {
		t.Errorf("after resolving: %s, want the list redrawn without it", done.raw)
	}
	rs, err := store.Reviews(t.Context())
	if err != nil || len(rs) != 1 || !rs[0].OutOfScope || rs[0].Note != "Not in the sources" || rs[0].Question != "What is the capital of France?" {
		t.Errorf("Reviews = %+v, %v; want the France question resolved as out of scope", rs, err)
	}

	// A bad answer in the form changes nothing.
	bad := send(event("1023", discordgo.InteractionModalSubmit, mod, submit("rvm|pending|0|"+feedback.Key("who said the strikes would deter future action"), map[string]string{"out": "maybe"}), nil))
	if !strings.Contains(bad.Data.Content, "yes or no") {
		t.Errorf("form with out=maybe = %s, want a notice", bad.raw)
	}

	// Resolved questions, and reopening one.
	resolved := send(event("1024", discordgo.InteractionApplicationCommand, mod, slash("review", map[string]any{"status": "resolved"}), nil))
	reopen := resolved.button("Reopen 1")
	if reopen == "" || !strings.Contains(resolved.Data.Embeds[0].Description, "Not in the sources") {
		t.Fatalf("/review status:resolved = %s, want the France question, its note and a Reopen button", resolved.raw)
	}
	send(event("1025", discordgo.InteractionMessageComponent, mod, click(reopen), resolved.message()))
	if qs, n, _ := store.Questions(t.Context(), feedback.Filter{}); n != 2 || qs[1].Review == nil || qs[1].Review.Note != "Not in the sources" {
		t.Errorf("after reopening: %d pending, %+v; want both pending, the note kept", n, qs)
	}

	// Paging through a long queue.
	for i := range 7 {
		if err := store.RecordAnswer(t.Context(), feedback.Answer{ID: "x" + strconv.Itoa(i), Question: "Unanswerable question number " + strconv.Itoa(i), NotCovered: true}); err != nil {
			t.Fatal(err)
		}
	}
	list = send(event("1030", discordgo.InteractionApplicationCommand, mod, slash("review", nil), nil))
	next := list.button("Next")
	if next == "" || !strings.Contains(list.Data.Embeds[0].Footer.Text, "Page 1 of 2 · 9 questions") {
		t.Fatalf("/review with 9 questions = %s, want page 1 of 2 and a Next button", list.raw)
	}
	page2 := send(event("1031", discordgo.InteractionMessageComponent, mod, click(next), list.message()))
	if page2.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(page2.Data.Embeds[0].Footer.Text, "Page 2 of 2") || page2.button("Resolve 6") == "" {
		t.Errorf("Next = %s, want page 2 with questions 6 to 9", page2.raw)
	}
	p2 := send(event("1032", discordgo.InteractionApplicationCommand, mod, slash("review", map[string]any{"page": 2}), nil))
	if p2.Data.Embeds[0].Description != page2.Data.Embeds[0].Description {
		t.Errorf("/review page:2 differs from Next:\n%s\n%s", p2.Data.Embeds[0].Description, page2.Data.Embeds[0].Description)
	}
	for _, c := range list.Data.Components {
		for _, b := range c.Components {
			if len(b.CustomID) > discord.MaxCustomID {
				t.Errorf("custom_id %q over %d characters", b.CustomID, discord.MaxCustomID)
			}
		}
	}
}

// TestReviewStatuses: every list /review offers is one the store knows.
func TestReviewStatuses(t *testing.T) {
	for _, name := range bot.ReviewStatuses() {
		if _, ok := feedback.ParseStatus(name); !ok {
			t.Errorf("feedback.ParseStatus(%q) = false, want a status", name)
		}
	}
	if _, ok := feedback.ParseStatus("open"); ok {
		t.Error(`feedback.ParseStatus("open") = true, want false`)
	}
}

// TestFeedbackWithoutStore: no store, no buttons, and /review says why.
func TestFeedbackWithoutStore(t *testing.T) {
	e := newEndpoint(t)
	send := httpSender(t, e)
	ask := send(event("2001", discordgo.InteractionApplicationCommand, asker, slash("ask", map[string]any{"question": "Who said the strikes would deter future action?"}), nil))
	if ask.button("👍") != "" {
		t.Errorf("answer without a store has vote buttons: %s", ask.raw)
	}
	if r := send(event("2002", discordgo.InteractionApplicationCommand, mod, slash("review", nil), nil)); !strings.Contains(r.Data.Content, "not enabled") {
		t.Errorf("/review without a store = %s, want 'not enabled'", r.raw)
	}
	if r := send(event("2003", discordgo.InteractionMessageComponent, asker, click("fb|up|2001"), nil)); !strings.Contains(r.Data.Content, "not enabled") {
		t.Errorf("vote without a store = %s, want 'not enabled'", r.raw)
	}
}

// TestFeedbackOverGateway takes the votes through a real discordgo gateway
// session on a second replica: the answer was given by the HTTP endpoint,
// and the gateway replica, sharing only the store, takes its buttons.
func TestFeedbackOverGateway(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feedback.db")
	e := newEndpoint(t)
	e.h.SetFeedback(openStore(t, path))
	ask := httpSender(t, e)(event("3001", discordgo.InteractionApplicationCommand, asker, slash("ask", map[string]any{"question": "What aircraft carried out the strikes?"}), nil))
	down := ask.button("👎")
	if down == "" {
		t.Fatalf("answer has no 👎: %s", ask.raw)
	}

	f := discordtest.New(t)
	st := bottest.New(t, "")
	store := openStore(t, path)
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetCooldown(time.Millisecond, 1000)
	h.SetFeedback(store)
	s, err := discord.NewSession(discord.GatewayConfig{Token: "test-token", Client: f.Client(), Dialer: &websocket.Dialer{HandshakeTimeout: 5 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- discord.RunGateway(ctx, s, h, "7", nil) }()
	defer func() {
		cancel()
		<-done
	}()
	f.WaitConnected(t, "identify")
	send := func(ev map[string]any) *answered {
		t.Helper()
		f.Dispatch("INTERACTION_CREATE", ev)
		cb := f.WaitCallback(t)
		if want := "/api/v9/interactions/" + ev["id"].(string) + "/token-" + ev["id"].(string) + "/callback"; cb.Path != want {
			t.Fatalf("callback to %s, want %s", cb.Path, want)
		}
		return decode(t, cb.Body)
	}

	r := send(event("3002", discordgo.InteractionMessageComponent, other, click(down), ask.message()))
	if r.Type != discordgo.InteractionResponseModal {
		t.Fatalf("👎 over the gateway = %s, want the form", r.raw)
	}
	r = send(event("3003", discordgo.InteractionModalSubmit, other, submit(r.Data.CustomID, map[string]string{"wrong": "Missed the F-15s", "expected": "F-15 and F-16 fighters"}), nil))
	if !r.ephemeral() {
		t.Errorf("form over the gateway = %s, want a private thanks", r.raw)
	}
	mustTally(t, store, "3001", feedback.Tally{Down: 1})

	// A new answer over the gateway carries its own buttons.
	g := send(event("3004", discordgo.InteractionApplicationCommand, asker, slash("ask", map[string]any{"question": "What aircraft carried out the strikes?"}), nil))
	if g.button("👍") != "fb|up|3004" {
		t.Errorf("gateway answer buttons = %s, want fb|up|3004", g.raw)
	}
	qs, _, err := store.Questions(t.Context(), feedback.Filter{})
	if err != nil || len(qs) != 1 || len(qs[0].Comments) != 1 || qs[0].Comments[0].Expected != "F-15 and F-16 fighters" {
		t.Errorf("Questions = %+v, %v; want the downvoted question with the form's words", qs, err)
	}

	// /review over the gateway: a member is refused, a moderator resolves.
	if r := send(event("3005", discordgo.InteractionApplicationCommand, other, slash("review", nil), nil)); !strings.Contains(r.Data.Content, "moderators") {
		t.Errorf("/review by a member over the gateway = %s, want a refusal", r.raw)
	}
	list := send(event("3006", discordgo.InteractionApplicationCommand, mod, slash("review", nil), nil))
	resolve := list.button("Resolve 1")
	if resolve == "" || !strings.Contains(list.Data.Embeds[0].Description, "Missed the F-15s") {
		t.Fatalf("/review over the gateway = %s, want the question, its comment and a Resolve button", list.raw)
	}
	if r := send(event("3007", discordgo.InteractionMessageComponent, other, click(resolve), list.message())); !strings.Contains(r.Data.Content, "moderators") {
		t.Errorf("Resolve by a member over the gateway = %s, want a refusal", r.raw)
	}
	form := send(event("3008", discordgo.InteractionMessageComponent, mod, click(resolve), list.message()))
	if form.Type != discordgo.InteractionResponseModal || form.fields()["out"] != "no" {
		t.Fatalf("Resolve over the gateway = %s, want the form, 'outside the sources: no' for a downvoted answer", form.raw)
	}
	resolved := send(event("3009", discordgo.InteractionModalSubmit, mod, submit(form.Data.CustomID, map[string]string{"note": "fact added", "want": "F-15 and F-16 fighters", "out": "no"}), nil))
	if resolved.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(resolved.Data.Embeds[0].Description, "Nothing to review") {
		t.Errorf("resolve over the gateway = %s, want the list redrawn empty", resolved.raw)
	}
	if rs, err := store.Reviews(t.Context()); err != nil || len(rs) != 1 || rs[0].Expected != "F-15 and F-16 fighters" {
		t.Errorf("Reviews = %+v, %v; want the expected phrase stored", rs, err)
	}
}
