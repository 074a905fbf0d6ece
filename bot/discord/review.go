package discord

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/feedback"
)

// /review's buttons and form carry the list they were on, so that any
// replica can take a click and redraw the list:
//
//	rv|pg|STATUS|PAGE                 another page
//	rv|res|STATUS|PAGE|N|OUT|KEY      open the form resolving question N
//	rv|open|STATUS|PAGE|N|KEY         reopen question N
//	rvm|STATUS|PAGE|KEY               the submitted form
const (
	reviewPrefix = "rv|"
	reviewForm   = "rvm|"
	// reviewPageSize questions fit one embed with their comments, and
	// their buttons one row.
	reviewPageSize = 5
)

// Fields of the form resolving a question.
const (
	fieldNote       = "note"
	fieldWant       = "want"
	fieldOutOfScope = "out"
)

// reviewDenied is what a member who is not a moderator is told, on every
// path into review: the command, its buttons and its form.
func (h *Handler) reviewDenied() *discordgo.InteractionResponse {
	msg := "Only moderators (Manage Messages) can review feedback."
	if c := h.commands["review"]; c != nil && c.Moderators != "" {
		msg = c.Moderators
	}
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(msg))
}

// review answers /review status: page:.
func (h *Handler) review(ctx context.Context, _ *discordgo.Interaction, in bot.Input) (*discordgo.InteractionResponseData, string) {
	if h.feedback == nil {
		return Notice("Feedback is not enabled here: start Dossier with a feedback store (--db)."), "input_error"
	}
	status := in["status"]
	if status == "" {
		status = bot.ReviewStatuses()[0]
	}
	page := 1
	if p, ok := in["page"]; ok {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > bot.MaxReviewPage {
			return Notice(fmt.Sprintf("The page is a number from 1 to %d.", bot.MaxReviewPage)), "input_error"
		}
		page = n
	}
	if _, ok := feedback.ParseStatus(status); !ok {
		return Notice("The status is one of " + strings.Join(bot.ReviewStatuses(), ", ") + "."), "input_error"
	}
	return h.reviewList(ctx, status, page-1)
}

// reviewList renders one page (from 0) of the review list.
func (h *Handler) reviewList(ctx context.Context, status string, page int) (*discordgo.InteractionResponseData, string) {
	st, _ := feedback.ParseStatus(status)
	filter := feedback.Filter{Status: st, Offset: page * reviewPageSize, Limit: reviewPageSize}
	qs, total, err := h.feedback.Questions(ctx, filter)
	if err == nil && len(qs) == 0 && total > 0 {
		// Past the end, as after resolving the last question of the last
		// page: show the last page there is.
		page = (total - 1) / reviewPageSize
		filter.Offset = page * reviewPageSize
		qs, total, err = h.feedback.Questions(ctx, filter)
	}
	if err != nil {
		h.log.ErrorContext(ctx, "list feedback", "error", err)
		return Notice("The feedback store did not answer just now. Please try again."), "error"
	}
	pages := max(1, (total+reviewPageSize-1)/reviewPageSize)
	e := &discordgo.MessageEmbed{Title: "Review — " + status + " questions", Color: colour}
	if total == 0 {
		e.Description = "Nothing to review: no " + status + " unanswered or downvoted questions."
		if status == "pending" {
			e.Description = "Nothing to review: every unanswered or downvoted question is resolved."
		}
	}
	var items []string
	var buttons []discordgo.MessageComponent
	for n, q := range qs {
		items = append(items, reviewItem(page*reviewPageSize+n+1, q))
		num := strconv.Itoa(page*reviewPageSize + n + 1)
		if q.Resolved {
			buttons = append(buttons, discordgo.Button{Label: "Reopen " + num, Style: discordgo.SecondaryButton,
				CustomID: fmt.Sprintf("%sopen|%s|%d|%s|%s", reviewPrefix, status, page, num, q.Key)})
			continue
		}
		out := "n"
		if q.NotCovered > q.Down {
			out = "y"
		}
		buttons = append(buttons, discordgo.Button{Label: "Resolve " + num, Style: discordgo.SuccessButton,
			CustomID: fmt.Sprintf("%sres|%s|%d|%s|%s|%s", reviewPrefix, status, page, num, out, q.Key)})
	}
	if len(items) > 0 {
		e.Description = fit(strings.Join(items, "\n\n"), MaxDesc)
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Page %d of %d · %d %s", page+1, pages, total, bot.Plural(total, "question", "questions"))}
	d := &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()}
	if pages > 1 {
		d.Components = append(d.Components, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: fmt.Sprintf("%spg|%s|%d", reviewPrefix, status, max(page-1, 0)), Disabled: page == 0},
			discordgo.Button{Label: "Next", Style: discordgo.PrimaryButton, CustomID: fmt.Sprintf("%spg|%s|%d", reviewPrefix, status, page+1), Disabled: page >= pages-1},
		}})
	}
	if len(buttons) > 0 {
		d.Components = append(d.Components, discordgo.ActionsRow{Components: buttons})
	}
	return d, "ok"
}

