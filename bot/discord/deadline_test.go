package discord_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/bot/feedback"
)

// stuckStore is a feedback store whose question list waits until its
// context ends, as a locked database would, and records the deadline it
// was given.
type stuckStore struct {
	feedback.Store
	mu       sync.Mutex
	deadline time.Time
	had      bool
}

func (s *stuckStore) Questions(ctx context.Context, f feedback.Filter) ([]feedback.Question, int, error) {
	dl, ok := ctx.Deadline()
	s.mu.Lock()
	s.deadline, s.had = dl, ok
	s.mu.Unlock()
	select {
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	case <-time.After(time.Minute):
		return s.Store.Questions(ctx, f)
	}
}

// TestHTTPWorkHasDeadline sends /review over the HTTP endpoint to a store
// that never answers: the work must run under Discord's 3-second limit,
// as over the gateway, and the moderator gets a reply rather than Discord's
// "did not respond".
func TestHTTPWorkHasDeadline(t *testing.T) {
	st := bottest.New(t, "")
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(t))
	h.SetCooldown(time.Nanosecond, 1<<30)
	s, err := feedback.Open(t.Context(), filepath.Join(t.TempDir(), "f.db"), feedback.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stuck := &stuckStore{Store: s}
	h.SetFeedback(stuck)
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(discord.NewEndpoint(h, pub, nil))
	defer srv.Close()
	e := &endpoint{url: srv.URL, priv: priv, h: h}
	sent := time.Now()
	code, r := e.post(t, interaction(discordgo.InteractionApplicationCommand, map[string]any{"id": "1", "name": "review", "type": 1}, "8192"), sent, priv)
	stuck.mu.Lock()
	defer stuck.mu.Unlock()
	switch {
	case !stuck.had:
		t.Errorf("/review over HTTP ran its store call with no deadline, want one within 3 s")
	case stuck.deadline.Sub(sent) > 3*time.Second:
		t.Errorf("/review over HTTP ran its store call with a deadline %v after the request, want within 3 s", stuck.deadline.Sub(sent))
	}
	if code != 200 || r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data == nil || r.Data.Content == "" {
		t.Errorf("/review with a stuck store = %d %+v, want a message saying it could not answer", code, r)
	}
}
