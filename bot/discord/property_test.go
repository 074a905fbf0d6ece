package discord_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
)

// options turns a case's input into a slash command's options.
func options(c bottest.Case) map[string]any {
	opts := map[string]any{}
	for k, v := range c.Input {
		opts[k] = v
	}
	return opts
}

// checkPropertyReply fails unless r answers the case or says clearly that
// nothing was found or the input was not understood: never an internal
// error.
func checkPropertyReply(t *testing.T, c bottest.Case, r *reply) {
	t.Helper()
	if r.Data == nil {
		t.Errorf("%s: reply without data: %s", c, r.payload)
		return
	}
	if strings.Contains(string(r.payload), "Something went wrong") || strings.Contains(string(r.payload), "internal error") {
		t.Errorf("%s: internal error: %.300s", c, r.payload)
		return
	}
	if r.Data.Content == "" && len(r.Data.Embeds) == 0 {
		t.Errorf("%s: empty reply: %.300s", c, r.payload)
	}
	checkReply(t, r)
}

// TestEveryInputOverHTTP runs every command over every actor, place,
// event, speaker and date the knowledge base knows, as a moderator, through
// the signed HTTP endpoint.
func TestEveryInputOverHTTP(t *testing.T) {
	e := newEndpoint(t)
	st := bottest.New(t, "")
	cases := bottest.EveryInput(st.Bot, st.KB)
	for _, c := range cases {
		code, r := e.post(t, interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": c.Command, "type": 1, "options": optionList(options(c))}, "8192"), time.Now(), e.priv)
		if code != http.StatusOK {
			t.Errorf("%s: status %d %s", c, code, r.payload)
			continue
		}
		checkPropertyReply(t, c, r)
	}
	t.Logf("%d cases", len(cases))
}

// optionList is a command's options as Discord sends them.
func optionList(opts map[string]any) []map[string]any {
	var list []map[string]any
	for k, v := range opts {
		typ := 3
		if k == "all" {
			typ, v = 5, v == "true"
		}
		list = append(list, map[string]any{"name": k, "type": typ, "value": v})
	}
	return list
}

// TestEveryInputOverGateway runs the same cases through a real discordgo
// session against the fake Discord.
func TestEveryInputOverGateway(t *testing.T) {
	if testing.Short() {
		t.Skip("every input over the gateway")
	}
	f := discordtest.New(t)
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetDeferAfter(time.Hour) // these tests read each answer from its callback
	h.SetCooldown(time.Nanosecond, 1<<30)
	cancel, done := startGateway(t, f, h)
	cases := bottest.EveryInput(st.Bot, st.KB)
	for i, c := range cases {
		id := fmt.Sprintf("9%05d", i)
		ev := discordtest.InteractionEvent(id, 2, map[string]any{"id": "1", "name": c.Command, "type": 1, "options": optionList(options(c))})
		ev["member"].(map[string]any)["permissions"] = "8192"
		f.Dispatch("INTERACTION_CREATE", ev)
		cb := f.WaitCallback(t)
		if !strings.Contains(cb.Path, "/"+id+"/") {
			t.Fatalf("%s: callback %s, want interaction %s", c, cb.Path, id)
		}
		checkPropertyReply(t, c, parseReply(t, cb.ContentType, cb.Body))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("RunGateway = %v", err)
	}
}
