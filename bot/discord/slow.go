package discord

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// DeferAfter is how long a command may run before the handler answers
// with a deferred response (type 5, or 6 for a button) and edits the
// original message when the answer is ready, as Discord asks of commands
// that may pass its 3 seconds.
const DeferAfter = 1500 * time.Millisecond

// answerWithin bounds the work done before an interaction's response is
// sent, over either transport: Discord allows 3 seconds, and the response
// must still travel.
const answerWithin = 2500 * time.Millisecond

// deferredWork bounds work whose answer was deferred: the interaction's
// token lasts 15 minutes, but an answer this late helps nobody.
const deferredWork = 30 * time.Second

// SetFollowups makes the handler defer slow answers and deliver them by
// editing the original message through s (a session; its token is not
// needed for the interaction webhook). Without it, every answer is given
// in the response itself, within the transport's deadline.
func (h *Handler) SetFollowups(s *discordgo.Session) { h.rest = s }

// SetDeferAfter changes how long a command may run before its answer is
// deferred; zero or less defers every answer, however fast.
func (h *Handler) SetDeferAfter(d time.Duration) { h.deferAfter = d }

// postFunc finishes an answer once its command has run (recording it,
// adding buttons), wherever the answer is delivered.
type postFunc func(ctx context.Context, d *discordgo.InteractionResponseData, outcome string, a *bot.Answer)

// result is an answer and its outcome, for metrics.
type result struct {
	d       *discordgo.InteractionResponseData
	outcome string
}

// followUp finishes a deferred answer once the transport has tried to send
// the deferred response (sendErr: why it could not): in the background it
// waits for the answer, edits the original message with it, and tells
// done the outcome the asker saw.
type followUp func(sendErr error, done func(outcome string))

// answer runs a command and returns the response of the given type, or,
// when the command takes longer than the handler's deferAfter and
// followups are set, a deferred response and the follow-up that edits the
// original message once the answer is ready; the transport calls it after
// it has sent the response. post runs after the command, before the
// answer is delivered.
func (h *Handler) answer(ctx context.Context, i *discordgo.Interaction, name string, in bot.Input, page int, typ discordgo.InteractionResponseType, post postFunc) (*discordgo.InteractionResponse, string, followUp) {
	if h.rest == nil {
		sv, release := h.acquire()
		defer release()
		d, outcome, a := h.run(ctx, sv, name, in, page)
		post(ctx, d, outcome, a)
		return reply(responseType(typ, d), d), outcome, nil
	}
	// The work outlives the request when it is deferred: it keeps the
	// request's values but not its deadline.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), deferredWork)
	ready := make(chan result, 1)
	sv, release := h.acquire()
	// Two counts for Drain: the work, and its delivery — taken now, so
	// the count never drops to zero between the work's end and the edit.
	h.answers.add()
	h.answers.add()
	h.Go(wctx, "interaction "+name, func() {
		defer h.answers.done()
		r := result{Notice("Something went wrong answering that. Please try again."), "error"}
		defer func() { ready <- r }()
		defer release()
		var a *bot.Answer
		r.d, r.outcome, a = h.run(wctx, sv, name, in, page)
		post(wctx, r.d, r.outcome, a)
	})
	if h.deferAfter > 0 {
		timer := time.NewTimer(h.deferAfter)
		defer timer.Stop()
		select {
		case r := <-ready:
			cancel()
			h.answers.done() // delivered in the response
			return reply(responseType(typ, r.d), r.d), r.outcome, nil
		case <-timer.C:
		}
	}
	deferred := discordgo.InteractionResponseDeferredChannelMessageWithSource
	if typ == discordgo.InteractionResponseUpdateMessage {
		deferred = discordgo.InteractionResponseDeferredMessageUpdate
	}
	edit := func(sendErr error, done func(outcome string)) {
		h.Go(wctx, "follow-up "+name, func() {
			defer h.answers.done()
			defer cancel()
			// The asker saw nothing unless the answer is edited in.
			outcome := "error"
			defer func() { done(outcome) }()
			if sendErr != nil {
				cancel() // no message to edit: stop the work
				<-ready
				return
			}
			r := <-ready
			if err := h.deliver(wctx, i, deferred, r.d); err != nil {
				h.log.ErrorContext(wctx, "edit deferred answer", "error", err, "interaction", i.ID)
				return
			}
			outcome = r.outcome
		})
	}
	return &discordgo.InteractionResponse{Type: deferred}, "deferred", edit
}

