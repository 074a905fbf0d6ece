package discord

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// reloadWait is how long /reload waits for the rebuild before answering
// that it goes on in the background: Discord allows 3 seconds.
const reloadWait = 2 * time.Second

// errReloadPanicked is a reload's outcome when it panicked (recovered,
// logged and counted by the handler).
var errReloadPanicked = errors.New("the reload failed with an internal error")

// runReload answers /reload: it rebuilds in the background and reports the
// outcome if it comes within reloadWait.
func (h *Handler) runReload(_ context.Context, _ *discordgo.Interaction, _ bot.Input) (*discordgo.InteractionResponseData, string) {
	if h.reload == nil {
		return Notice("Reloading is not enabled here."), "error"
	}
	done := make(chan error, 1)
	// Not the request's context: the rebuild outlives the reply.
	h.Go(context.Background(), "reload", func() {
		err := errReloadPanicked
		defer func() { done <- err }()
		err = h.reload(context.Background())
	})
	select {
	case err := <-done:
		if err != nil {
			return Notice("Reload failed; the previous index keeps serving. " + err.Error()), "error"
		}
		return Notice("Reloaded: answers now come from the rebuilt index."), "ok"
	case <-time.After(reloadWait):
		return Notice("Reloading in the background; the current index serves until the new one is ready."), "ok"
	}
}
