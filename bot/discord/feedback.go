package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/feedback"
)

// Feedback buttons and the 👎 form carry the answer's id, the id of the
// interaction that asked: "fb|up|ID", "fb|down|ID", and the form "fbm|ID".
// Nothing else is needed to take the click, so any replica can.
const (
	voteUp   = "fb|up|"
	voteDown = "fb|down|"
	voteForm = "fbm|"
)

// Form fields of the 👎 form.
const (
	fieldWrong    = "wrong"
	fieldExpected = "expected"
)

// SetFeedback makes the handler put 👍/👎 buttons on /ask answers, record
// answers (those not covered too) and votes in s, and answer /review from
// it. Without a store there are no buttons and /review says so.
func (h *Handler) SetFeedback(s feedback.Store) { h.feedback = s }

// recordAsk stores an /ask answer with the interaction's id and, once it is
// stored, adds the feedback buttons to the reply. A store that fails costs
// the buttons, never the answer.
func (h *Handler) recordAsk(ctx context.Context, i *discordgo.Interaction, in bot.Input, a *bot.Answer, d *discordgo.InteractionResponseData) {
	if h.feedback == nil || a == nil || i.ID == "" {
		return
	}
	rec := feedback.Answer{
		ID: i.ID, Question: bot.Clean(in["question"]), NotCovered: a.NotCovered,
		Guild: i.GuildID, Channel: i.ChannelID, User: userID(i), At: time.Now(),
	}
	for _, r := range a.Results {
		res := feedback.Result{}
		for _, c := range r.Citations {
			if res.ID == "" {
				res.ID = c.Passage
			}
			res.Citations = append(res.Citations, feedback.Citation{Doc: c.Doc, Passage: c.Passage, Quote: c.Quote})
		}
		rec.Results = append(rec.Results, res)
	}
	if rec.Question == "" {
		return
	}
	if err := h.feedback.RecordAnswer(ctx, rec); err != nil {
		h.log.ErrorContext(ctx, "record answer", "error", err)
		return
	}
	if !a.NotCovered {
		addVoteButtons(d, i.ID)
	}
}

// addVoteButtons adds the 👍/👎 row for answer id.
func addVoteButtons(d *discordgo.InteractionResponseData, id string) {
	d.Components = append(d.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: voteUp + id},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: voteDown + id},
	}})
}

// votedAnswer returns the answer id that the feedback buttons of the
// message a button was on carry, so that a paged answer keeps them.
func votedAnswer(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	for _, row := range m.Components {
		for _, c := range rowComponents(row) {
			if id, ok := strings.CutPrefix(customID(c), voteUp); ok {
				return id
			}
		}
	}
	return ""
}

// rowComponents returns the components of an action row, as built or as
// decoded from JSON.
func rowComponents(c discordgo.MessageComponent) []discordgo.MessageComponent {
	switch r := c.(type) {
	case discordgo.ActionsRow:
		return r.Components
	case *discordgo.ActionsRow:
		return r.Components
	}
	return nil
}

func customID(c discordgo.MessageComponent) string {
	switch b := c.(type) {
	case discordgo.Button:
		return b.CustomID
	case *discordgo.Button:
		return b.CustomID
	}
	return ""
}

// vote answers a 👍 or 👎 click: the vote is stored at once; a 👎 then
// opens the optional form asking what was wrong.
func (h *Handler) vote(ctx context.Context, i *discordgo.Interaction, custom string) (*discordgo.InteractionResponse, string) {
	verdict, id := feedback.Up, strings.TrimPrefix(custom, voteUp)
	if rest, ok := strings.CutPrefix(custom, voteDown); ok {
		verdict, id = feedback.Down, rest
	}
	if resp, outcome, ok := h.checkVote(i, id); !ok {
		return resp, outcome
	}
	err := h.feedback.Vote(ctx, feedback.Vote{Answer: id, User: userID(i), Verdict: verdict, At: time.Now()})
	if resp, outcome, ok := h.voteFailed(ctx, err); !ok {
		return resp, outcome
	}
	if verdict == feedback.Up {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Thanks — your 👍 is recorded. Click 👎 instead to change it.")), "ok"
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: voteForm + id,
		Title:    "What was wrong with this answer?",
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: fieldWrong, Label: "What was wrong (optional)", Style: discordgo.TextInputParagraph,
				Placeholder: "Wrong date, wrong person, missed the point…", MaxLength: feedback.MaxComment,
			}}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: fieldExpected, Label: "What is the right answer (optional)", Style: discordgo.TextInputShort,
				Placeholder: "A phrase the right answer contains", MaxLength: feedback.MaxExpected,
			}}},
		},
	}}, "ok"
}