// reviewItem is one question of the list: its wording, counts, what voters
// wrote and the moderators' note.
func reviewItem(n int, q feedback.Question) string {
	var counts []string
	for _, c := range []string{formatCount(q.NotCovered, "not covered"), formatCount(q.Down, "👎"), formatCount(q.Up, "👍")} {
		if c != "" {
			counts = append(counts, c)
		}
	}
	counts = append(counts, "last "+q.Last.Format("2 Jan 2006"))
	s := fmt.Sprintf("**%d.** %s\n%s", n, fit(EscapeMarkdown(q.Text), 200), strings.Join(counts, " · "))
	for i, c := range q.Comments {
		if i == 2 {
			break
		}
		line := "> "
		if c.Text != "" {
			line += "“" + fit(EscapeMarkdown(c.Text), 150) + "”"
		}
		if c.Expected != "" {
			if c.Text != "" {
				line += " — "
			}
			line += "right answer: “" + fit(EscapeMarkdown(c.Expected), 100) + "”"
		}
		s += "\n" + line
	}
	if r := q.Review; r != nil {
		state := "Resolved"
		if !q.Resolved {
			state = "Reopened (asked again since)"
			if !r.Resolved {
				state = "Reopened"
			}
		}
		s += "\n*" + state + "*"
		switch {
		case r.OutOfScope:
			s += " · out of scope"
		case r.Expected != "":
			s += " · expects “" + fit(EscapeMarkdown(r.Expected), 100) + "”"
		}
		if r.Note != "" {
			s += " · " + fit(EscapeMarkdown(r.Note), 150)
		}
	}
	return s
}

