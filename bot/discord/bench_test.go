package discord_test

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/bot/discord"
	"github.com/dossier/dossier/bot/discord/discordtest"
	"github.com/dossier/dossier/bot/loadgen"
)

// BenchmarkEndpoint verifies and answers the mixed query set, plus an
// autocomplete and a ping, as signed interactions through the endpoint's
// handler (no network). Each request is signed afresh, as Discord's are:
// the endpoint refuses a signature it has seen. Signing is done in batches
// with the timer stopped.
func BenchmarkEndpoint(b *testing.B) {
	st := bottest.New(b, "")
	s, err := loadgen.NewSigner()
	if err != nil {
		b.Fatal(err)
	}
	h := discord.NewHandler(bot.NewLive(st.Bot, st.KB, nil), nil)
	h.SetPanicHook(discordtest.FailOnPanic(b))
	h.SetCooldown(time.Nanosecond, 1<<30)
	ep := discord.NewEndpoint(h, s.PublicKey(), nil)
	type kind struct {
		typ  discordgo.InteractionType
		data discordgo.InteractionData
	}
	var kinds []kind
	for _, op := range loadgen.Mix() {
		kinds = append(kinds, kind{discordgo.InteractionApplicationCommand, op.Data})
	}
	kinds = append(kinds,
		kind{discordgo.InteractionApplicationCommandAutocomplete, discordgo.ApplicationCommandInteractionData{ID: "1", Name: "who-said", CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "speaker", Type: discordgo.ApplicationCommandOptionString, Value: "bli", Focused: true}}}},
		kind{discordgo.InteractionPing, nil})
	var batch []*loadgen.Signed
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if len(batch) == 0 {
			b.StopTimer()
			for range 256 {
				k := kinds[(i+len(batch))%len(kinds)]
				in, err := s.Sign(k.typ, k.data)
				if err != nil {
					b.Fatal(err)
				}
				batch = append(batch, in)
			}
			b.StartTimer()
		}
		in := batch[0]
		batch = batch[1:]
		req, err := in.Request(b.Context(), "/interactions")
		if err != nil {
			b.Fatal(err)
		}
		w := httptest.NewRecorder()
		ep.ServeHTTP(w, req)
		if err := loadgen.Check(w.Result()); err != nil {
			b.Fatalf("%s: %v", in.Body, err)
		}
		i++
	}
}