// voteComment stores what a 👎 form said.
func (h *Handler) voteComment(ctx context.Context, i *discordgo.Interaction, data discordgo.ModalSubmitInteractionData) (*discordgo.InteractionResponse, string) {
	id := strings.TrimPrefix(data.CustomID, voteForm)
	if resp, outcome, ok := h.checkVote(i, id); !ok {
		return resp, outcome
	}
	v := formValues(data)
	err := h.feedback.Vote(ctx, feedback.Vote{Answer: id, User: userID(i), Verdict: feedback.Down,
		Comment: clip(v[fieldWrong], feedback.MaxComment), Expected: clip(v[fieldExpected], feedback.MaxExpected), At: time.Now()})
	if resp, outcome, ok := h.voteFailed(ctx, err); !ok {
		return resp, outcome
	}
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Thanks — moderators will see what you wrote.")), "ok"
}

// checkVote turns away a click the store cannot take, or one that comes
// too fast.
func (h *Handler) checkVote(i *discordgo.Interaction, id string) (*discordgo.InteractionResponse, string, bool) {
	switch {
	case h.feedback == nil:
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Feedback is not enabled here.")), "input_error", false
	case id == "" || len(id) > feedback.MaxID || userID(i) == "":
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That button has expired; run the command again.")), "input_error", false
	}
	if ok, wait := h.cool.allow(userID(i), time.Now()); !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(waitNotice("clicking", wait))), "cooldown", false
	}
	return nil, "", true
}

// voteFailed turns a store error into a reply.
func (h *Handler) voteFailed(ctx context.Context, err error) (*discordgo.InteractionResponse, string, bool) {
	return h.storeFailed(ctx, err, feedback.ErrUnknownAnswer, "That answer is too old to rate; ask again to rate a fresh one.",
		"record vote", "Your vote could not be saved just now. Please try again.")
}

// storeFailed turns a store error into a reply, or reports ok when err is
// nil: gone, the error for a record no longer stored, is the user's to fix
// and told with goneText; any other error is logged as what and told with
// failText.
func (h *Handler) storeFailed(ctx context.Context, err, gone error, goneText, what, failText string) (*discordgo.InteractionResponse, string, bool) {
	switch {
	case err == nil:
		return nil, "", true
	case errors.Is(err, gone):
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(goneText)), "input_error", false
	}
	h.log.ErrorContext(ctx, what, "error", err)
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(failText)), "error", false
}

// formValues returns a submitted form's text inputs by custom_id.
func formValues(data discordgo.ModalSubmitInteractionData) map[string]string {
	out := map[string]string{}
	for _, row := range data.Components {
		for _, c := range rowComponents(row) {
			switch t := c.(type) {
			case discordgo.TextInput:
				out[t.CustomID] = t.Value
			case *discordgo.TextInput:
				out[t.CustomID] = t.Value
			}
		}
	}
	return out
}

// clip keeps at most n characters of s: Discord enforces the form's
// limits, and a forged request gets cut rather than refused.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// handleComponent routes a button click by its custom_id.
func (h *Handler) handleComponent(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, followUp) {
	custom := i.MessageComponentData().CustomID
	switch {
	case strings.HasPrefix(custom, voteUp), strings.HasPrefix(custom, voteDown):
		resp, outcome := h.vote(ctx, i, custom)
		return resp, outcome, nil
	case strings.HasPrefix(custom, reviewPrefix):
		resp, outcome := h.reviewButton(ctx, i, custom)
		return resp, outcome, nil
	}
	return h.page(ctx, i)
}

// handleModal routes a submitted form by its custom_id.
func (h *Handler) handleModal(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string) {
	data := i.ModalSubmitData()
	switch {
	case strings.HasPrefix(data.CustomID, voteForm):
		return h.voteComment(ctx, i, data)
	case strings.HasPrefix(data.CustomID, reviewForm):
		return h.resolveSubmit(ctx, i, data)
	}
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That form has expired; run the command again.")), "input_error"
}

// formatCount is "3 not covered" style: n and a label, or "" for zero.
func formatCount(n int, label string) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s", n, label)
}
