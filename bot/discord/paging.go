package discord

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// pageKey encodes a command and its options for a paging button.
func pageKey(cmd string, in bot.Input) string {
	v := url.Values{}
	for k, val := range in {
		if val != "" {
			v.Set(k, val)
		}
	}
	return cmd + "|" + v.Encode()
}

// pageID is a button's custom_id: "pg|page|command|options".
func pageID(page int, key string) string {
	return "pg|" + strconv.Itoa(max(page, 0)) + "|" + key
}

func parsePageID(id string) (cmd string, page int, in bot.Input, ok bool) {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) != 4 || parts[0] != "pg" {
		return "", 0, nil, false
	}
	page, err := strconv.Atoi(parts[1])
	if err != nil || page < 0 || page > 1000 {
		return "", 0, nil, false
	}
	v, err := url.ParseQuery(parts[3])
	if err != nil {
		return "", 0, nil, false
	}
	in = bot.Input{}
	for k := range v {
		in[k] = v.Get(k)
	}
	return parts[2], page, in, true
}

// page answers a Previous/Next button: the same command and options, at
// another page.
func (h *Handler) page(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, followUp) {
	name, page, in, ok := parsePageID(i.MessageComponentData().CustomID)
	if !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That button has expired; run the command again.")), "input_error", nil
	}
	// A button is another way into its command: the same permission
	// applies, whatever the custom_id says.
	if c := h.commands[name]; c != nil && c.Moderators != "" && !isModerator(i) {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(c.Moderators)), "denied", nil
	}
	if asker := askerID(i); asker != "" && asker != userID(i) {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Only the member who asked can page this reply. Run the command yourself to browse it.")), "denied", nil
	}
	if ok, wait := h.cool.allow(userID(i), time.Now()); !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(waitNotice("paging", wait))), "cooldown", nil
	}
	return h.answer(ctx, i, name, in, page, discordgo.InteractionResponseUpdateMessage,
		func(_ context.Context, d *discordgo.InteractionResponseData, outcome string, _ *bot.Answer) {
			if id := votedAnswer(i.Message); id != "" && outcome == "ok" {
				addVoteButtons(d, id) // the answer's buttons stay on every page
			}
		})
}

// askerID is who ran the command whose reply holds the button pressed, as
// Discord reports it on the message; "" if it does not say.
func askerID(i *discordgo.Interaction) string {
	m := i.Message
	switch {
	case m == nil:
		return ""
	case m.InteractionMetadata != nil && m.InteractionMetadata.User != nil:
		return m.InteractionMetadata.User.ID
	case m.Interaction != nil && m.Interaction.User != nil:
		return m.Interaction.User.ID
	}
	return ""
}