// reviewButton answers the list's buttons: paging, resolving, reopening.
func (h *Handler) reviewButton(ctx context.Context, i *discordgo.Interaction, custom string) (*discordgo.InteractionResponse, string) {
	if !isModerator(i) {
		return h.reviewDenied(), "denied"
	}
	expired := reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That button has expired; run /review again."))
	if h.feedback == nil {
		return expired, "input_error"
	}
	if ok, wait := h.cool.allow(userID(i), time.Now()); !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(waitNotice("clicking", wait))), "cooldown"
	}
	parts := strings.Split(strings.TrimPrefix(custom, reviewPrefix), "|")
	if len(parts) < 3 {
		return expired, "input_error"
	}
	action, status := parts[0], parts[1]
	page, err := strconv.Atoi(parts[2])
	if _, ok := feedback.ParseStatus(status); !ok || err != nil || page < 0 || page >= bot.MaxReviewPage {
		return expired, "input_error"
	}
	switch {
	case action == "pg" && len(parts) == 3:
		d, outcome := h.reviewList(ctx, status, page)
		return reply(discordgo.InteractionResponseUpdateMessage, d), outcome
	case action == "res" && len(parts) == 6:
		n, out, key := parts[3], parts[4], parts[5]
		if _, err := strconv.Atoi(n); err != nil || len(key) > feedback.MaxID {
			return expired, "input_error"
		}
		outValue := "no"
		if out == "y" {
			outValue = "yes"
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
			CustomID: fmt.Sprintf("%s%s|%d|%s", reviewForm, status, page, key),
			Title:    "Resolve question " + n,
			Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: fieldNote, Label: "Note (optional)", Style: discordgo.TextInputParagraph,
					Placeholder: "What was done: fact added, wording fixed, not in the sources…", MaxLength: feedback.MaxNote,
				}}},
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: fieldWant, Label: "Phrase the right answer contains (optional)", Style: discordgo.TextInputShort,
					Placeholder: "Several, any of which counts: a | b", MaxLength: feedback.MaxExpected,
				}}},
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
					CustomID: fieldOutOfScope, Label: "Outside the sources? (yes or no)", Style: discordgo.TextInputShort,
					Value: outValue, Required: true, MaxLength: 3,
				}}},
			},
		}}, "ok"
	case action == "open" && len(parts) == 5:
		err := h.feedback.Resolve(ctx, feedback.Review{Key: parts[4], Resolved: false, KeepNote: true, KeepAnswer: true, Reviewer: userID(i), At: time.Now()})
		if resp, outcome, ok := h.reviewFailed(ctx, err); !ok {
			return resp, outcome
		}
		d, outcome := h.reviewList(ctx, status, page)
		return reply(discordgo.InteractionResponseUpdateMessage, d), outcome
	}
	return expired, "input_error"
}

// resolveSubmit stores a moderator's resolution and redraws the list.
func (h *Handler) resolveSubmit(ctx context.Context, i *discordgo.Interaction, data discordgo.ModalSubmitInteractionData) (*discordgo.InteractionResponse, string) {
	if !isModerator(i) {
		return h.reviewDenied(), "denied"
	}
	expired := reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That form has expired; run /review again."))
	parts := strings.Split(strings.TrimPrefix(data.CustomID, reviewForm), "|")
	if h.feedback == nil || len(parts) != 3 {
		return expired, "input_error"
	}
	status, key := parts[0], parts[2]
	page, err := strconv.Atoi(parts[1])
	if _, ok := feedback.ParseStatus(status); !ok || err != nil || page < 0 || page >= bot.MaxReviewPage {
		return expired, "input_error"
	}
	v := formValues(data)
	var out bool
	switch strings.ToLower(strings.TrimSpace(v[fieldOutOfScope])) {
	case "yes", "y", "true":
		out = true
	case "no", "n", "false", "":
	default:
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("“Outside the sources?” takes yes or no; nothing was changed.")), "input_error"
	}
	want := clip(v[fieldWant], feedback.MaxExpected)
	if out && want != "" {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("A question outside the sources has no right-answer phrase: give one or the other; nothing was changed.")), "input_error"
	}
	err = h.feedback.Resolve(ctx, feedback.Review{Key: key, Resolved: true, Note: clip(v[fieldNote], feedback.MaxNote),
		Expected: want, OutOfScope: out, Reviewer: userID(i), At: time.Now()})
	if resp, outcome, ok := h.reviewFailed(ctx, err); !ok {
		return resp, outcome
	}
	d, outcome := h.reviewList(ctx, status, page)
	return reply(discordgo.InteractionResponseUpdateMessage, d), outcome
}

// reviewFailed turns a store error into a reply.
func (h *Handler) reviewFailed(ctx context.Context, err error) (*discordgo.InteractionResponse, string, bool) {
	return h.storeFailed(ctx, err, feedback.ErrUnknownQuestion, "That question is no longer stored (pruned or deleted); run /review again.",
		"resolve question", "The review could not be saved just now. Please try again.")
}