// Drain waits until the answers being worked on or delivered (deferred
// ones, whose edit comes after the response) are done, or ctx ends: a
// shutdown after the transports stop takes no new interactions, and must
// not lose an answer a member was told is coming.
func (h *Handler) Drain(ctx context.Context) error {
	return h.answers.wait(ctx)
}

// inflight counts work in progress and tells when none is left. Unlike a
// sync.WaitGroup, work may start while someone waits (an interaction the
// gateway was handling as it closed).
type inflight struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0; nil when nobody waits
}

func (f *inflight) add() {
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *inflight) done() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n--; f.n == 0 && f.idle != nil {
		close(f.idle)
		f.idle = nil
	}
}

// wait returns when no work is in progress, or with an error when ctx
// ends first.
func (f *inflight) wait(ctx context.Context) error {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return nil
	}
	if f.idle == nil {
		f.idle = make(chan struct{})
	}
	idle := f.idle
	f.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("answers still in flight: %w", ctx.Err())
	}
}

// responseType is the type of the response that carries d: a notice for
// the asker alone (ephemeral) in answer to a button comes in a message of
// its own, as an update would replace the answer every member sees (a page
// that could not be turned) with it.
func responseType(typ discordgo.InteractionResponseType, d *discordgo.InteractionResponseData) discordgo.InteractionResponseType {
	if typ == discordgo.InteractionResponseUpdateMessage && ephemeral(d) {
		return discordgo.InteractionResponseChannelMessageWithSource
	}
	return typ
}

// ephemeral reports whether d is for the asker alone (a Notice).
func ephemeral(d *discordgo.InteractionResponseData) bool {
	return d.Flags&discordgo.MessageFlagsEphemeral != 0
}

// deliver gives d, the answer of an interaction deferred with the response
// type deferred, by editing the original message — but a notice for the
// asker alone, after a button's deferred update, comes as an ephemeral
// follow-up, leaving the shared answer as it was. (After a deferred
// command, the notice edits the "thinking…" message: Discord fixes a
// deferred message's visibility when it is sent.)
func (h *Handler) deliver(ctx context.Context, i *discordgo.Interaction, deferred discordgo.InteractionResponseType, d *discordgo.InteractionResponseData) error {
	if deferred == discordgo.InteractionResponseDeferredMessageUpdate && ephemeral(d) {
		_, err := h.rest.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
			Content: d.Content, Embeds: d.Embeds, AllowedMentions: d.AllowedMentions, Flags: discordgo.MessageFlagsEphemeral,
		}, discordgo.WithContext(ctx))
		if err != nil {
			return fmt.Errorf("send a follow-up notice: %w", err)
		}
		return nil
	}
	return h.edit(ctx, i, d)
}

// edit replaces the original message of a deferred interaction with d.
func (h *Handler) edit(ctx context.Context, i *discordgo.Interaction, d *discordgo.InteractionResponseData) error {
	e := &discordgo.WebhookEdit{
		Content:         &d.Content,
		Embeds:          &d.Embeds,
		Files:           d.Files,
		AllowedMentions: d.AllowedMentions,
	}
	if d.Components != nil {
		e.Components = &d.Components
	} else {
		e.Components = &[]discordgo.MessageComponent{}
	}
	if _, err := h.rest.InteractionResponseEdit(i, e, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("edit the original message: %w", err)
	}
	return nil
}
